package link.etcd.middleware;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import link.etcd.internal.Keys;
import org.jspecify.annotations.Nullable;

/**
 * Plans a tree write on the flat v3 key space: a put of every leaf and of every directory's marker ({@code <dir>/},
 * empty), and point deletes of the stored keys the new tree no longer has ({@link TreeWriter.Mode#REPLACE}) or
 * that change kind (a key becoming a directory, or the reverse). A key's TTL is its own or its nearest
 * directory's, whichever is shorter, so everything under a directory with a TTL expires with it.
 *
 * @param puts the keys to write with their values and TTLs, parents before children
 * @param deletes the stored keys to delete, in key order
 */
record FlatPlan(List<Put> puts, List<String> deletes) {
  /** A key to write: {@code ttl} is {@code null} for none. */
  record Put(String key, String value, @Nullable Duration ttl) {}

  /**
   * Plans writing {@code tree} at {@code key}, given the keys {@code stored} at and under it (at the key, its
   * marker and below), read at one revision. At the root nothing is pruned.
   */
  static FlatPlan of(String key, TreeNode tree, Set<String> stored, TreeWriter.Mode mode) {
    Map<String, Put> puts = new LinkedHashMap<>();
    for (String ancestor : ancestors(key)) {
      puts.put(marker(ancestor), new Put(marker(ancestor), "", null));
    }
    flatten(key, tree, null, puts);
    List<String> deletes = new ArrayList<>();
    boolean replace = mode == TreeWriter.Mode.REPLACE && !key.equals("/");
    for (String old : stored) {
      if (puts.containsKey(old)) {
        continue;
      }
      if (replace || changesKind(old, puts)) {
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

  /** {@return the marker key of directory {@code dir}} */
  static String marker(String dir) {
    return dir.equals("/") ? "/" : dir + "/";
  }

  private static void flatten(String key, TreeNode node, @Nullable Duration inherited, Map<String, Put> puts) {
    Duration ttl = shorter(node.ttl(), inherited);
    if (node instanceof TreeNode.Leaf leaf) {
      puts.put(key, new Put(key, leaf.value(), ttl));
      return;
    }
    if (!key.equals("/")) {
      puts.put(marker(key), new Put(marker(key), "", ttl));
    }
    for (Map.Entry<String, TreeNode> child : ((TreeNode.Dir) node).children().entrySet()) {
      flatten(Keys.child(key, child.getKey()), child.getValue(), ttl, puts);
    }
  }

  private static @Nullable Duration shorter(@Nullable Duration a, @Nullable Duration b) {
    if (a == null) {
      return b;
    }
    return b == null || a.compareTo(b) <= 0 ? a : b;
  }

  /**
   * {@return whether the stored key {@code old} conflicts with the new tree: it is a value where the tree has a
   * directory, or lies under a key the tree makes a value}
   */
  private static boolean changesKind(String old, Map<String, Put> puts) {
    if (!old.endsWith("/") && puts.containsKey(old + "/")) {
      return true;
    }
    for (int slash = old.indexOf('/', 1); slash > 0; slash = old.indexOf('/', slash + 1)) {
      Put above = puts.get(old.substring(0, slash));
      if (above != null) {
        return true;
      }
    }
    return false;
  }
}
