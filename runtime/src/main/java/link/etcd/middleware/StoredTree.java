package link.etcd.middleware;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import link.etcd.EtcdError;
import link.etcd.EtcdV3Client;
import link.etcd.EtcdV3Types.KeyValue;
import link.etcd.EtcdV3Types.Op;
import link.etcd.EtcdV3Types.OpResult;
import link.etcd.EtcdV3Types.RangeOptions;
import link.etcd.EtcdV3Types.RangeResult;

/**
 * The v3 keys of a tree read at one revision: the key itself and every key under it (directory
 * markers included), and the directories above it, each read as a key (which must hold nothing) and
 * as a marker.
 *
 * @param revision the revision everything was read at
 * @param keys the keys at and under the path, in key order
 * @param above the keys and markers of the directories above the path that exist
 */
record StoredTree(
    long revision, SortedMap<String, KeyValue> keys, SortedMap<String, KeyValue> above) {
  /** Keys per page of a read. */
  private static final int PAGE = 2000;

  /**
   * Reads the tree at {@code key} at {@code revision} (0 for the latest).
   *
   * @throws link.etcd.EtcdException with {@link EtcdError#COMPACTED} when etcd no longer has that
   *     revision
   */
  static StoredTree read(EtcdV3Client client, String key, long revision) {
    SortedMap<String, KeyValue> keys = new TreeMap<>();
    String from = FlatPlan.marker(key);
    String end = EtcdV3Client.prefixEnd(from);
    long at = revision;
    while (true) {
      RangeResult page =
          client.range(
              from, RangeOptions.defaults().withRangeEnd(end).withLimit(PAGE).withRevision(at));
      at = page.revision();
      page.kvs().forEach(kv -> keys.put(kv.key(), kv));
      if (!page.more() || page.kvs().isEmpty()) {
        break;
      }
      from = page.kvs().get(page.kvs().size() - 1).key() + "\0";
    }
    SortedMap<String, KeyValue> above = new TreeMap<>();
    if (!key.equals("/")) {
      RangeOptions options = RangeOptions.defaults().withRevision(at);
      List<Op> reads = new ArrayList<>();
      reads.add(Op.range(key, options));
      for (String ancestor : FlatPlan.ancestors(key)) {
        reads.add(Op.range(ancestor, options));
        reads.add(Op.range(FlatPlan.marker(ancestor), options));
      }
      List<OpResult> results = client.txn().then(reads.toArray(Op[]::new)).commit().results();
      ((RangeResult) results.get(0)).kvs().forEach(kv -> keys.put(kv.key(), kv));
      for (OpResult result : results.subList(1, results.size())) {
        ((RangeResult) result).kvs().forEach(kv -> above.put(kv.key(), kv));
      }
    }
    return new StoredTree(at, keys, above);
  }

  /** {@return the keys at and under the path with their values} */
  SortedMap<String, String> values() {
    SortedMap<String, String> values = new TreeMap<>();
    keys.forEach((key, kv) -> values.put(key, kv.value()));
    return values;
  }

  /**
   * {@return the first directory above the path that holds a value instead of being a directory, or
   * {@code null}}
   */
  @org.jspecify.annotations.Nullable
  String ancestorHoldingAValue() {
    for (String key : above.keySet()) {
      if (!key.endsWith("/")) {
        return key;
      }
    }
    return null;
  }
}
