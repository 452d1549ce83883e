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
import link.etcd.EtcdV3Types.TxnResult;

/**
 * Runs a {@link GuardedPlan} on v3. Within {@code max_txn_ops} and {@code max_request_bytes} it is
 * one txn whose compares say that nothing changed since the plan was read: every key read still has
 * the mod revision it was read with (so it was neither changed nor deleted), every key to create is
 * still absent, nothing at or under the path was written after the revision read, and no directory
 * above it holds a value. When they do not hold, nothing is written and the caller is told to diff
 * again. The compares count against {@code max_txn_ops} too. A larger plan is written in several
 * txns, puts first and deletes last, the first guarded by "nothing at or under the path was
 * written, and no directory above it got a value, since the read" (which sees another writer's
 * puts, not its deletes), each later one by "nothing was written there since the txn before"; a
 * failure after the first is an {@link EtcdPartialWriteException} listing what was and was not
 * written.
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
    plan.puts().forEach((key, value) -> ops.add(Op.put(key, value)));
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
    all.addAll(nothingWrittenSince(plan.revision(), plan.ancestors()));
    return all;
  }

  /**
   * The compares of "nothing at or under the path was written after {@code revision}, and none of
   * {@code ancestors} holds a value".
   */
  private List<Compare> nothingWrittenSince(long revision, List<String> ancestors) {
    String under = FlatPlan.marker(plan.key());
    List<Compare> compares = new ArrayList<>();
    compares.add(Compare.modRevision(plan.key(), Compare.Result.LESS, revision + 1));
    compares.add(
        Compare.modRevision(under, Compare.Result.LESS, revision + 1)
            .withRangeEnd(EtcdV3Client.prefixEnd(under)));
    for (String ancestor : ancestors) {
      compares.add(Compare.createRevision(ancestor, Compare.Result.EQUAL, 0));
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
            ops, nothingWrittenSince(plan.revision(), plan.ancestors()), client.settings());
    List<String> done = new ArrayList<>();
    progress.written(0, ops.size());
    long since = plan.revision();
    for (int i = 0; i < chunks.size(); i++) {
      List<Op> chunk = chunks.get(i);
      List<Compare> unchanged = nothingWrittenSince(since, i == 0 ? plan.ancestors() : List.of());
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
        throw partial(done, chunks, i, e);
      }
      if (!result.succeeded()) {
        if (i == 0) {
          throw changed();
        }
        throw partial(
            done,
            chunks,
            i,
            new V3TreeException(
                EtcdError.COMPARE_FAILED,
                "Another writer changed " + plan.key() + " during the write"));
      }
      chunk.forEach(op -> done.add(describe(op)));
      since = result.revision();
      progress.written(done.size(), ops.size());
    }
  }

  private EtcdPartialWriteException partial(
      List<String> done, List<List<Op>> chunks, int failed, EtcdException cause) {
    List<String> failedOps = chunks.get(failed).stream().map(GuardedWrite::describe).toList();
    List<String> notDone = new ArrayList<>();
    for (int i = failed + 1; i < chunks.size(); i++) {
      chunks.get(i).forEach(op -> notDone.add(describe(op)));
    }
    return new EtcdPartialWriteException(plan.key(), done, failedOps, notDone, cause);
  }

  private static String describe(Op op) {
    return op instanceof Op.Put put ? "PUT " + put.key() : "DELETE " + ((Op.DeleteRange) op).key();
  }
}
