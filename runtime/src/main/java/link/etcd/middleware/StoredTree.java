package link.etcd.middleware;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.EtcdV3Client;
import link.etcd.EtcdV3Types.KeyValue;
import link.etcd.EtcdV3Types.RangeOptions;
import link.etcd.EtcdV3Types.RangeResult;

/**
 * The v3 keys of a tree read at one revision: every key under the path (directory markers
 * included), the key at the path itself when the caller's roles reach it, and the directories above
 * it as far as the roles reach ({@link V3Ancestors}). A role such as {@code readwrite --prefix=true
 * /app/} reaches everything under {@code /app} but not the key {@code /app} itself nor anything
 * above: those are then neither read nor, by the writes planned on this, compared or written.
 *
 * @param revision the revision everything was read at
 * @param keys the keys at and under the path, in key order
 * @param above the directories above the path, read innermost first as far as the roles reach
 * @param keyInReach whether the key at the path itself was read (it may still be absent)
 */
record StoredTree(
    long revision, SortedMap<String, KeyValue> keys, V3Ancestors above, boolean keyInReach) {
  /** Keys per page of a read. */
  private static final int PAGE = 2000;

  /**
   * Reads the tree at {@code key} at {@code revision} (0 for the latest).
   *
   * @throws EtcdException with {@link EtcdError#COMPACTED} when etcd no longer has that revision
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
    if (key.equals("/")) {
      return new StoredTree(at, keys, new V3Ancestors(Map.of(), null, false), false);
    }
    boolean keyInReach = true;
    try {
      client
          .range(key, RangeOptions.defaults().withRevision(at))
          .kvs()
          .forEach(kv -> keys.put(kv.key(), kv));
    } catch (EtcdException e) {
      if (e.error() != EtcdError.PERMISSION_DENIED) {
        throw e;
      }
      keyInReach = false;
    }
    return new StoredTree(at, keys, V3Ancestors.read(client, key, at), keyInReach);
  }

  /** {@return the keys at and under the path with their values} */
  SortedMap<String, String> values() {
    SortedMap<String, String> values = new TreeMap<>();
    keys.forEach((key, kv) -> values.put(key, kv.value()));
    return values;
  }

  /**
   * {@return etcd's current revision, from a count of the keys under {@code key}: a read that every
   * role reaching the tree may make}
   */
  static long currentRevision(EtcdV3Client client, String key) {
    String under = FlatPlan.marker(key);
    return client
        .range(
            under,
            RangeOptions.defaults().withCountOnly(true).withRangeEnd(EtcdV3Client.prefixEnd(under)))
        .revision();
  }
}
