package link.etcd.middleware;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import link.etcd.internal.Keys;
import org.jspecify.annotations.Nullable;

/**
 * Plans a tree write on the flat v3 key space: a put of every leaf and of every directory's marker
 * ({@code <dir>/}, empty), and point deletes of the stored keys the new tree no longer has ({@link
 * TreeWriter.Mode#REPLACE}) or that change kind (a key becoming a directory, or the reverse).
 *
 * <p>Expiry follows v2's directories: a key expires with the nearest directory above it that has a
 * TTL, so it is put with that directory's lease (a TTL given in the tree, or the lease a stored
 * directory already has), or with its own TTL when that is given. A directory missing above the
 * path gets a marker, so it outlives a later delete of the path as on v2. {@link
 * TreeWriter.Mode#MERGE} leaves a stored directory's marker, and so its lease, alone.
 *
 * @param puts the keys to write, parents before children
 * @param deletes the stored keys to delete, in key order
 */
record FlatPlan(List<Put> puts, List<String> deletes) {
  /**
   * A key to write: with a new lease of {@code ttl} when that is given, else with the existing
   * {@code lease} (0 for none).
   */
  record Put(String key, String value, @Nullable Duration ttl, long lease) {}

  /** How a key expires: a new lease of {@code ttl}, an existing {@code lease}, or neither. */
  private record Expiry(@Nullable Duration ttl, long lease) {
    static final Expiry NONE = new Expiry(null, 0);

    /** {@return this expiry, shortened by a node's own {@code ttl}} */
    Expiry with(@Nullable Duration own) {
      if (own == null) {
        return this;
      }
      return ttl != null && ttl.compareTo(own) < 0 ? this : new Expiry(own, 0);
    }
  }

  /**
   * Plans writing {@code tree} at {@code key}. {@code stored} holds the keys at and under it (the
   * key, its marker and below) with their leases, {@code markers} the markers of the directories
   * above it that exist, with their leases (a directory out of the caller's reach is listed as
   * existing, so it is never written); both read at one revision. At the root nothing is pruned.
   */
  static FlatPlan of(
      String key,
      TreeNode tree,
      Map<String, Long> stored,
      Map<String, Long> markers,
      TreeWriter.Mode mode) {
    TreeWriter.Mode effective = key.equals("/") ? TreeWriter.Mode.MERGE : mode;
    Map<String, Put> puts = new LinkedHashMap<>();
    Expiry inherited = Expiry.NONE;
    for (String ancestor : ancestors(key)) {
      Long lease = markers.get(marker(ancestor));
      if (lease == null) {
        puts.put(marker(ancestor), put(marker(ancestor), "", inherited));
      } else if (lease != 0) {
        inherited = new Expiry(null, lease);
      }
    }
    flatten(key, tree, inherited, stored, effective, puts);
    List<String> deletes = new ArrayList<>();
    for (String old : stored.keySet()) {
      if (!puts.containsKey(old)
          && (effective == TreeWriter.Mode.REPLACE || changesKind(old, puts))) {
        deletes.add(old);
      }
    }
    return new FlatPlan(List.copyOf(puts.values()), List.copyOf(deletes));
  }

  /** {@return the directories above {@code key}, outermost first, without the root} */
  static List<String> ancestors(String key) {
    List<String> ancestors = new ArrayList<>();
    for (int slash = key.indexOf('/', 1); slash > 0; slash = key.indexOf('/', slash + 1)) {
      ancestors.add(key.substring(0, slash));
    }
    return ancestors;
  }

  /**
   * {@return the marker key of directory {@code dir}, which is also the start of the range under
   * it}
   */
  static String marker(String dir) {
    return dir.equals("/") ? "/" : dir + "/";
  }

  private static Put put(String key, String value, Expiry expiry) {
    return new Put(key, value, expiry.ttl(), expiry.lease());
  }

  private static void flatten(
      String key,
      TreeNode node,
      Expiry inherited,
      Map<String, Long> stored,
      TreeWriter.Mode mode,
      Map<String, Put> puts) {
    Expiry expiry = inherited.with(node.ttl());
    if (node instanceof TreeNode.Leaf leaf) {
      puts.put(key, put(key, leaf.value(), expiry));
      return;
    }
    if (!key.equals("/")) {
      String marker = marker(key);
      Long lease = stored.get(marker);
      if (mode == TreeWriter.Mode.MERGE && node.ttl() == null && lease != null) {
        expiry = lease == 0 ? expiry : new Expiry(null, lease);
      } else {
        puts.put(marker, put(marker, "", expiry));
      }
    }
    for (Map.Entry<String, TreeNode> child : ((TreeNode.Dir) node).children().entrySet()) {
      flatten(Keys.child(key, child.getKey()), child.getValue(), expiry, stored, mode, puts);
    }
  }

  /**
   * {@return whether the stored key {@code old} conflicts with the new tree: it is a value where
   * the tree has a directory, or lies under a key the tree makes a value}
   */
  private static boolean changesKind(String old, Map<String, Put> puts) {
    if (puts.containsKey(old + "/")) {
      return true;
    }
    for (int slash = old.indexOf('/', 1); slash > 0; slash = old.indexOf('/', slash + 1)) {
      if (puts.containsKey(old.substring(0, slash))) {
        return true;
      }
    }
    return false;
  }
}
