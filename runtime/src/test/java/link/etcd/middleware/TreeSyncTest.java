package link.etcd.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.EtcdSettings;
import link.etcd.EtcdV3Client;
import link.etcd.EtcdV3Types.PutOptions;
import link.etcd.EtcdV3Types.RangeOptions;
import link.etcd.testing.EtcdBinary;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@link TreeSync} against real etcd, started here because the history tests compact it: the v3 API
 * on etcd 3.4 and on 3.5 (without {@code --enable-v2}), diff and apply on v2 (3.4).
 */
final class TreeSyncTest {
  private static final AtomicInteger PATHS = new AtomicInteger();

  private static Map<String, Object> tree(Object... keysAndValues) {
    Map<String, Object> tree = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      tree.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return tree;
  }

  private static List<String> lines(TreeDiff diff) {
    return diff.changes().stream().map(TreeChange::toString).toList();
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  final class OnV3Etcd34 extends V3Suite {
    OnV3Etcd34() {
      super(EtcdBinary.DEFAULT);
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  final class OnV3Etcd35 extends V3Suite {
    OnV3Etcd35() {
      super(EtcdBinary.V3_5);
    }
  }

  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  abstract static class V3Suite {
    private final EtcdBinary binary;
    private EtcdProcess etcd;
    private EtcdMiddleware middleware;
    private TreeSync sync;
    private String path;

    V3Suite(EtcdBinary binary) {
      this.binary = binary;
    }

    @BeforeAll
    void start() {
      etcd = EtcdProcess.builder().binary(binary).v2(false).start();
    }

    @AfterAll
    void stop() {
      etcd.close();
    }

    EtcdSettings.Builder settings() {
      return EtcdSettings.builder()
          .api(EtcdSettings.Api.V3)
          .host(etcd.host())
          .port(etcd.clientPort());
    }

    @BeforeEach
    void connect() {
      middleware = new EtcdMiddleware(settings().build());
      sync = new TreeSync(middleware);
      path = "/sync" + PATHS.incrementAndGet() + "/app";
    }

    @AfterEach
    void close() {
      middleware.close();
    }

    private long modRevision(String key) {
      return middleware.v3Client().range(key).kvs().get(0).modRevision();
    }

    private long revision() {
      return middleware
          .v3Client()
          .range("/", RangeOptions.defaults().withCountOnly(true))
          .revision();
    }

    @Test
    void diffListsEveryAddedChangedAndRemovedKeyByItsFullKeyAndApplyWritesOnlyThose() {
      TreeDiff first =
          sync.diff(path, tree("a", "1", "b", "1", "c", "1", "hosts", List.of("x", "y")));
      assertEquals(
          List.of(
              "+ " + path + "/a = 1",
              "+ " + path + "/b = 1",
              "+ " + path + "/c = 1",
              "+ " + path + "/hosts/1 = x",
              "+ " + path + "/hosts/2 = y"),
          lines(first));
      sync.apply(first);
      assertEquals(
          tree("a", "1", "b", "1", "c", "1", "hosts", List.of("x", "y")), middleware.get(path));
      long aWritten = modRevision(path + "/a");

      TreeDiff second =
          sync.diff(path, tree("a", "1", "b", "2", "d", Map.of(), "hosts", List.of("x")));
      assertEquals(
          List.of(
              "~ " + path + "/b: 1 -> 2",
              "- " + path + "/c",
              "+ " + path + "/d/",
              "- " + path + "/hosts/2"),
          lines(second));
      long before = revision();
      sync.apply(second);
      assertEquals(before + 1, revision(), "one txn");
      assertEquals(aWritten, modRevision(path + "/a"), "an unchanged key is not written");
      assertEquals(
          tree("a", "1", "b", "2", "d", Map.of(), "hosts", List.of("x")), middleware.get(path));
      assertTrue(
          sync.diff(path, tree("a", "1", "b", "2", "d", Map.of(), "hosts", List.of("x")))
              .isEmpty());
    }

    @Test
    void applyRefusesAndWritesNothingWhenTheTreeChangedSinceTheDiff() {
      sync.apply(sync.diff(path, tree("a", "1", "b", "1")));
      String[][] otherWriters = {
        {"put", path + "/a"}, {"put", path + "/new"}, {"delete", path + "/b"}
      };
      for (String[] other : otherWriters) {
        sync.apply(sync.diff(path, tree("a", "1", "b", "1")));
        TreeDiff diff = sync.diff(path, tree("a", "2", "b", "2"));
        if (other[0].equals("put")) {
          middleware.v3Client().put(other[1], "other");
        } else {
          middleware.v3Client().deleteRange(other[1]);
        }
        Object byTheOtherWriter = middleware.get(path);
        EtcdException e = assertThrows(EtcdException.class, () -> sync.apply(diff));
        assertEquals(EtcdError.COMPARE_FAILED, e.error());
        assertEquals(
            "The tree at "
                + path
                + " changed after it was read at revision "
                + diff.revision()
                + ", so nothing was written; compute the diff again and apply that",
            e.getMessage());
        assertEquals(byTheOtherWriter, middleware.get(path), "nothing written, for " + other[1]);
        middleware.delete(path);
      }
    }

    @Test
    void aKeyAbsentWhenReadAndCreatedSinceIsRefused() {
      TreeDiff diff = sync.diff(path, tree("a", "1"));
      middleware.v3Client().put(path + "/a", "someone else's");
      EtcdException e = assertThrows(EtcdException.class, () -> sync.apply(diff));
      assertEquals(EtcdError.COMPARE_FAILED, e.error());
      assertEquals(tree("a", "someone else's"), middleware.get(path));
    }

    @Test
    void aTreeBeyondMaxTxnOpsIsWrittenInSeveralTxns() {
      try (EtcdMiddleware small = new EtcdMiddleware(settings().maxTxnOps(8).build())) {
        TreeSync chunked = new TreeSync(small);
        Map<String, Object> big = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
          big.put("k" + i, Integer.toString(i));
        }
        long before = revision();
        List<String> progress = new java.util.ArrayList<>();
        chunked.apply(
            chunked.diff(path, big), (written, total) -> progress.add(written + "/" + total));
        // 30 keys, the marker of the path and the one of its parent.
        assertEquals(List.of("0/32", "8/32", "16/32", "24/32", "32/32"), progress);
        assertEquals(before + 4, revision(), "four txns");
        assertEquals(big.size(), ((Map<?, ?>) small.get(path)).size());
        assertTrue(chunked.diff(path, big).isEmpty());
        chunked.apply(chunked.diff(path, tree("k1", "one")));
        assertEquals(tree("k1", "one"), small.get(path));
      }
    }

    @Test
    void historyListsTheRevisionsThatChangedThePathNewestFirstAndRollbackRestoresOne() {
      sync.apply(sync.diff(path, tree("a", "1", "b", "1")));
      long first = modRevision(path + "/a");
      middleware.v3Client().put("/elsewhere", "not in the history");
      sync.apply(sync.diff(path, tree("a", "2")));
      long second = modRevision(path + "/a");

      TreeHistory history = sync.history(path, 10);
      assertEquals(2, history.revisions().size(), history.toString());
      assertEquals(second, history.revisions().get(0).revision());
      assertEquals(
          List.of("~ " + path + "/a: 1 -> 2", "- " + path + "/b"),
          history.revisions().get(0).changes().stream().map(TreeChange::toString).toList());
      assertEquals(first, history.revisions().get(1).revision());
      assertEquals(
          List.of("+ " + path + "/a = 1", "+ " + path + "/b = 1"),
          history.revisions().get(1).changes().stream().map(TreeChange::toString).toList());
      assertFalse(history.compacted());
      assertEquals(
          "history of "
              + path
              + " reaches back to revision 1, the start of this etcd: nothing was compacted",
          history.end());
      TreeHistory newest = sync.history(path, 1);
      assertEquals(1, newest.revisions().size());
      assertEquals(1, newest.older());

      TreeDiff back = sync.rollback(path, first);
      assertEquals(List.of("~ " + path + "/a: 2 -> 1", "+ " + path + "/b = 1"), lines(back));
      assertEquals(tree("a", "1", "b", "1"), middleware.get(path));

      long future = revision() + 10;
      IllegalArgumentException tooNew =
          assertThrows(IllegalArgumentException.class, () -> sync.rollback(path, future));
      assertEquals(
          "Revision "
              + future
              + " is in the future: etcd is at revision "
              + (future - 10)
              + "; pick one that the history of "
              + path
              + " lists",
          tooNew.getMessage());
    }

    @Test
    void historyListsExactlyTheRevisionsWrittenAndSaysHowItEnded() {
      EtcdV3Client raw = middleware.v3Client();
      List<Long> written = new java.util.ArrayList<>();
      for (int i = 0; i < 40; i++) {
        if (i % 4 == 3) {
          written.add(raw.deleteRange(path + "/k" + (i - 1)).revision());
        } else {
          written.add(raw.put(path + "/k" + i, "v" + i).revision());
        }
        raw.put(path + "-beside", "not under the path");
      }
      String untouched = path + "/never/written";
      TreeHistory history = sync.history(path, 1000);
      List<Long> listed =
          new java.util.ArrayList<>(
              history.revisions().stream().map(TreeHistory.Revision::revision).toList());
      java.util.Collections.reverse(listed);
      assertEquals(written, listed);
      assertEquals(
          List.of("- " + path + "/k38"),
          history.revisions().get(0).changes().stream().map(TreeChange::toString).toList());
      assertEquals(binary == EtcdBinary.V3_5, history.exact(), "etcd 3.5.16 ends exactly");

      TreeHistory none = sync.history(untouched, 10);
      assertEquals(List.of(), none.revisions());
      assertEquals(binary == EtcdBinary.V3_5, none.exact());
    }

    @Test
    @Order(
        Integer.MAX_VALUE) // It compacts this suite's etcd, which the history test must find whole.
    void afterACompactionHistorySaysWhereItEndsAndRollbackBeforeItIsRefused() {
      sync.apply(sync.diff(path, tree("a", "1")));
      long old = modRevision(path + "/a");
      sync.apply(sync.diff(path, tree("a", "2")));
      sync.apply(sync.diff(path, tree("a", "3")));
      long compactedTo = modRevision(path + "/a");
      middleware.v3Client().compact(compactedTo, true);
      sync.apply(sync.diff(path, tree("a", "4")));

      TreeHistory history = sync.history(path, 10);
      assertTrue(history.compacted());
      assertEquals(compactedTo, history.oldestRevision());
      assertEquals(1, history.revisions().size(), history.toString());
      assertEquals(
          List.of("~ " + path + "/a: 3 -> 4"),
          history.revisions().get(0).changes().stream().map(TreeChange::toString).toList());
      assertEquals(
          "history of "
              + path
              + " ends at revision "
              + compactedTo
              + ": etcd compacted the revisions before it, so older changes are gone (the tree as"
              + " it was at "
              + compactedTo
              + " can still be read and rolled back to)",
          history.end());

      EtcdException gone = assertThrows(EtcdException.class, () -> sync.rollback(path, old));
      assertEquals(EtcdError.COMPACTED, gone.error());
      assertEquals(
          "Revision "
              + old
              + " of "
              + path
              + " was compacted: etcd keeps revisions from "
              + compactedTo
              + " on (the history of "
              + path
              + " lists them); nothing was written",
          gone.getMessage());
      assertEquals(tree("a", "4"), middleware.get(path));
      sync.rollback(path, compactedTo);
      assertEquals(tree("a", "3"), middleware.get(path));
    }

    @Test
    void aPathAHundredLevelsDeepAppliesDiffsRollsBackAndIsGuarded() {
      String deep = path + "/d".repeat(98); // /syncN/app and 98 more levels
      assertEquals(100, deep.split("/").length - 1);
      sync.apply(sync.diff(deep, tree("a", "1")));
      assertEquals(tree("a", "1"), middleware.get(deep));
      long first = modRevision(deep + "/a");
      sync.apply(sync.diff(deep, tree("a", "2", "b", "3")));
      assertTrue(sync.diff(deep, tree("a", "2", "b", "3")).isEmpty());
      TreeDiff stale = sync.diff(deep, tree("a", "4"));
      middleware.v3Client().put(deep + "/b", "other");
      EtcdException e = assertThrows(EtcdException.class, () -> sync.apply(stale));
      assertEquals(EtcdError.COMPARE_FAILED, e.error());
      assertEquals(tree("a", "2", "b", "other"), middleware.get(deep));
      assertEquals(
          List.of("~ " + deep + "/a: 2 -> 1", "- " + deep + "/b"),
          lines(sync.rollback(deep, first)));
      assertEquals(tree("a", "1"), middleware.get(deep));
    }

    private static Map<String, Object> keys(int count, String value) {
      Map<String, Object> tree = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        tree.put(String.format("k%04d", i), value);
      }
      return tree;
    }

    @Test
    void aKeyDeletedBetweenTheDiffAndAnApplyOfSeveralTxnsIsRefusedAndNothingIsWritten() {
      try (EtcdMiddleware small = new EtcdMiddleware(settings().maxTxnOps(8).build())) {
        TreeSync chunked = new TreeSync(small);
        chunked.apply(chunked.diff(path, keys(30, "v")));
        TreeDiff diff = chunked.diff(path, keys(30, "w"));
        assertEquals(1, middleware.v3Client().deleteRange(path + "/k0005").deleted());
        Object byTheOtherWriter = middleware.get(path);
        long before = revision();
        EtcdException e = assertThrows(EtcdException.class, () -> chunked.apply(diff));
        assertEquals(EtcdError.COMPARE_FAILED, e.error());
        assertEquals(
            "The tree at "
                + path
                + " changed after it was read at revision "
                + diff.revision()
                + ", so nothing was written; compute the diff again and apply that",
            e.getMessage());
        assertEquals(before, revision(), "nothing written");
        assertEquals(byTheOtherWriter, middleware.get(path));
      }
    }

    @Test
    void aKeyDeletedBetweenTwoTxnsOfAnApplyIsReportedExactly() throws Exception {
      middleware.set(path, keys(300, "v"));
      try (MarkerProxy proxy = new MarkerProxy(etcd.host(), etcd.clientPort());
          EtcdMiddleware proxied =
              new EtcdMiddleware(settings().host("127.0.0.1").port(proxy.port()).build())) {
        TreeSync through = new TreeSync(proxied);
        TreeDiff diff = through.diff(path, keys(300, "w"));
        // The first txn holds k0000..k0127, the second starts with k0128.
        proxy.holdRequestWith(path + "/k0200");
        java.util.concurrent.CompletableFuture<Void> apply =
            java.util.concurrent.CompletableFuture.runAsync(() -> through.apply(diff));
        assertTrue(proxy.awaitHeld(30), "the second txn was sent");
        assertEquals(1, middleware.v3Client().deleteRange(path + "/k0005").deleted());
        proxy.release();
        Throwable failure =
            assertThrows(
                    java.util.concurrent.ExecutionException.class,
                    () -> apply.get(30, java.util.concurrent.TimeUnit.SECONDS))
                .getCause();
        EtcdPartialWriteException e = (EtcdPartialWriteException) failure;
        assertEquals(EtcdError.COMPARE_FAILED, e.error());
        assertEquals(256, e.done().size(), e.getMessage());
        assertEquals(List.of(), e.failed());
        assertEquals(44, e.notDone().size());
        assertEquals(
            "Another writer deleted 1 key(s) at or under "
                + path
                + " during the write: 301 of the keys written and kept so far were expected, 300"
                + " were found",
            e.getCause().getMessage());
      }
    }

    @Test
    void rollbackGivesKeysBackTheLeaseTheyHadAndRefusesALeaseThatExpired() {
      EtcdV3Client raw = middleware.v3Client();
      long alive = raw.grant(600).id();
      long gone = raw.grant(600).id();
      raw.put(path + "/a", "1", PutOptions.defaults().withLease(alive));
      raw.put(path + "/b", "1", PutOptions.defaults().withLease(gone));
      raw.put(path + "/c", "1");
      long then = revision();
      sync.apply(sync.diff(path, tree("a", "2", "c", "2")));
      assertEquals(0, raw.range(path + "/a").kvs().get(0).lease(), "a file's tree has no lease");
      assertEquals(
          Map.of(path + "/a", alive, path + "/b", gone), sync.diffToRevision(path, then).leases());

      raw.revoke(gone);
      Object before = middleware.get(path);
      EtcdException refused = assertThrows(EtcdException.class, () -> sync.rollback(path, then));
      assertEquals(EtcdError.NOT_FOUND, refused.error());
      assertEquals(
          "Cannot roll "
              + path
              + " back to revision "
              + then
              + ": at that revision "
              + path
              + "/b had lease "
              + Long.toHexString(gone)
              + ", which has expired since, and etcd deleted the keys with it; nothing was"
              + " written. Roll back to a later revision, or restore those keys without a lease"
              + " (TreeSync.ExpiredLeases.RESTORE_WITHOUT_LEASE; link-etcd rollback"
              + " --without-expired-leases)",
          refused.getMessage());
      assertEquals(before, middleware.get(path), "nothing written");

      TreeDiff back = sync.rollback(path, then, TreeSync.ExpiredLeases.RESTORE_WITHOUT_LEASE);
      assertEquals(Map.of(path + "/a", alive), back.leases());
      assertEquals(tree("a", "1", "b", "1", "c", "1"), middleware.get(path));
      assertEquals(alive, raw.range(path + "/a").kvs().get(0).lease());
      assertEquals(0, raw.range(path + "/b").kvs().get(0).lease());
      assertEquals(0, raw.range(path + "/c").kvs().get(0).lease());
      assertEquals(
          List.of(path + "/a"),
          raw.timeToLive(alive, true).keys(),
          "the living lease holds the restored key again");
    }

    @Test
    void theRootAndATreeUnderAValueAreRefusedBeforeAnyWrite() {
      IllegalArgumentException root =
          assertThrows(IllegalArgumentException.class, () -> sync.diff("/", tree("a", "1")));
      assertEquals(
          "A tree is applied at a path below the root, such as /app: at / it would delete every"
              + " other key in etcd",
          root.getMessage());
      middleware.v3Client().put(path, "a value");
      EtcdException under =
          assertThrows(EtcdException.class, () -> sync.diff(path + "/deeper", tree("a", "1")));
      assertEquals(EtcdError.NOT_A_DIRECTORY, under.error());
      IllegalArgumentException badKey =
          assertThrows(IllegalArgumentException.class, () -> sync.diff(path, tree("..", "1")));
      assertTrue(badKey.getMessage().contains(".."), badKey.getMessage());
    }
  }

  /** A chunked apply that etcd stops part way is reported exactly, as the library's tree writes. */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  final class PartWay {
    private EtcdProcess etcd;

    @BeforeAll
    void start() {
      etcd =
          EtcdProcess.builder()
              .binary(EtcdBinary.V3_5)
              .v2(false)
              .flags("--max-request-bytes=4096")
              .start();
    }

    @AfterAll
    void stop() {
      etcd.close();
    }

    @Test
    void aChunkEtcdRefusesEndsTheWriteWithWhatWasAndWasNotWritten() {
      EtcdSettings settings =
          EtcdSettings.builder()
              .api(EtcdSettings.Api.V3)
              .host(etcd.host())
              .port(etcd.clientPort())
              .maxTxnOps(4)
              .build();
      try (EtcdMiddleware middleware = new EtcdMiddleware(settings)) {
        TreeSync sync = new TreeSync(middleware);
        Map<String, Object> tree = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
          tree.put("k" + i, "v");
        }
        tree.put("z", "x".repeat(6000));
        EtcdPartialWriteException e =
            assertThrows(
                EtcdPartialWriteException.class, () -> sync.apply(sync.diff("/big", tree)));
        assertEquals(List.of("PUT /big/", "PUT /big/k0", "PUT /big/k1", "PUT /big/k2"), e.done());
        assertEquals(
            List.of("PUT /big/k3", "PUT /big/k4", "PUT /big/k5", "PUT /big/z"), e.failed());
        assertEquals(List.of(), e.notDone());
        assertEquals(
            "The tree write at /big stopped part way: PUT /big/k3 failed (etcdserver: request is too"
                + " large (gRPC code 3, POST /etcdserverpb.KV/Txn); write less in one request, or raise etcd's"
                + " --max-request-bytes and max_request_bytes (now 1572864) to match) and 3 more"
                + " failed [PUT /big/k4, PUT /big/k5, PUT /big/z]; 4 request(s) done [PUT /big/, PUT"
                + " /big/k0, PUT /big/k1, PUT /big/k2], 0 not sent []. etcd refuses PUT /big/k3 as"
                + " too large, so writing the tree again cannot finish it: make that value smaller"
                + " (keep large data elsewhere and store a reference in etcd), then write the tree.",
            e.getMessage());
        assertEquals(EtcdError.TOO_LARGE, e.error());
      }
    }
  }

  /** Diff and apply on the v2 API (etcd 3.4 with {@code --enable-v2}). */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  final class OnV2 {
    private EtcdProcess etcd;

    @BeforeAll
    void start() {
      etcd = EtcdProcess.builder().v2(true).start();
    }

    @AfterAll
    void stop() {
      etcd.close();
    }

    @Test
    void diffAndApplyMakeTheTreeTheDesiredOneAndHistoryIsRefused() {
      EtcdSettings settings =
          EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort()).build();
      try (EtcdMiddleware middleware = new EtcdMiddleware(settings)) {
        TreeSync sync = new TreeSync(middleware);
        TreeDiff first = sync.diff("/app", tree("a", "1", "b", "1", "hosts", List.of("x", "y")));
        assertEquals(0, first.revision());
        assertEquals(
            List.of("+ /app/a = 1", "+ /app/b = 1", "+ /app/hosts/1 = x", "+ /app/hosts/2 = y"),
            lines(first));
        sync.apply(first);
        TreeDiff second = sync.diff("/app", tree("a", "2", "e", Map.of(), "hosts", List.of("x")));
        assertEquals(
            List.of("~ /app/a: 1 -> 2", "- /app/b", "+ /app/e/", "- /app/hosts/2"), lines(second));
        sync.apply(second);
        assertEquals(tree("a", "2", "e", Map.of(), "hosts", List.of("x")), middleware.get("/app"));
        assertTrue(
            sync.diff("/app", tree("a", "2", "e", Map.of(), "hosts", List.of("x"))).isEmpty());
        UnsupportedOperationException e =
            assertThrows(UnsupportedOperationException.class, () -> sync.history("/app", 5));
        assertEquals(
            "History needs etcd's revisions, which only the v3 API has; set api = v3 (etcd keeps no"
                + " history of keys written through v2)",
            e.getMessage());
      }
    }
  }
}
