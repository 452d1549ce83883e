package link.etcd.middleware;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import link.etcd.EtcdConnectionException;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.EtcdV3Client;
import link.etcd.EtcdV3Types.Compare;
import link.etcd.EtcdV3Types.Op;
import link.etcd.EtcdV3Types.PutOptions;
import link.etcd.EtcdV3Types.TxnResult;
import org.jspecify.annotations.Nullable;

/**
 * One tree write on the v3 API: reads what is stored, plans, and sends the plan as one txn guarded
 * by "nothing at or under the path changed since the read, and the directory above is as read", or
 * in several txns when it does not fit one; a txn that loses to another writer is planned again
 * from a fresh read, a few times.
 *
 * <p>The guard compares at most four keys whatever the depth of the path, all inside the written
 * subtree or on the directory just above it when the caller's roles reach it ({@link V3Ancestors}),
 * so deep paths fit {@code max_txn_ops} and a role scoped to a prefix can write under it.
 *
 * <p>Leases: one is granted per distinct TTL of the tree, before the first txn. A lease is revoked
 * when the write fails only if no txn carrying it was applied or may have been: once one was, keys
 * that were stored before the write may hang on it (a chunk moved them there), so revoking it would
 * delete data that was there before the call. Such a lease lives out its TTL instead, which is what
 * the write asked for those keys.
 */
final class V3TreeWrite {
  /** How many times a tree write is tried, with a growing random pause, while others win. */
  static final int ATTEMPTS = 16;

  /** The longest pause between two attempts, in milliseconds. */
  private static final int MAX_PAUSE_MILLIS = 200;

  private final EtcdV3Client client;
  private final V3Backend backend;
  private final String key;
  private final TreeNode tree;
  private final TreeWriter.Mode mode;
  private final Map<Duration, Long> leases = new HashMap<>();

  /** The leases a txn that was applied, or may have been, carried: never revoked. */
  private final Set<Long> attached = new HashSet<>();

  V3TreeWrite(V3Backend backend, String key, TreeNode tree, TreeWriter.Mode mode) {
    this.backend = backend;
    this.client = backend.client();
    this.key = key;
    this.tree = tree;
    this.mode = mode;
  }

  void run() {
    try {
      for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
        V3Backend.pause(attempt, MAX_PAUSE_MILLIS);
        V3Backend.Stored stored = backend.stored(key);
        FlatPlan plan = FlatPlan.of(key, tree, stored.keys(), stored.markers(), mode);
        refuseLosingHiddenValues(plan, stored);
        List<Op> ops = ops(plan);
        List<Compare> unchanged = unchangedSince(stored.revision(), stored.parentInReach());
        if (TxnSize.fits(ops, unchanged, client.settings())) {
          if (commit(ops, unchanged).succeeded()) {
            return;
          }
        } else if (writeInChunks(ops, stored)) {
          return;
        }
      }
    } catch (RuntimeException e) {
      revokeUnused(e);
      throw e;
    }
    revokeUnused(null);
    throw new V3TreeException(
        EtcdError.COMPARE_FAILED,
        "The tree write at "
            + key
            + " lost to other writers of"
            + " the same keys "
            + ATTEMPTS
            + " times in a row; write it again, or write less often to the same tree");
  }

  /**
   * Refuses a plan that would delete or overwrite a value {@code get} does not show while keeping
   * its name a directory: a value at a name that also has keys under it (it reads as the
   * directory), or a value in a directory's marker {@code <dir>/} (it reads as the directory's
   * start). Both are written only by other tools. A plan that drops the name, or makes it a value,
   * removes them as {@code get} showed.
   */
  private void refuseLosingHiddenValues(FlatPlan plan, V3Backend.Stored stored) {
    NavigableSet<String> puts = new TreeSet<>();
    plan.puts().forEach(put -> puts.add(put.key()));
    NavigableSet<String> storedKeys = new TreeSet<>(stored.keys().keySet());
    for (String deleted : plan.deletes()) {
      String under = deleted + "/";
      if (!deleted.endsWith("/") && keptUnder(storedKeys, under) && keptUnder(puts, under)) {
        throw new V3TreeException(
            EtcdError.NOT_A_DIRECTORY,
            "Cannot write "
                + key
                + ": "
                + deleted
                + " holds a value that get does not show, since "
                + deleted
                + " is also a directory (written by another tool); the write would delete it."
                + " Delete the key "
                + deleted
                + " with that tool (etcdctl del "
                + deleted
                + "), or write a value or nothing at "
                + deleted);
      }
    }
    for (String marker : stored.filledMarkers()) {
      if (puts.contains(marker)) {
        String dir = marker.substring(0, marker.length() - 1);
        throw new V3TreeException(
            EtcdError.NOT_A_DIRECTORY,
            "Cannot write "
                + key
                + ": "
                + marker
                + " holds a value that get does not show, since a key ending in / marks the"
                + " directory "
                + dir
                + "; the write would overwrite it. Delete the key "
                + marker
                + " with the tool that wrote it (etcdctl del "
                + marker
                + "), or write a value or nothing at "
                + dir);
      }
    }
  }

  /** {@return whether {@code keys} holds a key starting with {@code under}} */
  private static boolean keptUnder(NavigableSet<String> keys, String under) {
    String next = keys.ceiling(under);
    return next != null && next.startsWith(under);
  }

  /**
   * Commits the txn of {@code ops} guarded by {@code compares}, and notes the leases those carry
   * when the txn was applied or may have been: its answer says it succeeded, or it failed without
   * an answer from etcd (a connection that broke, a timeout).
   */
  private TxnResult commit(List<Op> ops, List<Compare> compares) {
    TxnResult result;
    try {
      result =
          client.txn().when(compares.toArray(Compare[]::new)).then(ops.toArray(Op[]::new)).commit();
    } catch (EtcdConnectionException e) {
      noteLeases(ops);
      throw e;
    } catch (EtcdException e) {
      throw e;
    } catch (RuntimeException e) {
      noteLeases(ops);
      throw e;
    }
    if (result.succeeded()) {
      noteLeases(ops);
    }
    return V3Answers.txn(client, result, ops.size(), 0, "a tree write");
  }

  private void noteLeases(List<Op> ops) {
    for (Op op : ops) {
      if (op instanceof Op.Put put && leases.containsValue(put.options().lease())) {
        attached.add(put.options().lease());
      }
    }
  }

  /** The puts of the plan, then its deletes, with one lease per TTL granted as needed. */
  private List<Op> ops(FlatPlan plan) {
    List<Op> ops = new ArrayList<>(plan.puts().size() + plan.deletes().size());
    for (FlatPlan.Put put : plan.puts()) {
      PutOptions options = PutOptions.defaults().withLease(put.lease());
      Duration ttl = put.ttl();
      if (ttl != null) {
        options = options.withLease(leases.computeIfAbsent(ttl, this::grant));
      }
      ops.add(Op.put(put.key(), put.value(), options));
    }
    for (String delete : plan.deletes()) {
      ops.add(Op.deleteRange(delete));
    }
    return ops;
  }

  private long grant(Duration ttl) {
    long id = client.grant(ttl.toSeconds()).id();
    if (id == 0) {
      throw V3Answers.notEtcd(client, "a lease grant", "a lease without an id");
    }
    return id;
  }

  /** Revokes the leases granted for this write that no applied (or maybe applied) txn carried. */
  private void revokeUnused(@Nullable RuntimeException failure) {
    for (long lease : leases.values()) {
      if (attached.contains(lease)) {
        continue;
      }
      try {
        client.revoke(lease);
      } catch (RuntimeException e) {
        if (failure != null) {
          failure.addSuppressed(e);
        }
      }
    }
  }

  /**
   * The compares of "nothing at or under the path changed after {@code revision}" and, when {@code
   * parent} (the directory above is in reach), "the directory above holds no value and its marker
   * is as it was". A compare on a key that is missing sees its revisions as 0, so a key made after
   * {@code revision} fails them; a key deleted after it does not (see {@link #writeInChunks}).
   */
  private List<Compare> unchangedSince(long revision, boolean parent) {
    List<Compare> compares = new ArrayList<>();
    String under = FlatPlan.marker(key);
    if (!key.equals("/")) {
      compares.add(Compare.modRevision(key, Compare.Result.LESS, revision + 1));
    }
    compares.add(
        Compare.modRevision(under, Compare.Result.LESS, revision + 1)
            .withRangeEnd(EtcdV3Client.prefixEnd(under)));
    if (parent) {
      List<String> ancestors = FlatPlan.ancestors(key);
      String above = ancestors.get(ancestors.size() - 1);
      compares.add(Compare.createRevision(above, Compare.Result.EQUAL, 0));
      compares.add(Compare.modRevision(FlatPlan.marker(above), Compare.Result.LESS, revision + 1));
    }
    return compares;
  }

  /**
   * Writes a plan too large for one txn in several, puts before deletes. The first txn goes alone,
   * guarded like a single-txn write; returns {@code false} when it lost to another writer (nothing
   * was written, so the caller plans again). The others then go together ({@link V3TxnBatch}), the
   * txns of puts first and those of deletes once every put was committed, each guarded by "none of
   * its keys changed since the first txn" (a sibling txn touches other keys only, so they do not
   * fail each other). A compare cannot see a key deleted, so once all are committed the keys at and
   * under the path are counted at the last revision and checked against the keys written and kept
   * ({@link KeptKeys}). Throws {@link EtcdPartialWriteException} when a later txn is refused or
   * fails, or the count finds keys missing, listing what was committed, what failed (whose outcome
   * an error may leave unknown) and what was never sent.
   */
  private boolean writeInChunks(List<Op> ops, V3Backend.Stored stored) {
    List<List<Op>> chunks =
        TxnSize.chunks(
            ops,
            unchangedSince(stored.revision(), stored.parentInReach()),
            client.settings(),
            true);
    TxnResult first =
        commit(chunks.get(0), unchangedSince(stored.revision(), stored.parentInReach()));
    if (!first.succeeded()) {
      return false;
    }
    long firstRevision = first.revision();
    List<List<Op>> rest = chunks.subList(1, chunks.size());
    List<V3TxnBatch.Sent> ends = new ArrayList<>();
    // Two phases, puts then deletes: a delete goes only once every put was committed.
    int deletesFrom = 0;
    while (deletesFrom < rest.size() && !(rest.get(deletesFrom).get(0) instanceof Op.DeleteRange)) {
      deletesFrom++;
    }
    for (List<List<Op>> phase :
        List.of(rest.subList(0, deletesFrom), rest.subList(deletesFrom, rest.size()))) {
      if (ends.stream().anyMatch(end -> end.outcome() != V3TxnBatch.Outcome.COMMITTED)
          || Thread.currentThread().isInterrupted()) {
        phase.forEach(chunk -> ends.add(V3TxnBatch.Sent.NOTHING));
        continue;
      }
      ends.addAll(
          V3TxnBatch.send(
              client,
              phase.size(),
              i -> {
                List<Op> chunk = phase.get(i);
                return client
                    .txn()
                    .when(keysUnchangedSince(chunk, firstRevision).toArray(Compare[]::new))
                    .then(chunk.toArray(Op[]::new));
              }));
    }
    List<String> done = new ArrayList<>();
    chunks.get(0).forEach(op -> done.add(describe(op)));
    List<String> failedOps = new ArrayList<>();
    List<String> notDone = new ArrayList<>();
    List<EtcdException> failures = new ArrayList<>();
    long last = firstRevision;
    for (int i = 0; i < rest.size(); i++) {
      List<Op> chunk = rest.get(i);
      V3TxnBatch.Sent end = ends.get(i);
      if (end.outcome() == V3TxnBatch.Outcome.NOT_SENT) {
        chunk.forEach(op -> notDone.add(describe(op)));
        continue;
      }
      EtcdException failure = failure(chunk, end);
      if (failure == null) {
        chunk.forEach(op -> done.add(describe(op)));
        last = Math.max(last, requireNonNull(end.result()).revision());
      } else {
        chunk.forEach(op -> failedOps.add(describe(op)));
        failures.add(failure);
      }
    }
    if (Thread.currentThread().isInterrupted()) {
      throw new EtcdPartialWriteException(key, done, failedOps, notDone);
    }
    if (!failures.isEmpty()) {
      EtcdPartialWriteException partial =
          new EtcdPartialWriteException(key, done, failedOps, notDone, failures.get(0));
      failures.subList(1, failures.size()).forEach(partial::addSuppressed);
      throw partial;
    }
    KeptKeys kept = new KeptKeys(client, key, !key.equals("/"), stored.keys().keySet());
    kept.applied(ops);
    long since = last;
    V3TreeException missing;
    try {
      missing = kept.missingAt(since);
    } catch (EtcdException e) {
      throw new EtcdPartialWriteException(key, done, List.of(), List.of(), e);
    }
    if (missing != null) {
      throw new EtcdPartialWriteException(key, done, List.of(), List.of(), missing);
    }
    return true;
  }

  /**
   * {@return the failure of a later txn that was sent, or {@code null} when it was committed}, and
   * notes the leases it carried when it was applied or may have been: committed, or failed without
   * an answer from etcd
   */
  private @Nullable EtcdException failure(List<Op> chunk, V3TxnBatch.Sent end) {
    switch (end.outcome()) {
      case COMMITTED -> {
        noteLeases(chunk);
        try {
          V3Answers.txn(client, requireNonNull(end.result()), chunk.size(), 0, "a tree write");
        } catch (EtcdException e) {
          return e;
        }
        return null;
      }
      case REFUSED -> {
        return new V3TreeException(
            EtcdError.COMPARE_FAILED, "Another writer changed " + key + " during the write");
      }
      default -> {
        RuntimeException failure = requireNonNull(end.failure());
        if (!(failure instanceof EtcdException) || failure instanceof EtcdConnectionException) {
          noteLeases(chunk);
        }
        if (failure instanceof EtcdException etcd) {
          return etcd;
        }
        return new EtcdException(
            EtcdError.UNKNOWN,
            "A txn of the tree write failed before etcd's answer was read (" + failure + ")",
            failure);
      }
    }
  }

  /**
   * {@return "none of the keys of {@code chunk} changed after {@code revision}": one compare per
   * key, which a key made, changed or deleted and made again by another writer fails}
   */
  private static List<Compare> keysUnchangedSince(List<Op> chunk, long revision) {
    List<Compare> compares = new ArrayList<>(chunk.size());
    for (Op op : chunk) {
      compares.add(Compare.modRevision(key(op), Compare.Result.LESS, revision + 1));
    }
    return compares;
  }

  private static String describe(Op op) {
    return (op instanceof Op.Put ? "PUT " : "DELETE ") + key(op);
  }

  private static String key(Op op) {
    if (op instanceof Op.Put put) {
      return put.key();
    }
    if (op instanceof Op.DeleteRange delete) {
      return delete.key();
    }
    return ((Op.Range) op).key();
  }
}
