package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import link.etcd.internal.Keys;
import link.etcd.testing.Etcd;
import link.etcd.testing.EtcdBinary;
import link.etcd.testing.EtcdExtension;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link EtcdClient} against real etcd serving the v2 API: 3.4 and 3.5, both started with {@code
 * --enable-v2}. Each test works under its own key prefix.
 */
final class EtcdClientEtcdTest {
  private static final AtomicLong PREFIXES = new AtomicLong();

  @Nested
  @ExtendWith(EtcdExtension.class)
  final class Etcd34 extends Suite {
    Etcd34(EtcdProcess etcd) {
      super(etcd);
    }
  }

  @Nested
  @ExtendWith(EtcdExtension.class)
  final class Etcd35 extends Suite {
    Etcd35(@Etcd(binary = EtcdBinary.V3_5, v2 = true) EtcdProcess etcd) {
      super(etcd);
    }
  }

  abstract static class Suite {
    private final EtcdProcess etcd;
    private EtcdClient client;
    private String prefix;

    Suite(EtcdProcess etcd) {
      this.etcd = etcd;
    }

    @BeforeEach
    void open(TestInfo test) {
      client =
          new EtcdClient(EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort()).build());
      prefix =
          "/client-etcd-test/"
              + test.getTestMethod().orElseThrow().getName()
              + "-"
              + PREFIXES.incrementAndGet()
              + "-"
              + System.nanoTime();
    }

    @AfterEach
    void close() {
      client.close();
    }

    // ---- keys ----

    @Test
    void writeThenReadGivesTheValueAndTheHeaders() {
      EtcdResponse written = client.write(prefix + "/a", "1");
      assertEquals("set", written.action());
      assertEquals(prefix + "/a", written.node().key());
      assertEquals("1", written.node().value());
      assertTrue(written.node().modifiedIndex() > 0);
      assertNull(written.prevNode());

      EtcdResponse read = client.read(prefix + "/a");
      assertEquals("get", read.action());
      assertEquals(
          new EtcdNode(
              prefix + "/a",
              "1",
              false,
              written.node().createdIndex(),
              written.node().modifiedIndex(),
              null,
              null,
              List.of()),
          read.node());
      assertTrue(
          read.etcdIndex() >= written.node().modifiedIndex(), "X-Etcd-Index " + read.etcdIndex());
      assertTrue(read.raftIndex() > 0, "X-Raft-Index " + read.raftIndex());
      assertTrue(read.raftTerm() > 0, "X-Raft-Term " + read.raftTerm());
      assertNotNull(read.clusterId());
      assertTrue(read.clusterId().matches("[0-9a-f]+"), read.clusterId());
    }

    @Test
    void overwritingGivesThePreviousNode() {
      client.write(prefix + "/a", "1");
      EtcdResponse second = client.write(prefix + "/a", "2");
      assertEquals("2", second.node().value());
      assertEquals("1", second.prevNode().value());
    }

    @Test
    void readAsyncGivesTheValue() throws Exception {
      client.write(prefix + "/a", "1");
      assertEquals(
          "1",
          client
              .readAsync(prefix + "/a", ReadOptions.defaults())
              .get(10, TimeUnit.SECONDS)
              .node()
              .value());
    }

    @Test
    void recursiveSortedReadListsTheTreeInKeyOrder() {
      client.write(prefix + "/d/c", "3");
      client.write(prefix + "/d/a/x", "1");
      client.write(prefix + "/d/b", "2");
      EtcdNode dir =
          client
              .read(
                  prefix + "/d",
                  ReadOptions.defaults().withRecursive(true).withSorted(true).withQuorum(true))
              .node();
      assertTrue(dir.dir());
      assertEquals(
          List.of(prefix + "/d/a", prefix + "/d/b", prefix + "/d/c"),
          dir.nodes().stream().map(EtcdNode::key).toList());
      assertEquals("1", dir.nodes().get(0).nodes().get(0).value());
    }

    @Test
    void aPlainReadOfADirectoryListsOnlyDirectChildren() {
      client.write(prefix + "/d/a/x", "1");
      EtcdNode a = client.read(prefix + "/d").node().nodes().get(0);
      assertTrue(a.dir());
      assertEquals(List.of(), a.nodes());
    }

    @Test
    void readValuesGivesPlainValuesInKeyOrder() {
      client.write(prefix + "/t/b", "2");
      client.write(prefix + "/t/a", "1");
      client.write(prefix + "/t/l/10", "ten");
      client.write(prefix + "/t/l/9", "nine");
      client.mkdir(prefix + "/t/empty");
      assertEquals(
          Map.of("a", "1", "b", "2", "empty", Map.of(), "l", Map.of("10", "ten", "9", "nine")),
          client.readValues(prefix + "/t"));
      assertEquals(
          List.of("10", "9"),
          List.copyOf(
              ((Map<?, ?>) ((Map<?, ?>) client.readValues(prefix + "/t")).get("l")).keySet()));
      assertEquals(
          List.of("a", "b", "empty", "l"),
          List.copyOf(((Map<?, ?>) client.readValues(prefix + "/t")).keySet()));
      assertEquals("1", client.readValues(prefix + "/t/a"));
      assertThrows(EtcdKeyNotFoundException.class, () -> client.readValues(prefix + "/t/missing"));
    }

    @Test
    void readOfAMissingKeyIsKeyNotFound() {
      client.write(prefix + "/other", "1");
      EtcdKeyNotFoundException e =
          assertThrows(EtcdKeyNotFoundException.class, () -> client.read(prefix + "/missing"));
      assertEquals(100, e.serverCode());
      assertEquals(prefix + "/missing", e.detail());
      assertEquals(prefix + "/missing", e.key());
      assertTrue(e.index() > 0);
      assertEquals(
          "Key not found: " + prefix + "/missing (etcd error 100, index " + e.index() + ")",
          e.getMessage());
    }

    @Test
    void createOnlyWriteFailsWhenTheKeyExists() {
      assertEquals(
          "create",
          client.write(prefix + "/a", "1", WriteOptions.defaults().withPrevExist(false)).action());
      EtcdNodeExistsException e =
          assertThrows(
              EtcdNodeExistsException.class,
              () -> client.write(prefix + "/a", "2", WriteOptions.defaults().withPrevExist(false)));
      assertEquals(prefix + "/a", e.detail());
    }

    @Test
    void updateOnlyWriteFailsWhenTheKeyIsMissing() {
      assertThrows(
          EtcdKeyNotFoundException.class,
          () -> client.write(prefix + "/a", "1", WriteOptions.defaults().withPrevExist(true)));
      client.write(prefix + "/a", "1");
      assertEquals(
          "update",
          client.write(prefix + "/a", "2", WriteOptions.defaults().withPrevExist(true)).action());
    }

    @Test
    void writingAValueOnADirectoryIsNotAFile() {
      client.write(prefix + "/d/x", "1");
      EtcdException e = assertThrows(EtcdException.class, () -> client.write(prefix + "/d", "1"));
      assertEquals(EtcdError.NOT_A_FILE, e.error());
      assertEquals(102, e.serverCode());
      assertEquals(prefix + "/d", e.detail());
    }

    @Test
    void writingUnderAKeyIsNotADirectory() {
      client.write(prefix + "/f", "1");
      EtcdException e = assertThrows(EtcdException.class, () -> client.write(prefix + "/f/x", "1"));
      assertEquals(EtcdError.NOT_A_DIRECTORY, e.error());
      assertEquals(104, e.serverCode());
    }

    @Test
    void writingTheRootIsRootReadOnly() {
      EtcdException e = assertThrows(EtcdException.class, () -> client.write("/", "x"));
      assertEquals(EtcdError.ROOT_READ_ONLY, e.error());
      assertEquals(107, e.serverCode());
      assertEquals("/", e.detail());
    }

    @Test
    void deletingTheRootIsRootReadOnly() {
      EtcdException e =
          assertThrows(
              EtcdException.class,
              () -> client.delete("/", DeleteOptions.defaults().withRecursive(true)));
      assertEquals(EtcdError.ROOT_READ_ONLY, e.error());
    }

    @Test
    void mkdirCreatesAnEmptyDirectoryOnce() {
      EtcdResponse created = client.mkdir(prefix + "/d");
      assertEquals("create", created.action());
      assertTrue(created.node().dir());
      EtcdNode read = client.read(prefix + "/d").node();
      assertTrue(read.dir());
      assertNull(read.value());
      assertEquals(List.of(), read.nodes());
      assertThrows(EtcdNodeExistsException.class, () -> client.mkdir(prefix + "/d"));
    }

    @Test
    void writeOfADirectoryWithTtl() {
      EtcdNode dir =
          client
              .write(
                  prefix + "/d",
                  null,
                  WriteOptions.defaults().withDir(true).withTtl(Duration.ofSeconds(100)))
              .node();
      assertTrue(dir.dir());
      assertNotNull(dir.expiration());
      assertTrue(dir.ttl() > 0 && dir.ttl() <= 100, "ttl " + dir.ttl());
    }

    // ---- append ----

    @Test
    void appendCreatesInOrderKeysThatListInOrder() {
      String first = client.append(prefix + "/q", "a").node().key();
      String second = client.append(prefix + "/q", "b").node().key();
      assertTrue(Keys.lastSegment(first).matches("\\d{20}"), first);
      assertTrue(first.compareTo(second) < 0, first + " < " + second);
      List<EtcdNode> items =
          client.read(prefix + "/q", ReadOptions.defaults().withSorted(true)).node().nodes();
      assertEquals(List.of("a", "b"), items.stream().map(EtcdNode::value).toList());
      assertEquals(List.of(first, second), items.stream().map(EtcdNode::key).toList());
    }

    @Test
    void appendWithTtl() throws Exception {
      EtcdNode item =
          client
              .appendAsync(prefix + "/q", "a", Duration.ofSeconds(50))
              .get(10, TimeUnit.SECONDS)
              .node();
      assertEquals("a", item.value());
      assertTrue(item.ttl() > 0 && item.ttl() <= 50, "ttl " + item.ttl());
    }

    // ---- delete ----

    @Test
    void deleteRemovesAKey() {
      client.write(prefix + "/a", "1");
      EtcdResponse deleted = client.delete(prefix + "/a");
      assertEquals("delete", deleted.action());
      assertEquals("1", deleted.prevNode().value());
      assertThrows(EtcdKeyNotFoundException.class, () -> client.read(prefix + "/a"));
    }

    @Test
    void deleteOfAMissingKeyIsKeyNotFound() {
      assertThrows(EtcdKeyNotFoundException.class, () -> client.delete(prefix + "/missing"));
    }

    @Test
    void deleteOfADirectoryWithoutOptionsIsNotAFile() {
      client.mkdir(prefix + "/d");
      EtcdException e = assertThrows(EtcdException.class, () -> client.delete(prefix + "/d"));
      assertEquals(EtcdError.NOT_A_FILE, e.error());
    }

    @Test
    void deleteDirOfANonEmptyDirectoryIsDirNotEmpty() {
      client.write(prefix + "/d/x", "1");
      EtcdException e =
          assertThrows(
              EtcdException.class,
              () -> client.delete(prefix + "/d", DeleteOptions.defaults().withDir(true)));
      assertEquals(EtcdError.DIRECTORY_NOT_EMPTY, e.error());
      assertEquals(108, e.serverCode());
      assertEquals(prefix + "/d", e.detail());
    }

    @Test
    void deleteDirRemovesAnEmptyDirectory() {
      client.mkdir(prefix + "/d");
      client.delete(prefix + "/d", DeleteOptions.defaults().withDir(true));
      assertThrows(EtcdKeyNotFoundException.class, () -> client.read(prefix + "/d"));
    }

    @Test
    void recursiveDeleteRemovesATree() throws Exception {
      client.write(prefix + "/d/a/x", "1");
      client.write(prefix + "/d/b", "2");
      client
          .deleteAsync(prefix + "/d", DeleteOptions.defaults().withRecursive(true))
          .get(10, TimeUnit.SECONDS);
      assertThrows(EtcdKeyNotFoundException.class, () -> client.read(prefix + "/d"));
    }

    // ---- compare-and-swap, compare-and-delete ----

    @Test
    void compareAndSwapByValue() {
      client.write(prefix + "/a", "old");
      EtcdResponse swapped = client.compareAndSwap(prefix + "/a", "new", "old");
      assertEquals("compareAndSwap", swapped.action());
      assertEquals("new", client.read(prefix + "/a").node().value());
      EtcdCompareFailedException e =
          assertThrows(
              EtcdCompareFailedException.class,
              () -> client.compareAndSwap(prefix + "/a", "newer", "old"));
      assertEquals(101, e.serverCode());
      assertEquals("[old != new]", e.detail());
      assertEquals("new", client.read(prefix + "/a").node().value());
    }

    @Test
    void compareAndSwapByIndex() {
      long index = client.write(prefix + "/a", "1").node().modifiedIndex();
      assertThrows(
          EtcdCompareFailedException.class,
          () -> client.compareAndSwap(prefix + "/a", "2", index + 1000));
      assertEquals("2", client.compareAndSwap(prefix + "/a", "2", index).node().value());
    }

    @Test
    void compareAndSwapAsyncFailsWithCompareFailed() {
      client.write(prefix + "/a", "1");
      ExecutionException e =
          assertThrows(
              ExecutionException.class,
              () ->
                  client
                      .compareAndSwapAsync(prefix + "/a", "2", "other")
                      .get(10, TimeUnit.SECONDS));
      assertInstanceOf(EtcdCompareFailedException.class, e.getCause());
    }

    @Test
    void compareAndSwapOfAMissingKeyIsKeyNotFound() {
      assertThrows(
          EtcdKeyNotFoundException.class,
          () -> client.compareAndSwap(prefix + "/missing", "2", "1"));
    }

    @Test
    void compareAndSwapWithAnEmptyPrevValueIsPrevValueRequired() {
      client.write(prefix + "/a", "1");
      EtcdException e =
          assertThrows(EtcdException.class, () -> client.compareAndSwap(prefix + "/a", "2", ""));
      assertEquals(EtcdError.INVALID_REQUEST, e.error());
      assertEquals(201, e.serverCode());
    }

    @Test
    void compareAndDeleteByValue() {
      client.write(prefix + "/a", "1");
      assertThrows(
          EtcdCompareFailedException.class, () -> client.compareAndDelete(prefix + "/a", "2"));
      assertEquals("compareAndDelete", client.compareAndDelete(prefix + "/a", "1").action());
      assertThrows(EtcdKeyNotFoundException.class, () -> client.read(prefix + "/a"));
    }

    @Test
    void compareAndDeleteByIndex() {
      long index = client.write(prefix + "/a", "1").node().modifiedIndex();
      assertThrows(
          EtcdCompareFailedException.class,
          () -> client.compareAndDelete(prefix + "/a", index + 1000));
      client.compareAndDelete(prefix + "/a", index);
      assertThrows(EtcdKeyNotFoundException.class, () -> client.read(prefix + "/a"));
    }

    @Test
    void compareAndDeleteAsyncWithAValueThatNeedsEncoding() throws Exception {
      client.write(prefix + "/a", "a+b & c=d%");
      client.compareAndDeleteAsync(prefix + "/a", "a+b & c=d%").get(10, TimeUnit.SECONDS);
      assertThrows(EtcdKeyNotFoundException.class, () -> client.read(prefix + "/a"));
    }

    // ---- ttl and refresh ----

    @Test
    void ttlSetsExpiration() {
      EtcdNode node =
          client
              .write(prefix + "/a", "1", WriteOptions.defaults().withTtl(Duration.ofSeconds(60)))
              .node();
      assertNotNull(node.expiration());
      assertTrue(node.ttl() > 0 && node.ttl() <= 60, "ttl " + node.ttl());
      EtcdNode read = client.read(prefix + "/a").node();
      assertEquals(node.expiration(), read.expiration());
    }

    @Test
    void aKeyWithTtlExpires() throws InterruptedException {
      client.write(prefix + "/a", "1", WriteOptions.defaults().withTtl(Duration.ofSeconds(1)));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline) {
        try {
          client.read(prefix + "/a");
        } catch (EtcdKeyNotFoundException expired) {
          return;
        }
        Thread.sleep(200);
      }
      throw new AssertionError(prefix + "/a did not expire within 10 s of a 1 s TTL");
    }

    @Test
    void refreshResetsTheTtlAndKeepsTheValue() {
      client.write(prefix + "/a", "1", WriteOptions.defaults().withTtl(Duration.ofSeconds(5)));
      EtcdResponse refreshed =
          client.write(
              prefix + "/a",
              null,
              WriteOptions.defaults().withTtl(Duration.ofSeconds(300)).withRefresh(true));
      assertEquals("1", refreshed.node().value());
      assertTrue(refreshed.node().ttl() > 5, "ttl " + refreshed.node().ttl());
      EtcdNode read = client.read(prefix + "/a").node();
      assertEquals("1", read.value());
      assertTrue(read.ttl() > 5, "ttl " + read.ttl());
    }

    @Test
    void refreshOfAMissingKeyIsKeyNotFound() {
      assertThrows(
          EtcdKeyNotFoundException.class,
          () ->
              client.write(
                  prefix + "/missing",
                  null,
                  WriteOptions.defaults().withTtl(Duration.ofSeconds(30)).withRefresh(true)));
    }

    // ---- watch ----

    @Test
    void watchOnceAsyncSeesTheNextWrite() throws Exception {
      long index = client.write(prefix + "/a", "1").node().modifiedIndex();
      CompletableFuture<EtcdResponse> watch =
          client.watchOnceAsync(prefix + "/a", index + 1, false);
      client.write(prefix + "/a", "2");
      EtcdResponse change = watch.get(10, TimeUnit.SECONDS);
      assertEquals("set", change.action());
      assertEquals("2", change.node().value());
      assertEquals("1", change.prevNode().value());
    }

    @Test
    void watchOnceFromNowSeesAWriteMadeAfterItStarted() throws Exception {
      CompletableFuture<EtcdResponse> watch = client.watchOnceAsync(prefix + "/a", 0, false);
      // The watch cannot say when etcd has registered it; write until it reports a change.
      for (int i = 0; i < 50 && !watch.isDone(); i++) {
        client.write(prefix + "/a", Integer.toString(i));
        Thread.sleep(100);
      }
      assertEquals(prefix + "/a", watch.get(10, TimeUnit.SECONDS).node().key());
    }

    @Test
    void watchOnceRecursiveSeesAChildChange() throws Exception {
      long index = client.mkdir(prefix + "/d").node().modifiedIndex();
      CompletableFuture<EtcdResponse> watch = client.watchOnceAsync(prefix + "/d", index + 1, true);
      client.write(prefix + "/d/x/y", "1");
      assertEquals(prefix + "/d/x/y", watch.get(10, TimeUnit.SECONDS).node().key());
    }

    @Test
    void watchOnceWithAPastIndexReturnsThatEventAtOnce() {
      long index = client.write(prefix + "/a", "1").node().modifiedIndex();
      client.write(prefix + "/a", "2");
      EtcdResponse event = client.watchOnce(prefix + "/a", index, false);
      assertEquals("1", event.node().value());
      assertEquals(index, event.node().modifiedIndex());
    }

    @Test
    void watchOnceWithAClearedIndexIsEventIndexCleared() throws Exception {
      // etcd v2 keeps the last 1000 events; after more writes than that, index 1 is gone.
      for (int batch = 0; batch < 11; batch++) {
        List<CompletableFuture<EtcdResponse>> writes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          writes.add(
              client.writeAsync(
                  prefix + "/k" + (i % 10), Integer.toString(i), WriteOptions.defaults()));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      }
      EtcdException e =
          assertThrows(EtcdException.class, () -> client.watchOnce(prefix + "/k0", 1, false));
      assertEquals(EtcdError.COMPACTED, e.error());
      assertEquals(401, e.serverCode());
      assertTrue(e.index() > 1000, "index " + e.index());
      ExecutionException async =
          assertThrows(
              ExecutionException.class,
              () -> client.watchOnceAsync(prefix + "/k0", 1, false).get(10, TimeUnit.SECONDS));
      assertEquals(
          EtcdError.COMPACTED, assertInstanceOf(EtcdException.class, async.getCause()).error());
    }

    // ---- cluster ----

    @Test
    void membersListsTheOneMember() throws Exception {
      List<EtcdMember> members = client.members();
      assertEquals(1, members.size());
      EtcdMember member = members.get(0);
      assertEquals("link-etcd-testing", member.name());
      assertTrue(member.id().matches("[0-9a-f]+"), member.id());
      assertEquals(List.of(etcd.clientUrl()), member.clientUrls());
      assertEquals(1, member.peerUrls().size());
      assertEquals(members, client.membersAsync().get(10, TimeUnit.SECONDS));
    }

    @Test
    void selfStatsShowTheLeader() throws Exception {
      Map<String, Object> stats = client.selfStats();
      assertEquals("link-etcd-testing", stats.get("name"));
      assertEquals("StateLeader", stats.get("state"));
      assertEquals(stats.get("id"), client.selfStatsAsync().get(10, TimeUnit.SECONDS).get("id"));
    }

    @Test
    void leaderStatsNameTheLeader() throws Exception {
      Map<String, Object> stats = client.leaderStats();
      assertEquals(client.selfStats().get("id"), stats.get("leader"));
      assertEquals(Map.of(), stats.get("followers"));
      assertEquals(
          stats.get("leader"), client.leaderStatsAsync().get(10, TimeUnit.SECONDS).get("leader"));
    }

    @Test
    void storeStatsCountOperations() throws Exception {
      client.write(prefix + "/a", "1");
      Map<String, Object> stats = client.storeStats();
      assertTrue((Double) stats.get("setsSuccess") >= 1, stats.toString());
      assertTrue(client.storeStatsAsync().get(10, TimeUnit.SECONDS).containsKey("getsSuccess"));
    }

    @Test
    void versionIsEtcd3() throws Exception {
      EtcdVersion version = client.version();
      assertTrue(version.server().startsWith("3."), version.toString());
      assertTrue(version.cluster().startsWith("3."), version.toString());
      assertEquals(version, client.versionAsync().get(10, TimeUnit.SECONDS));
    }

    @Test
    void healthIsTrue() throws Exception {
      assertTrue(client.health());
      assertTrue(client.healthAsync().get(10, TimeUnit.SECONDS));
    }

    // ---- keys that need encoding ----

    @ParameterizedTest
    @ValueSource(
        strings = {
          "with space",
          "what?",
          "hash#tag",
          "100%",
          "a+b",
          "x&y=z",
          "\u00e9t\u00e9 \u65e5\u672c",
          "\uD83D\uDE00 emoji",
          "~unreserved-._",
          "semi;colon",
          "quote\"'",
          "back\\slash",
          "%2F",
          "..."
        })
    void awkwardKeysRoundTrip(String segment) {
      String key = prefix + "/" + segment + "/leaf " + segment;
      EtcdResponse written = client.write(key, segment);
      assertEquals(key, written.node().key());
      EtcdNode read = client.read(key).node();
      assertEquals(key, read.key());
      assertEquals(segment, read.value());
      EtcdNode dir = client.read(prefix, ReadOptions.defaults().withRecursive(true)).node();
      assertEquals(prefix + "/" + segment, dir.nodes().get(0).key());
      assertEquals(key, dir.nodes().get(0).nodes().get(0).key());
      client.delete(prefix + "/" + segment, DeleteOptions.defaults().withRecursive(true));
      assertThrows(EtcdKeyNotFoundException.class, () -> client.read(key));
    }

    @Test
    void valuesThatNeedEncodingRoundTrip() {
      String value = "a+b & c=d e%f\u00e9\uD83D\uDE00\nline\ttab";
      client.write(prefix + "/a", value);
      assertEquals(value, client.read(prefix + "/a").node().value());
      assertEquals(value, client.append(prefix + "/q", value).node().value());
    }

    @Test
    void theLongestKeyTheCodecAllowsIsServed() {
      int room = Keys.MAX_REQUEST_TARGET - 160 - prefix.length() - 1;
      String key = prefix + "/" + "k".repeat(room);
      assertEquals(key, client.write(key, "1").node().key());
      assertEquals("1", client.read(key, ReadOptions.defaults().withQuorum(true)).node().value());
      assertEquals(
          "1", client.watchOnce(key, client.read(key).node().modifiedIndex(), true).node().value());
      assertThrows(IllegalArgumentException.class, () -> client.write(key + "k", "1"));
    }

    @Test
    void anUnderscoreKeyIsHiddenFromListings() {
      client.write(prefix + "/d/_hidden", "1");
      client.write(prefix + "/d/shown", "2");
      assertEquals(
          List.of(prefix + "/d/shown"),
          client.read(prefix + "/d").node().nodes().stream().map(EtcdNode::key).toList());
      assertEquals("1", client.read(prefix + "/d/_hidden").node().value());
      assertFalse(
          client
              .read(prefix + "/d", ReadOptions.defaults().withRecursive(true))
              .node()
              .nodes()
              .stream()
              .anyMatch(node -> node.key().endsWith("_hidden")));
    }
  }
}
