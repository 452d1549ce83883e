package link.etcd.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.EtcdKeyNotFoundException;
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
 * What only the v3 backend does, on etcd 3.4 and on etcd 3.5 without {@code --enable-v2}: one
 * atomic txn per tree that fits, chunks with an exact report past the limits, the key layout, trees
 * other tools wrote, the key prefix.
 */
@ParameterizedClass
@MethodSource("link.etcd.Target#v3Targets")
final class V3BackendTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final Target target;
  private EtcdMiddleware client;
  private EtcdV3Client raw;
  private String base;

  V3BackendTest(Target target) {
    this.target = target;
  }

  @BeforeEach
  void open(TestInfo info) {
    client = new EtcdMiddleware(target.settings());
    raw = new EtcdV3Client(target.settings());
    base = "/v3-" + info.getTestMethod().orElseThrow().getName() + "-" + COUNTER.incrementAndGet();
  }

  @AfterEach
  void close() {
    client.close();
    raw.close();
  }

  /** Every key at and under {@code key}, markers included, with its value, in key order. */
  private Map<String, String> stored(String key) {
    Map<String, String> result = new LinkedHashMap<>();
    raw.range(key).kvs().forEach(kv -> result.put(kv.key(), kv.value()));
    RangeOptions under = RangeOptions.defaults().withRangeEnd(EtcdV3Client.prefixEnd(key + "/"));
    raw.range(key + "/", under).kvs().forEach(kv -> result.put(kv.key(), kv.value()));
    return result;
  }

  private static Map<String, Object> leaves(int count, String value) {
    Map<String, Object> tree = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      tree.put(String.format("k%04d", i), value);
    }
    return tree;
  }

  @Test
  void keyLayoutIsThePathWithAMarkerPerDirectory() {
    client.set(base, Map.of("db", Map.of("host", "h"), "empty", Map.of(), "list", List.of("x")));
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put(base + "/", "");
    expected.put(base + "/db/", "");
    expected.put(base + "/db/host", "h");
    expected.put(base + "/empty/", "");
    expected.put(base + "/list/", "");
    expected.put(base + "/list/1", "x");
    assertEquals(expected, stored(base));
  }

  @Test
  void setOfAHundredLeavesIsOneAtomicTxnAndReadersNeverSeeAMix() throws Exception {
    client.set(base, leaves(100, "v0"));
    AtomicBoolean writing = new AtomicBoolean(true);
    ConcurrentLinkedQueue<String> mixes = new ConcurrentLinkedQueue<>();
    AtomicInteger reads = new AtomicInteger();
    CountDownLatch readerStarted = new CountDownLatch(1);
    ExecutorService reader = Executors.newSingleThreadExecutor();
    Future<?> reading =
        reader.submit(
            () -> {
              try (EtcdMiddleware other = new EtcdMiddleware(target.settings())) {
                readerStarted.countDown();
                while (writing.get()) {
                  Map<?, ?> tree = (Map<?, ?>) other.get(base);
                  Set<Object> values = new HashSet<>(tree.values());
                  if (tree.size() != 100 || values.size() != 1) {
                    mixes.add(tree.size() + " keys holding " + values);
                  }
                  reads.incrementAndGet();
                }
              }
            });
    assertTrue(readerStarted.await(10, TimeUnit.SECONDS));
    List<Long> revisionsPerSet = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      long before = raw.status().revision();
      client.set(base, leaves(100, "v" + i));
      revisionsPerSet.add(raw.status().revision() - before);
    }
    writing.set(false);
    reading.get(30, TimeUnit.SECONDS);
    reader.shutdown();
    assertEquals(
        List.of(), List.copyOf(mixes), "a reader saw a mix of two trees in " + reads + " reads");
    assertTrue(reads.get() > 0);
    assertEquals(
        java.util.Collections.nCopies(20, 1L),
        revisionsPerSet,
        "each set is one txn: one revision");
    assertEquals(leaves(100, "v20"), client.get(base));
  }

  @Test
  void concurrentWritersOfOneTreeLeaveOneWholeTree() throws Exception {
    ExecutorService writers = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      String value = "writer" + w;
      done.add(
          writers.submit(
              () -> {
                try (EtcdMiddleware writer = new EtcdMiddleware(target.settings())) {
                  for (int i = 0; i < 5; i++) {
                    writer.set(base, leaves(20 + i, value));
                  }
                }
              }));
    }
    for (Future<?> future : done) {
      future.get(60, TimeUnit.SECONDS);
    }
    writers.shutdown();
    Map<?, ?> tree = (Map<?, ?>) client.get(base);
    assertEquals(24, tree.size(), "the last set of each writer has 24 leaves: " + tree.keySet());
    assertEquals(1, new HashSet<>(tree.values()).size(), "one writer's tree, not a mix: " + tree);
  }

  @Test
  void aTreeOverTheLimitsIsWrittenInChunksAndAFailureSaysExactlyWhatWasWritten() {
    Map<String, Object> tree = leaves(2000, "x");
    String big = String.format("k%04d", 1000);
    tree.put(big, "b".repeat(1_700_000));
    // The client allows 4 MiB, the server its default 1.5 MiB: the txn holding the big leaf is
    // refused.
    try (EtcdMiddleware large =
        new EtcdMiddleware(target.builder().maxRequestBytes(4 << 20).build())) {
      EtcdPartialWriteException e =
          assertThrows(EtcdPartialWriteException.class, () -> large.set(base, tree));
      // Puts in tree order, 128 per txn: the marker, then k0000 ...; the big leaf is op 1001, in
      // txn 8. The first txn goes alone, then the others together, up to per_host_pool_size (10)
      // in flight: txns 2 to 11 are sent at once, each answer lets the next one go, and nothing
      // more is sent once txn 8 is refused. Every txn after 8 was committed or never sent.
      List<String> ops = new ArrayList<>();
      ops.add("PUT " + base + "/");
      tree.keySet().forEach(name -> ops.add("PUT " + base + "/" + name));
      assertEquals(ops.subList(896, 1024), e.failed());
      assertEquals(ops.subList(0, 896), e.done().subList(0, 896));
      assertTrue(e.done().containsAll(ops.subList(1024, 1408)), e.getMessage());
      List<String> done = new ArrayList<>(e.done());
      List<String> sentOrNot = new ArrayList<>(e.done().subList(896, e.done().size()));
      sentOrNot.addAll(e.notDone());
      assertEquals(ops.subList(1024, ops.size()), sentOrNot);
      assertTrue(
          e.getMessage()
              .startsWith(
                  "The tree write at "
                      + base
                      + " stopped part way: PUT "
                      + base
                      + "/k0895 failed (etcdserver: request is too large"),
          e.getMessage());
      Map<String, String> stored = stored(base);
      assertEquals(done.size(), stored.size());
      assertEquals(
          Set.copyOf(done), Set.copyOf(stored.keySet().stream().map(key -> "PUT " + key).toList()));
    }
    Map<String, Object> fits = leaves(2000, "y");
    client.set(base, fits);
    assertEquals(fits, client.get(base));
    assertEquals(2001, stored(base).size());
  }

  @Test
  void aValueLargerThanOneRequestIsRefusedBeforeAnyWrite() {
    int limit = target.settings().maxRequestBytes();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> client.set(base, Map.of("small", "1", "big", "x".repeat(limit))));
    assertEquals(
        "The value for key '"
            + base
            + "/big' is too large for one v3 request: with its key it takes "
            + (limit + 288 + (base + "/big").length())
            + " bytes, and max_request_bytes is "
            + limit
            + " (etcd's"
            + " --max-request-bytes); keep large data elsewhere and store a reference in etcd, or raise both",
        e.getMessage());
    assertFalse(client.contains(base));
  }

  @Test
  void treesWrittenByOtherToolsReadAsNestedMaps() {
    raw.put(base + "/app/db/host", "db.example");
    raw.put(base + "/app/db/port", "5432");
    raw.put(base + "/app/servers/1", "a");
    raw.put(base + "/app/servers/2", "b");
    raw.put(base + "/app/flag", "on");
    raw.put(base + "/app/both", "a value hidden by the directory");
    raw.put(base + "/app/both/inner", "i");
    raw.put(base + "-sibling/x", "not under the path");
    raw.put(base + "/app.txt", "a sibling sorting between the key and its children");
    Map<String, Object> app = new LinkedHashMap<>();
    app.put("both", Map.of("inner", "i"));
    app.put("db", Map.of("host", "db.example", "port", "5432"));
    app.put("flag", "on");
    app.put("servers", List.of("a", "b"));
    assertEquals(app, client.get(base + "/app"));
    assertEquals(
        Map.of("app", app, "app.txt", "a sibling sorting between the key and its children"),
        client.get(base));
    assertEquals("5432", client.get(base + "/app/db/port"));
    assertTrue(client.contains(base + "/app/db"));
    assertFalse(client.contains(base + "/app/d"));

    client.delete(base + "/app/db");
    assertFalse(client.contains(base + "/app/db"));
    assertThrows(EtcdKeyNotFoundException.class, () -> client.delete(base + "/app/db"));
    assertEquals("not under the path", raw.range(base + "-sibling/x").kvs().get(0).value());
  }

  @Test
  void keyNotFoundNamesTheKeyAskedFor() {
    client.set(base + "/present", "1");
    EtcdKeyNotFoundException e =
        assertThrows(
            EtcdKeyNotFoundException.class, () -> client.get(base + "/definitely/missing"));
    assertEquals(base + "/definitely/missing", e.key());
    assertEquals(EtcdError.NOT_FOUND, e.error());
    assertEquals("Key not found: " + base + "/definitely/missing", e.getMessage());
  }

  @Test
  void deleteLeavesTheParentDirectoryAsOnV2() {
    client.set(base + "/a/b", "v");
    client.delete(base + "/a/b");
    assertEquals(Map.of("a", Map.of()), client.get(base));
  }

  @Test
  void aValueAboveThePathRefusesTheWrite() {
    raw.put(base + "/leaf", "x");
    EtcdException e =
        assertThrows(EtcdException.class, () -> client.set(base + "/leaf/child", "v"));
    assertEquals(
        "Cannot write "
            + base
            + "/leaf/child: "
            + base
            + "/leaf holds a value, not a directory; delete "
            + base
            + "/leaf first or write the tree at "
            + base
            + "/leaf",
        e.getMessage());
    assertEquals(EtcdError.NOT_A_DIRECTORY, e.error());
    assertEquals(Map.of(base + "/leaf", "x"), stored(base + "/leaf"));
  }

  @Test
  void keyPrefixKeepsEachNamespaceApart() {
    try (EtcdMiddleware tenantA =
            new EtcdMiddleware(target.builder().keyPrefix(base + "-a").build());
        EtcdMiddleware tenantB =
            new EtcdMiddleware(target.builder().keyPrefix(base + "-b").build())) {
      tenantA.set("/cfg", Map.of("port", "1"));
      tenantB.set("/cfg", Map.of("port", "2"));
      assertEquals(Map.of("port", "1"), tenantA.get("/cfg"));
      assertEquals(Map.of("port", "2"), tenantB.get("/cfg"));
      assertEquals("1", raw.range(base + "-a/cfg/port").kvs().get(0).value());
      assertEquals(Map.of("cfg", Map.of("port", "1")), tenantA.get("/"));
    }
  }

  @Test
  void concurrentAppendsGetDistinctKeysReadBackInOrder() throws Exception {
    ExecutorService appenders = Executors.newFixedThreadPool(4);
    List<Future<List<String>>> keys = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      int writer = w;
      keys.add(
          appenders.submit(
              () -> {
                List<String> mine = new ArrayList<>();
                try (EtcdMiddleware appender = new EtcdMiddleware(target.settings())) {
                  for (int i = 0; i < 10; i++) {
                    mine.add(appender.append(base + "/queue", writer + "-" + i));
                  }
                }
                return mine;
              }));
    }
    Set<String> all = new HashSet<>();
    for (Future<List<String>> future : keys) {
      List<String> mine = future.get(60, TimeUnit.SECONDS);
      assertEquals(mine.stream().sorted().toList(), mine, "one appender's keys grow");
      all.addAll(mine);
    }
    appenders.shutdown();
    assertEquals(40, all.size());
    List<?> items = client.get(base + "/queue", List.class);
    List<String> byKey = new ArrayList<>();
    for (String key : all.stream().sorted().toList()) {
      byKey.add(raw.range(key).kvs().stream().map(KeyValue::value).findFirst().orElseThrow());
    }
    assertEquals(byKey, items);
  }
}
