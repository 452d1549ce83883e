package link.etcd.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import link.etcd.EtcdClient;
import link.etcd.EtcdError;
import link.etcd.EtcdKeyNotFoundException;
import link.etcd.EtcdNode;
import link.etcd.EtcdSettings;
import link.etcd.ReadOptions;
import link.etcd.testing.EtcdExtension;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/** Big trees through the concurrent writer and the streaming reader, against a real etcd. */
@ExtendWith(EtcdExtension.class)
final class ConcurrentTreeWriteTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final EtcdProcess etcd;
  private EtcdMiddleware client;
  private EtcdClient raw;
  private String base;

  ConcurrentTreeWriteTest(EtcdProcess etcd) {
    this.etcd = etcd;
  }

  @BeforeEach
  void open(TestInfo info) {
    EtcdSettings settings =
        EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort()).build();
    client = new EtcdMiddleware(settings);
    raw = new EtcdClient(settings);
    base = "/cw-" + info.getTestMethod().orElseThrow().getName() + "-" + COUNTER.incrementAndGet();
  }

  @AfterEach
  void close() {
    client.close();
    raw.close();
  }

  /**
   * {@code dirs} directories of {@code subdirs} directories of {@code leaves} leaves; lists at the
   * bottom.
   */
  static Map<String, Object> tree(int dirs, int subdirs, int leaves, String prefix) {
    Map<String, Object> tree = new LinkedHashMap<>();
    for (int d = 0; d < dirs; d++) {
      Map<String, Object> dir = new LinkedHashMap<>();
      for (int s = 0; s < subdirs; s++) {
        List<Object> items = new ArrayList<>();
        for (int l = 0; l < leaves; l++) {
          items.add(prefix + d + "." + s + "." + l);
        }
        dir.put("s" + s, items);
      }
      tree.put("d" + d, dir);
    }
    return tree;
  }

  private int leafCount(String key) {
    return count(raw.read(key, ReadOptions.defaults().withRecursive(true)).node());
  }

  private static int count(EtcdNode node) {
    int leaves = node.dir() ? 0 : 1;
    for (EtcdNode child : node.nodes()) {
      leaves += count(child);
    }
    return leaves;
  }

  @Test
  void aPruneThatFindsItsKeyAlreadyGoneHasDoneItsJob() {
    client.set(base, Map.of("keep", "1", "old", "2", "oldDir", Map.of("x", "y")));
    EtcdNode current =
        raw.read(base, ReadOptions.defaults().withRecursive(true).withSorted(true)).node();
    raw.delete(base + "/old");
    raw.delete(base + "/oldDir", link.etcd.DeleteOptions.defaults().withRecursive(true));
    TreeNode replacement = TreeValidator.validate(base, Map.of("keep", "3"), TypeMapping.DEFAULT);
    TreeWriter.write(raw, base, replacement, current, TreeWriter.Mode.REPLACE);
    assertEquals(Map.of("keep", "3"), client.get(base));
  }

  @Test
  void twoWritersReplacingOneTreeNeverGetASpuriousPartialWrite() throws Exception {
    Map<String, Object> first = tree(3, 3, 3, "a");
    Map<String, Object> second = new LinkedHashMap<>();
    second.put("other", tree(3, 3, 3, "b"));
    Map<String, Object> union = new LinkedHashMap<>(first);
    union.putAll(second);
    for (int round = 0; round < 15; round++) {
      client.set(base, Map.of("seed", "s"));
      CompletableFuture<Void> one = CompletableFuture.runAsync(() -> client.set(base, first));
      CompletableFuture<Void> two = CompletableFuture.runAsync(() -> client.set(base, second));
      one.get(30, TimeUnit.SECONDS);
      two.get(30, TimeUnit.SECONDS);
      // Either writer's prune may remove leaves the other wrote before it read, so any mix of the
      // two trees can
      // remain, but only leaves one of them wrote, with the value it wrote: the old tree is gone.
      Map<String, Object> leaves = leaves("", client.get(base), new LinkedHashMap<>());
      Map<String, Object> written = leaves("", union, new LinkedHashMap<>());
      assertTrue(
          written.entrySet().containsAll(leaves.entrySet()),
          "round " + round + " left leaves neither writer wrote: " + leaves);
    }
  }

  private static Map<String, Object> leaves(String path, Object tree, Map<String, Object> into) {
    if (tree instanceof Map<?, ?> map) {
      map.forEach((name, child) -> leaves(path + "/" + name, child, into));
    } else if (tree instanceof List<?> items) {
      for (int i = 0; i < items.size(); i++) {
        leaves(path + "/" + (i + 1), items.get(i), into);
      }
    } else {
      into.put(path, tree);
    }
    return into;
  }

  @Test
  void aTreeOf2000LeavesRoundTrips() {
    Map<String, Object> tree = tree(20, 10, 10, "v");
    client.set(base, tree);
    assertEquals(2000, leafCount(base));
    assertEquals(tree, client.get(base));
  }

  @Test
  void replaceStillPrunesWhatTheNewTreeNoLongerHas() {
    client.set(base, tree(10, 10, 10, "old"));
    Map<String, Object> smaller = tree(5, 5, 5, "new");
    client.set(base, smaller);
    assertEquals(smaller, client.get(base));
    assertEquals(125, leafCount(base));
  }

  @Test
  void kindChangesAmongManyWrites() {
    Map<String, Object> before = tree(5, 5, 5, "v");
    before.put("leafThenDir", "leaf");
    before.put("dirThenLeaf", Map.of("a", "1", "b", Map.of("c", "2")));
    client.set(base, before);
    Map<String, Object> after = tree(5, 5, 5, "w");
    after.put("leafThenDir", Map.of("x", List.of("1", "2")));
    after.put("dirThenLeaf", "leaf");
    after.put("d0", "was a directory");
    client.set(base, after);
    assertEquals(after, client.get(base));
    assertFalse(raw.read(base + "/dirThenLeaf").node().dir());
  }

  @Test
  void aFailureAmongConcurrentWritesReportsExactlyWhatWasWritten() {
    Map<String, Object> tree = new LinkedHashMap<>();
    for (int i = 0; i < 200; i++) {
      tree.put("k" + i, "new" + i);
    }
    raw.write(base + "/k100", "old");
    raw.write(base + "/gone", "to be pruned");
    EtcdNode current = raw.read(base, ReadOptions.defaults().withRecursive(true)).node();
    // Another writer turns k100 into a directory after the plan was made: its PUT then fails.
    raw.delete(base + "/k100");
    raw.write(base + "/k100/inner", "x");
    EtcdPartialWriteException e =
        assertThrows(
            EtcdPartialWriteException.class,
            () ->
                TreeWriter.write(
                    raw,
                    base,
                    TreeValidator.validate(base, tree, TypeMapping.DEFAULT),
                    current,
                    TreeWriter.Mode.REPLACE));

    assertEquals(List.of("PUT " + base + "/k100"), e.failed());
    assertEquals(EtcdError.NOT_A_FILE, e.error());
    assertEquals(102, e.serverCode());
    List<String> planned = new ArrayList<>();
    tree.keySet().forEach(name -> planned.add("PUT " + base + "/" + name));
    planned.add("DELETE " + base + "/gone");
    List<String> reported = new ArrayList<>(e.done());
    reported.addAll(e.failed());
    reported.addAll(e.notDone());
    assertEquals(new HashSet<>(planned), new HashSet<>(reported));
    assertEquals(planned.size(), reported.size());
    assertTrue(
        e.notDone().contains("DELETE " + base + "/gone"), "pruned before all writes succeeded");
    assertEquals("to be pruned", raw.read(base + "/gone").node().value());
    Set<String> done = Set.copyOf(e.done());
    for (int i = 0; i < 200; i++) {
      String key = base + "/k" + i;
      if (done.contains("PUT " + key)) {
        assertEquals("new" + i, raw.read(key).node().value());
      } else if (i != 100) {
        assertThrows(
            EtcdKeyNotFoundException.class,
            () -> raw.read(key),
            key + " written but not reported done");
      }
    }
  }

  @Test
  void emptyDirectoriesAreCreatedAmongConcurrentWrites() {
    Map<String, Object> tree = tree(3, 3, 3, "v");
    tree.put("empty", Map.of());
    tree.put("nested", Map.of("empty", List.of(), "leaf", "x"));
    client.set(base, tree);
    assertEquals(Map.of("empty", Map.of(), "leaf", "x"), client.get(base + "/nested"));
    assertTrue(raw.read(base + "/empty").node().dir());
  }

  @Test
  void nestedDirectoriesWithTtlsAreCreatedBeforeTheirManyChildren() {
    Map<String, Object> inner = new LinkedHashMap<>(tree(2, 5, 5, "inner"));
    Map<String, Object> outer = new LinkedHashMap<>(tree(2, 5, 5, "outer"));
    outer.put("inner", new Expiring(inner, Duration.ofSeconds(300)));
    client.set(base, Map.of("outer", new Expiring(outer, Duration.ofSeconds(600))));
    Long outerTtl = raw.read(base + "/outer").node().ttl();
    Long innerTtl = raw.read(base + "/outer/inner").node().ttl();
    assertTrue(outerTtl != null && outerTtl > 300 && outerTtl <= 600, "outer ttl " + outerTtl);
    assertTrue(innerTtl != null && innerTtl > 0 && innerTtl <= 300, "inner ttl " + innerTtl);
    assertEquals(100, leafCount(base));
  }

  @Test
  void aTreeOf20000LeavesReadsInA64MegabyteHeap() throws IOException, InterruptedException {
    client.set(base, tree(20, 100, 10, "value-"));
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-cp",
                System.getProperty("java.class.path"),
                SmallHeapRead.class.getName(),
                etcd.host(),
                Integer.toString(etcd.clientPort()),
                base)
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
    assertEquals(0, process.exitValue(), output);
    String[] printed = output.strip().split(" ");
    assertEquals("leaves=20000", printed[0], output);
    assertTrue(Long.parseLong(printed[1]) <= 64 * 1024 * 1024, output);
  }
}
