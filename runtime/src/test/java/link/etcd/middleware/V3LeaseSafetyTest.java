package link.etcd.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import link.etcd.EtcdIndeterminateException;
import link.etcd.EtcdV3Client;
import link.etcd.EtcdV3Types.KeyValue;
import link.etcd.EtcdV3Types.RangeOptions;
import link.etcd.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A tree write with a TTL never deletes data through the lease it granted: not when it fails part
 * way (keys that were there are already on the new lease), not when the answer to its txn is lost
 * (the txn may have been applied).
 */
@ParameterizedClass
@MethodSource("link.etcd.Target#v3Targets")
final class V3LeaseSafetyTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final Target target;
  private EtcdV3Client raw;
  private String base;

  V3LeaseSafetyTest(Target target) {
    this.target = target;
  }

  @BeforeEach
  void open(TestInfo info) {
    raw = new EtcdV3Client(target.settings());
    base = "/ls-" + info.getTestMethod().orElseThrow().getName() + "-" + COUNTER.incrementAndGet();
  }

  @AfterEach
  void close() {
    raw.close();
  }

  private static Map<String, Object> leaves(int count, String value) {
    Map<String, Object> tree = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      tree.put(String.format("k%03d", i), value);
    }
    return tree;
  }

  private Map<String, KeyValue> stored(String key) {
    Map<String, KeyValue> result = new LinkedHashMap<>();
    RangeOptions under = RangeOptions.defaults().withRangeEnd(EtcdV3Client.prefixEnd(key + "/"));
    raw.range(key + "/", under).kvs().forEach(kv -> result.put(kv.key(), kv));
    return result;
  }

  @Test
  void aTtlTreeWriteThatFailsPartWayKeepsTheKeysThatWereThere() {
    try (EtcdMiddleware middleware = new EtcdMiddleware(target.settings())) {
      middleware.set(base, leaves(200, "old"));
    }
    Map<String, Object> tree = leaves(200, "new");
    tree.put("k150", "b".repeat(1_700_000));
    // The client allows 4 MiB, etcd its default 1.5 MiB: the txn holding the big leaf is refused
    // after the txns before it moved keys that were there onto the write's lease.
    try (EtcdMiddleware large =
        new EtcdMiddleware(target.builder().maxRequestBytes(4 << 20).build())) {
      EtcdPartialWriteException e =
          assertThrows(
              EtcdPartialWriteException.class,
              () -> large.set(base, new Expiring(tree, Duration.ofSeconds(60))));
      assertEquals(128, e.done().size(), e.getMessage());
    }
    Map<String, KeyValue> stored = stored(base);
    assertEquals(201, stored.size(), "the marker and the 200 keys: " + stored.keySet());
    assertEquals("new", stored.get(base + "/k000").value());
    assertEquals("old", stored.get(base + "/k199").value());
    long lease = stored.get(base + "/k000").lease();
    assertTrue(lease != 0);
    long left = raw.timeToLive(lease, false).ttlSeconds();
    assertTrue(left > 30, "the lease lives on: " + left + " s left");
  }

  @Test
  void aTtlTreeWriteWhoseAnswerIsLostLeavesItsLeaseAlone() throws Exception {
    raw.put(base + "/old", "there before");
    try (MarkerProxy proxy = new MarkerProxy(target.settings().host(), target.settings().port());
        EtcdMiddleware middleware =
            new EtcdMiddleware(target.builder().host("127.0.0.1").port(proxy.port()).build())) {
      proxy.loseAnswerTo(base + "/lost-answer");
      assertThrows(
          EtcdIndeterminateException.class,
          () ->
              middleware.set(
                  base, new Expiring(Map.of("lost-answer", "new"), Duration.ofSeconds(60))));
    }
    try (EtcdMiddleware middleware = new EtcdMiddleware(target.settings())) {
      assertEquals(Map.of("lost-answer", "new"), middleware.get(base));
      long left = middleware.ttl(base).orElseThrow().toSeconds();
      assertTrue(left > 30, "the lease lives on: " + left + " s left");
    }
  }
}
