package link.etcd.middleware;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.EtcdV3Client;
import link.etcd.EtcdV3Types.Op;
import link.etcd.EtcdV3Types.RangeOptions;
import link.etcd.EtcdV3Types.TxnResult;
import org.jspecify.annotations.Nullable;

/**
 * The keys at and under a path that a tree write in several txns expects etcd to hold, and the
 * check that it does. A txn's compares see keys made or changed since a revision, never a key
 * deleted; so the v3 tree writers ({@link V3TreeWrite}, {@link GuardedWrite}) start from the keys
 * they read, note what each applied txn put and deleted, and count the keys at and under the path
 * at that txn's revision: fewer than expected means another writer deleted some.
 */
final class KeptKeys {
  private final EtcdV3Client client;
  private final String key;
  private final boolean keyCounted;
  private final Set<String> present = new HashSet<>();

  /**
   * Starts from {@code stored}, the keys read at and under {@code key}.
   *
   * @param keyCounted whether the key at the path itself counts: not for the root, nor when the
   *     caller's roles do not reach it
   */
  KeptKeys(EtcdV3Client client, String key, boolean keyCounted, Collection<String> stored) {
    this.client = client;
    this.key = key;
    this.keyCounted = keyCounted;
    stored.stream().filter(this::counted).forEach(present::add);
  }

  /** Notes the puts and deletes of a txn that etcd applied. */
  void applied(List<Op> txn) {
    for (Op op : txn) {
      if (op instanceof Op.Put put && counted(put.key())) {
        present.add(put.key());
      } else if (op instanceof Op.DeleteRange delete && counted(delete.key())) {
        present.remove(delete.key());
      }
    }
  }

  /**
   * Counts the keys at and under the path at {@code revision} (0 for the latest).
   *
   * @return {@code null} when etcd holds at least the keys expected, else the failure saying how
   *     many another writer deleted
   * @throws EtcdException when the count cannot be read
   */
  @Nullable V3TreeException missingAt(long revision) {
    long found = count(revision);
    if (found >= present.size()) {
      return null;
    }
    return new V3TreeException(
        EtcdError.COMPARE_FAILED,
        "Another writer deleted "
            + (present.size() - found)
            + " key(s) at or under "
            + key
            + " during the write: "
            + present.size()
            + " of the keys written and kept so far were expected, "
            + found
            + " were found");
  }

  private boolean counted(String stored) {
    return (keyCounted && stored.equals(key)) || stored.startsWith(FlatPlan.marker(key));
  }

  /** Counts with one txn of two count-only ranges when the key counts too: one round trip. */
  private long count(long revision) {
    String under = FlatPlan.marker(key);
    RangeOptions count = client.rangeDefaults().withCountOnly(true).withRevision(revision);
    RangeOptions range = count.withRangeEnd(EtcdV3Client.prefixEnd(under));
    if (!keyCounted) {
      return V3Answers.range(client, client.range(under, range), "a count of the keys under a path")
          .count();
    }
    String call = "a count of the keys at and under a path";
    TxnResult counts =
        V3Answers.txn(
            client,
            client.txn().then(Op.range(under, range), Op.range(key, count)).commit(),
            2,
            0,
            call);
    return V3Answers.rangeAt(client, counts.results(), 0, call).count()
        + V3Answers.rangeAt(client, counts.results(), 1, call).count();
  }
}
