package link.etcd.middleware;

import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A validated value to write: a leaf holding a string, or a directory of named children in order.
 */
sealed interface TreeNode {
  /** The time to live of the node, or {@code null} when it lives until deleted. */
  @Nullable Duration ttl();

  /** A key holding {@code value}, expiring after {@code ttl} unless that is {@code null}. */
  record Leaf(String value, @Nullable Duration ttl) implements TreeNode {}

  /**
   * A directory, expiring with everything under it after {@code ttl} unless that is {@code null};
   * {@code children} keeps the order they were given in.
   */
  record Dir(Map<String, TreeNode> children, @Nullable Duration ttl) implements TreeNode {}
}
