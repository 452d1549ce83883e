package link.etcd.middleware;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import link.etcd.EtcdConnectionException;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.EtcdV3Client;
import link.etcd.EtcdV3Client.Compare;
import link.etcd.EtcdV3Client.Op;
import link.etcd.EtcdV3Client.PutOptions;
import link.etcd.EtcdV3Client.TxnResult;
import org.jspecify.annotations.Nullable;

/**
 * One tree write on the v3 API: reads what is stored, plans, and sends the plan as one txn guarded
 * by "nothing under the path changed since the read", or in several txns when it does not fit one;
 * a txn that loses to another writer is planned again from a fresh read, a few times.
 *
 * <p>Leases: one is granted per distinct TTL of the tree, before the first txn. A lease is revoked
 * when the write fails only if no txn carrying it was applied or may have been: once one was, keys
 * that were stored before the write may hang on it (a chunk moved them there), so revoking it would
 * delete data that was there before the call. Such a lease lives out its TTL instead, which is what
 * the write asked for those keys.
 */
final class V3TreeWrite {
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
      for (int attempt = 1; attempt <= V3Backend.ATTEMPTS; attempt++) {
        V3Backend.pauseBefore(attempt);
        V3Backend.Stored stored = backend.stored(key);
        FlatPlan plan = FlatPlan.of(key, tree, stored.keys(), stored.markers(), mode);
        List<Op> ops = ops(plan);
        List<String> ancestors = FlatPlan.ancestors(key);
        List<Compare> unchanged = V3Backend.unchangedSince(key, stored.revision(), ancestors);
        if (backend.fits(ops, unchanged)) {
          TxnResult result =
              commit(
                  ops,
                  client
                      .txn()
                      .when(unchanged.toArray(Compare[]::new))
                      .then(ops.toArray(Op[]::new))
                      .otherwise(V3Backend.ancestorReads(ancestors)));
          if (result.succeeded()) {
            return;
          }
          V3Backend.checkAncestors(key, result);
        } else if (backend.writeInChunks(key, ops, stored.revision(), ancestors, this::commit)) {
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
            + V3Backend.ATTEMPTS
            + " times in a row; write it again, or write less often to the same tree");
  }

  /**
   * Commits {@code txn}, whose then-branch is {@code ops}, and notes the leases those carry when
   * the txn was applied or may have been: its answer says it succeeded, or it failed without an
   * answer from etcd (a connection that broke, a timeout).
   */
  TxnResult commit(List<Op> ops, EtcdV3Client.Txn txn) {
    TxnResult result;
    try {
      result = txn.commit();
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
    return result;
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
        options =
            options.withLease(leases.computeIfAbsent(ttl, t -> client.grant(t.toSeconds()).id()));
      }
      ops.add(Op.put(put.key(), put.value(), options));
    }
    for (String delete : plan.deletes()) {
      ops.add(Op.deleteRange(delete));
    }
    return ops;
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
}
