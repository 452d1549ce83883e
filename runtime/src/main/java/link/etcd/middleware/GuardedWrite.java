package link.etcd.middleware;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.EtcdV3Client;
import link.etcd.EtcdV3Types.Compare;
import link.etcd.EtcdV3Types.Op;
import link.etcd.EtcdV3Types.PutOptions;
import link.etcd.EtcdV3Types.TxnResult;

/**
 * Runs a {@link GuardedPlan} on v3. Within {@code max_txn_ops} and {@code max_request_bytes} it is
 * one txn whose compares say that nothing changed since the plan was read: every key read still has
 * the mod revision it was read with (so it was neither changed nor deleted), every key to create is
 * still absent, nothing at or under the path was written after the revision read, and the directory
 * just above holds no value and has the marker it had. When they do not hold, nothing is written
 * and the caller is told to diff again. The compares count against {@code max_txn_ops} too.
 *
 * <p>Only keys the caller's roles reach are compared ({@link StoredTree}, {@link V3Ancestors}): the
 * path's own key when in reach, the keys under it, and the directory just above when in reach; so a
 * role scoped to {@code /app/} can apply at {@code /app}, and the guard stays a few compares at any
 * depth.
 *
 * <p>A larger plan is written in several txns, puts first and deletes last. Compares see keys made
 * or changed, not keys deleted, so the keys at and under the path are counted ({@link KeptKeys}):
 * once before the first txn (fewer than read: refused, nothing written) and after each txn at its
 * revision. The first txn is guarded by "nothing at or under the path was written, and the
 * directory above is as read, since the read", each later one by "nothing was written there since
 * the txn before"; a failure after the first, or a count that finds keys missing, is an {@link
 * EtcdPartialWriteException} listing what was and was not written.
 */
final class GuardedWrite {
  private final EtcdV3Client client;
  private final GuardedPlan plan;
  private final TreeSync.Progress progress;

  private GuardedWrite(EtcdV3Client client, GuardedPlan plan, TreeSync.Progress progress) {
    this.client = client;
    this.plan = plan;
    this.progress = progress;
  }

  /**
   * Writes {@code plan}, or throws and writes nothing when its tree changed since it was read;
   * tells {@code progress} after each txn.
   */
  static void run(EtcdV3Client client, GuardedPlan plan, TreeSync.Progress progress) {
    new GuardedWrite(client, plan, progress).run();
  }

  private void run() {
    List<Op> ops = new ArrayList<>();
    plan.puts()
        .forEach(
            (key, value) ->
                ops.add(
                    Op.put(
                        key,
                        value,
                        PutOptions.defaults().withLease(plan.leases().getOrDefault(key, 0L)))));
    plan.deletes().forEach(key -> ops.add(Op.deleteRange(key)));
    if (ops.isEmpty()) {
      return;
    }
    List<Compare> compares = everyKeyUnchanged();
    if (TxnSize.fits(ops, compares, client.settings())) {
      TxnResult result =
          client.txn().when(compares.toArray(Compare[]::new)).then(ops.toArray(Op[]::new)).commit();
      if (!result.succeeded()) {
        throw changed();
      }
      progress.written(ops.size(), ops.size());
      return;
    }
    writeInChunks(ops);
  }

  /** The compares of "the tree is as read", key by key. */
  private List<Compare> everyKeyUnchanged() {
    Map<String, Compare> compares = new LinkedHashMap<>();
    plan.read()
        .forEach(
            (key, modRevision) ->
                compares.put(key, Compare.modRevision(key, Compare.Result.EQUAL, modRevision)));
    for (String key : plan.puts().keySet()) {
      compares.putIfAbsent(key, Compare.createRevision(key, Compare.Result.EQUAL, 0));
    }
    List<Compare> all = new ArrayList<>(compares.values());
    all.addAll(nothingWrittenSince(plan.revision(), plan.parentInReach()));
    return all;
  }

  /**
   * The compares of "nothing at or under the path was written after {@code revision}" and, when
   * {@code parent}, "the directory just above holds no value and its marker was not written after
   * {@code revision}".
   */
  private List<Compare> nothingWrittenSince(long revision, boolean parent) {
    String under = FlatPlan.marker(plan.key());
    List<Compare> compares = new ArrayList<>();
    if (plan.keyInReach()) {
      compares.add(Compare.modRevision(plan.key(), Compare.Result.LESS, revision + 1));
    }
    compares.add(
        Compare.modRevision(under, Compare.Result.LESS, revision + 1)
            .withRangeEnd(EtcdV3Client.prefixEnd(under)));
    if (parent) {
      List<String> ancestors = FlatPlan.ancestors(plan.key());
      String above = ancestors.get(ancestors.size() - 1);
      compares.add(Compare.createRevision(above, Compare.Result.EQUAL, 0));
      compares.add(Compare.modRevision(FlatPlan.marker(above), Compare.Result.LESS, revision + 1));
    }
    return compares;
  }

  private EtcdException changed() {
    return new V3TreeException(
        EtcdError.COMPARE_FAILED,
        "The tree at "
            + plan.key()
            + " changed after it was read at revision "
            + plan.revision()
            + ", so nothing was written; compute the diff again and apply that");
  }

  private void writeInChunks(List<Op> ops) {
    List<List<Op>> chunks =
        TxnSize.chunks(
            ops, nothingWrittenSince(plan.revision(), plan.parentInReach()), client.settings());
    KeptKeys kept = new KeptKeys(client, plan.key(), plan.keyInReach(), plan.read().keySet());
    if (kept.missingAt(0) != null) {
      throw changed();
    }
    List<String> done = new ArrayList<>();
    progress.written(0, ops.size());
    long since = plan.revision();
    for (int i = 0; i < chunks.size(); i++) {
      List<Op> chunk = chunks.get(i);
      List<Compare> unchanged = nothingWrittenSince(since, i == 0 && plan.parentInReach());
      TxnResult result;
      try {
        result =
            client
                .txn()
                .when(unchanged.toArray(Compare[]::new))
                .then(chunk.toArray(Op[]::new))
                .commit();
      } catch (EtcdException e) {
        if (done.isEmpty()) {
          throw e;
        }
        throw partial(done, chunks, i, true, e);
      }
      if (!result.succeeded()) {
        if (i == 0) {
          throw changed();
        }
        throw partial(
            done,
            chunks,
            i,
            true,
            new V3TreeException(
                EtcdError.COMPARE_FAILED,
                "Another writer changed " + plan.key() + " during the write"));
      }
      chunk.forEach(op -> done.add(describe(op)));
      kept.applied(chunk);
      since = result.revision();
      progress.written(done.size(), ops.size());
      V3TreeException missing;
      try {
        missing = kept.missingAt(since);
      } catch (EtcdException e) {
        throw partial(done, chunks, i + 1, false, e);
      }
      if (missing != null) {
        throw partial(done, chunks, i + 1, false, missing);
      }
    }
  }

  /**
   * {@return the report of a write stopped at chunk {@code stopped}: listed as failed when it was
   * sent ({@code sent}), else with the chunks after it as not sent}
   */
  private EtcdPartialWriteException partial(
      List<String> done, List<List<Op>> chunks, int stopped, boolean sent, EtcdException cause) {
    List<String> failedOps =
        sent ? chunks.get(stopped).stream().map(GuardedWrite::describe).toList() : List.of();
    List<String> notDone = new ArrayList<>();
    for (int i = sent ? stopped + 1 : stopped; i < chunks.size(); i++) {
      chunks.get(i).forEach(op -> notDone.add(describe(op)));
    }
    return new EtcdPartialWriteException(plan.key(), done, failedOps, notDone, cause);
  }

  private static String describe(Op op) {
    return op instanceof Op.Put put ? "PUT " + put.key() : "DELETE " + ((Op.DeleteRange) op).key();
  }
}
