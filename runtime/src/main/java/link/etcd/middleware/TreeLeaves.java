package link.etcd.middleware;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import link.etcd.internal.Keys;

/**
 * A tree as what a user sees of it: its leaves by full key, and its empty directories as keys
 * ending with {@code /} (holding {@code ""}), in key order. Two trees are equal when these are; the
 * differences of two are {@link TreeChange}s.
 */
final class TreeLeaves {
  private TreeLeaves() {}

  /** {@return the leaves of a validated tree written at {@code key}} */
  static SortedMap<String, String> of(String key, TreeNode tree) {
    SortedMap<String, String> leaves = new TreeMap<>();
    add(key, tree, leaves);
    return leaves;
  }

  private static void add(String key, TreeNode node, SortedMap<String, String> leaves) {
    if (node instanceof TreeNode.Leaf leaf) {
      leaves.put(key, leaf.value());
      return;
    }
    Map<String, TreeNode> children = ((TreeNode.Dir) node).children();
    if (children.isEmpty()) {
      leaves.put(FlatPlan.marker(key), "");
    }
    children.forEach((name, child) -> add(Keys.child(key, name), child, leaves));
  }

  /**
   * {@return the leaves of a tree read as plain values at {@code key}: a {@code String}, a {@code
   * Map} of children or a {@code List} of items {@code 1}, {@code 2}, ...}
   */
  static SortedMap<String, String> ofPlain(String key, Object tree) {
    SortedMap<String, String> leaves = new TreeMap<>();
    addPlain(key, tree, leaves);
    return leaves;
  }

  private static void addPlain(String key, Object tree, SortedMap<String, String> leaves) {
    if (tree instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        leaves.put(FlatPlan.marker(key), "");
      }
      map.forEach((name, child) -> addPlain(Keys.child(key, (String) name), child, leaves));
    } else if (tree instanceof List<?> items) {
      for (int i = 0; i < items.size(); i++) {
        addPlain(Keys.child(key, Integer.toString(i + 1)), items.get(i), leaves);
      }
    } else {
      leaves.put(key, (String) tree);
    }
  }

  /**
   * {@return the leaves of the v3 keys {@code stored} (key to value): every key but the directory
   * markers, and the markers of directories with nothing else under them}
   */
  static SortedMap<String, String> ofStored(SortedMap<String, String> stored) {
    SortedMap<String, String> leaves = new TreeMap<>();
    for (Map.Entry<String, String> entry : stored.entrySet()) {
      String key = entry.getKey();
      if (!key.endsWith("/")) {
        leaves.put(key, entry.getValue());
      } else if (stored.tailMap(key + "\0").isEmpty()
          || !stored.tailMap(key + "\0").firstKey().startsWith(key)) {
        leaves.put(key, "");
      }
    }
    return leaves;
  }

  /** {@return what turns {@code before} into {@code after}, in key order} */
  static List<TreeChange> changes(
      SortedMap<String, String> before, SortedMap<String, String> after) {
    SortedMap<String, Boolean> keys = new TreeMap<>();
    before.keySet().forEach(key -> keys.put(key, true));
    after.keySet().forEach(key -> keys.put(key, true));
    List<TreeChange> changes = new ArrayList<>();
    for (String key : keys.keySet()) {
      String old = before.get(key);
      String now = after.get(key);
      boolean dir = key.endsWith("/");
      if (old == null && now != null) {
        changes.add(new TreeChange(TreeChange.Kind.ADDED, key, null, dir ? null : now));
      } else if (old != null && now == null) {
        changes.add(new TreeChange(TreeChange.Kind.REMOVED, key, dir ? null : old, null));
      } else if (old != null && !old.equals(now)) {
        changes.add(new TreeChange(TreeChange.Kind.CHANGED, key, old, now));
      }
    }
    return changes;
  }
}
