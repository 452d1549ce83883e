package link.etcd.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import link.etcd.EtcdError;
import link.etcd.EtcdV3Client;
import link.etcd.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A tree write beyond one txn never returns normally when another writer deleted a key it wrote
 * between two of its txns: once its txns are committed, the write counts the keys at and under the
 * path at the last txn's revision.
 */
@ParameterizedClass
@MethodSource("link.etcd.Target#v3Targets")
final class V3ChunkGuardTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final Target target;
  private EtcdV3Client raw;
  private String base;

  V3ChunkGuardTest(Target target) {
    this.target = target;
  }

  @BeforeEach
  void open(TestInfo info) {
    raw = new EtcdV3Client(target.settings());
    base = "/cg-" + info.getTestMethod().orElseThrow().getName() + "-" + COUNTER.incrementAndGet();
  }

  @AfterEach
  void close() {
    raw.close();
  }

  @Test
  void aKeyDeletedBetweenTwoTxnsOfAWriteIsReported() throws Exception {
    Map<String, Object> tree = new LinkedHashMap<>();
    for (int i = 0; i < 300; i++) {
      tree.put(String.format("k%04d", i), "v");
    }
    try (MarkerProxy proxy = new MarkerProxy(target.settings().host(), target.settings().port());
        EtcdMiddleware middleware =
            new EtcdMiddleware(target.builder().host("127.0.0.1").port(proxy.port()).build())) {
      // The first txn holds the marker and k0000..k0126; the second starts with k0127.
      proxy.holdRequestWith(base + "/k0200");
      CompletableFuture<Void> write = CompletableFuture.runAsync(() -> middleware.set(base, tree));
      assertTrue(proxy.awaitHeld(30), "the second txn was sent");
      assertEquals(1, raw.deleteRange(base + "/k0005").deleted());
      proxy.release();
      Throwable failure =
          assertThrows(
                  java.util.concurrent.ExecutionException.class,
                  () -> write.get(30, TimeUnit.SECONDS))
              .getCause();
      EtcdPartialWriteException e = (EtcdPartialWriteException) failure;
      assertEquals(EtcdError.COMPARE_FAILED, e.error());
      // The second and third txns were in flight together: both were committed.
      assertEquals(301, e.done().size(), e.getMessage());
      assertEquals(List.of(), e.failed());
      assertEquals(List.of(), e.notDone());
      assertEquals(
          "Another writer deleted 1 key(s) at or under "
              + base
              + " during the write: 301 of the keys written and kept so far were expected, 300"
              + " were found",
          e.getCause().getMessage());
    }
  }
}
