package link.etcd.middleware;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.EtcdV3Client;
import link.etcd.EtcdV3Types.Op;
import link.etcd.EtcdV3Types.OpResult;
import link.etcd.EtcdV3Types.RangeOptions;
import org.jspecify.annotations.Nullable;

/**
 * What is stored at the directories above a path, as far as the caller's roles let it read: for
 * each directory, whether its marker exists (with its lease) and whether it holds a value. They are
 * read innermost first, in txns of at most {@code max_txn_ops} reads, so any depth works; a
 * directory whose read is refused ({@code PERMISSION_DENIED}: a role such as {@code readwrite
 * --prefix=true /app/} does not reach {@code /app} itself) ends the reading, and it and every
 * directory above it are <em>out of reach</em>: taken as existing, never written nor compared.
 * Under a prefix role the directories in reach are exactly the innermost ones, since a range that
 * holds a path holds every longer path.
 *
 * @param markers the marker of each directory above that exists, with its lease (0 for none);
 *     directories out of reach are listed with 0
 * @param valueAbove the outermost directory in reach that holds a value, or {@code null}
 * @param parentInReach whether the directory just above the path was read
 */
record V3Ancestors(Map<String, Long> markers, @Nullable String valueAbove, boolean parentInReach) {
  /** Reads the directories above {@code key} at {@code revision}. */
  static V3Ancestors read(EtcdV3Client client, String key, long revision) {
    List<String> inward = new ArrayList<>(FlatPlan.ancestors(key));
    Collections.reverse(inward);
    Map<String, Long> markers = new HashMap<>();
    String[] valueAbove = {null};
    int perTxn = Math.max(1, client.settings().maxTxnOps() / 2);
    int reached = 0;
    reading:
    for (int from = 0; from < inward.size(); from += perTxn) {
      List<String> batch = inward.subList(from, Math.min(from + perTxn, inward.size()));
      try {
        readInto(client, batch, revision, markers, valueAbove);
        reached += batch.size();
      } catch (EtcdException e) {
        if (e.error() != EtcdError.PERMISSION_DENIED) {
          throw e;
        }
        for (String ancestor : batch) {
          try {
            readInto(client, List.of(ancestor), revision, markers, valueAbove);
            reached++;
          } catch (EtcdException denied) {
            if (denied.error() != EtcdError.PERMISSION_DENIED) {
              throw denied;
            }
            break reading;
          }
        }
      }
    }
    for (String outOfReach : inward.subList(reached, inward.size())) {
      markers.put(FlatPlan.marker(outOfReach), 0L);
    }
    return new V3Ancestors(markers, valueAbove[0], reached > 0);
  }

  /**
   * Reads the key and the marker of each of {@code batch} (innermost first) in one txn, noting the
   * markers that exist and the outermost directory holding a value.
   */
  private static void readInto(
      EtcdV3Client client,
      List<String> batch,
      long revision,
      Map<String, Long> markers,
      String[] valueAbove) {
    RangeOptions at = client.rangeDefaults().withRevision(revision).withKeysOnly(true);
    List<Op> reads = new ArrayList<>();
    for (String ancestor : batch) {
      reads.add(Op.range(ancestor, at));
      reads.add(Op.range(FlatPlan.marker(ancestor), at));
    }
    String call = "the read of the directories above a path";
    List<OpResult> results =
        V3Answers.txn(
                client, client.txn().then(reads.toArray(Op[]::new)).commit(), reads.size(), 0, call)
            .results();
    for (int i = 0; i < batch.size(); i++) {
      if (!V3Answers.rangeAt(client, results, 2 * i, call).kvs().isEmpty()) {
        valueAbove[0] = batch.get(i);
      }
      V3Answers.rangeAt(client, results, 2 * i + 1, call)
          .kvs()
          .forEach(kv -> markers.put(kv.key(), kv.lease()));
    }
  }
}
