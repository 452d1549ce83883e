package link.etcd.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import link.etcd.EtcdConnectionException;
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
 * A tree write beyond one txn sends its first txn alone, then the others together (at most {@code
 * per_host_pool_size} in flight), and reports exactly what became of each when one in the middle is
 * refused or its answer is lost. The tree has 600 leaves: its txns are the marker with {@code
 * k0000..k0126}, then {@code k0127..k0254}, {@code k0255..k0382}, {@code k0383..k0510} and {@code
 * k0511..k0599}.
 */
@ParameterizedClass
@MethodSource("link.etcd.Target#v3Targets")
final class V3ChunksInFlightTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final int LEAVES = 600;

  private final Target target;
  private EtcdV3Client raw;
  private String base;

  V3ChunksInFlightTest(Target target) {
    this.target = target;
  }

  @BeforeEach
  void open(TestInfo info) {
    raw = new EtcdV3Client(target.settings());
    base = "/cf-" + info.getTestMethod().orElseThrow().getName() + "-" + COUNTER.incrementAndGet();
  }

  @AfterEach
  void close() {
    raw.close();
  }

  private static Map<String, Object> tree() {
    Map<String, Object> tree = new LinkedHashMap<>();
    for (int i = 0; i < LEAVES; i++) {
      tree.put(String.format("k%04d", i), "v" + i);
    }
    return tree;
  }

  /**
   * {@return the puts of leaves {@code from} to {@code to} (exclusive), as the report lists them}
   */
  private List<String> puts(int from, int to) {
    List<String> puts = new ArrayList<>();
    for (int i = from; i < to; i++) {
      puts.add(String.format("PUT %s/k%04d", base, i));
    }
    return puts;
  }

  @Test
  void aLargeTreeIsWrittenWholeWithOneOrManyTxnsInFlight() {
    for (int pool : new int[] {1, 10}) {
      String at = base + "-" + pool;
      try (EtcdMiddleware middleware =
          new EtcdMiddleware(target.builder().perHostPoolSize(pool).build())) {
        middleware.set(at, tree());
        assertEquals(tree(), middleware.get(at));
        Map<String, Object> smaller = tree();
        smaller.keySet().removeIf(name -> name.compareTo("k0300") >= 0);
        smaller.put("k0000", "changed");
        middleware.set(at, smaller);
        assertEquals(smaller, middleware.get(at));
      }
    }
  }

  @Test
  void aTxnInTheMiddleRefusedIsReportedWhileTheOthersCommit() throws Exception {
    EtcdPartialWriteException e = writeWithK0300ChangedMeanwhile(10);
    assertEquals(EtcdError.COMPARE_FAILED, e.error());
    assertEquals("Another writer changed " + base + " during the write", e.getCause().getMessage());
    List<String> done = new ArrayList<>();
    done.add("PUT " + base + "/");
    done.addAll(puts(0, 255));
    done.addAll(puts(383, LEAVES));
    assertEquals(done, e.done());
    assertEquals(puts(255, 383), e.failed());
    assertEquals(List.of(), e.notDone());
    assertEquals("other", raw.range(base + "/k0300").kvs().get(0).value());
    assertEquals(0, raw.range(base + "/k0256").kvs().size());
    assertEquals("v599", raw.range(base + "/k0599").kvs().get(0).value());
  }

  @Test
  void withOneTxnInFlightTheTxnsAfterARefusedOneAreNotSent() throws Exception {
    EtcdPartialWriteException e = writeWithK0300ChangedMeanwhile(1);
    List<String> done = new ArrayList<>();
    done.add("PUT " + base + "/");
    done.addAll(puts(0, 255));
    assertEquals(done, e.done());
    assertEquals(puts(255, 383), e.failed());
    assertEquals(puts(383, LEAVES), e.notDone());
    assertEquals(0, raw.range(base + "/k0599").kvs().size());
  }

  /** Holds the third txn (it carries k0300) until another writer has changed k0300. */
  private EtcdPartialWriteException writeWithK0300ChangedMeanwhile(int pool) throws Exception {
    try (MarkerProxy proxy = new MarkerProxy(target.settings().host(), target.settings().port());
        EtcdMiddleware middleware =
            new EtcdMiddleware(
                target
                    .builder()
                    .host("127.0.0.1")
                    .port(proxy.port())
                    .perHostPoolSize(pool)
                    .build())) {
      proxy.holdRequestWith(base + "/k0300");
      CompletableFuture<Void> write =
          CompletableFuture.runAsync(() -> middleware.set(base, tree()));
      assertTrue(proxy.awaitHeld(30), "the third txn was sent");
      raw.put(base + "/k0300", "other");
      proxy.release();
      Throwable failure =
          assertThrows(ExecutionException.class, () -> write.get(30, TimeUnit.SECONDS)).getCause();
      return assertInstanceOf(EtcdPartialWriteException.class, failure);
    }
  }

  @Test
  void aLostAnswerLeavesItsTxnInDoubtAndTheReportExact() throws Exception {
    try (MarkerProxy proxy = new MarkerProxy(target.settings().host(), target.settings().port());
        EtcdMiddleware middleware =
            new EtcdMiddleware(target.builder().host("127.0.0.1").port(proxy.port()).build())) {
      proxy.loseAnswerTo(base + "/k0300");
      EtcdPartialWriteException e =
          assertThrows(EtcdPartialWriteException.class, () -> middleware.set(base, tree()));
      assertInstanceOf(EtcdConnectionException.class, e.getCause(), e.getMessage());
      assertTrue(e.failed().containsAll(puts(255, 383)), e.getMessage());
      Set<String> all = new HashSet<>(e.done());
      all.addAll(e.failed());
      all.addAll(e.notDone());
      assertEquals(LEAVES + 1, all.size());
      assertEquals(LEAVES + 1, e.done().size() + e.failed().size() + e.notDone().size());
      for (String put : e.done()) {
        String key = put.substring("PUT ".length());
        assertEquals(1, raw.range(key).kvs().size(), put + " is reported done");
      }
    }
  }
}
