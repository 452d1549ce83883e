package link.etcd.internal.v3;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import link.etcd.EtcdNode;
import link.etcd.EtcdV3Client;
import org.jspecify.annotations.Nullable;

/**
 * The {@link EtcdNode} tree of v3 keys read at one revision, for a {@link WatchEvent.Resync}:
 * directories are inferred from the keys' paths, and a marker {@code <dir>/} (the map protocol's
 * empty directory) makes a directory with no children.
 */
public final class V3Snapshot {
  private V3Snapshot() {}

  /**
   * {@return the node at {@code key} with everything under it, or {@code null} when {@code kvs} is
   * empty}
   *
   * @param key the watched key
   * @param kvs the keys at and under {@code key}, in key order
   */
  static @Nullable EtcdNode of(String key, List<EtcdV3Client.KeyValue> kvs) {
    if (kvs.isEmpty()) {
      return null;
    }
    Dir root = new Dir();
    EtcdV3Client.KeyValue self = null;
    String prefix = key.endsWith("/") ? key : key + "/";
    for (EtcdV3Client.KeyValue kv : kvs) {
      if (kv.key().equals(key)) {
        self = kv;
        continue;
      }
      String rest = kv.key().substring(prefix.length());
      Dir dir = root;
      String[] segments = rest.split("/", -1);
      for (int i = 0; i < segments.length - 1; i++) {
        dir = dir.children.computeIfAbsent(segments[i], name -> new Dir());
      }
      String last = segments[segments.length - 1];
      if (last.isEmpty()) {
        dir.marker = kv;
      } else {
        dir.leaves.put(last, kv);
      }
    }
    if (self != null && root.children.isEmpty() && root.leaves.isEmpty() && root.marker == null) {
      return leaf(key, self);
    }
    return root.node(key.equals("/") ? "/" : key);
  }

  private static EtcdNode leaf(String key, EtcdV3Client.KeyValue kv) {
    return new EtcdNode(
        key, kv.value(), false, kv.createRevision(), kv.modRevision(), null, null, List.of());
  }

  private static final class Dir {
    final Map<String, Dir> children = new TreeMap<>();
    final Map<String, EtcdV3Client.KeyValue> leaves = new TreeMap<>();
    EtcdV3Client.@Nullable KeyValue marker;

    EtcdNode node(String key) {
      String prefix = key.endsWith("/") ? key : key + "/";
      List<EtcdNode> nodes = new ArrayList<>();
      Map<String, Object> all = new TreeMap<>(leaves);
      all.putAll(children);
      all.forEach(
          (name, child) ->
              nodes.add(
                  child instanceof Dir dir
                      ? dir.node(prefix + name)
                      : leaf(prefix + name, (EtcdV3Client.KeyValue) child)));
      long created = marker == null ? 0 : marker.createRevision();
      long modified = marker == null ? 0 : marker.modRevision();
      return new EtcdNode(key, null, true, created, modified, null, null, nodes);
    }
  }
}
