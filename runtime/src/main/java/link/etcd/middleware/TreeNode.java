package link.etcd.middleware;

import java.util.Map;

/** A validated value to write: a leaf holding a string, or a directory of named children in order. */
sealed interface TreeNode {
  /** A key holding {@code value}. */
  record Leaf(String value) implements TreeNode {}

  /** A directory; {@code children} keeps the order they were given in. */
  record Dir(Map<String, TreeNode> children) implements TreeNode {}
}
