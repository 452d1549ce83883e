package link.etcd;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One node of etcd's key space: a key holding a value, or a directory holding {@link #nodes()}.
 *
 * @param key the full key, such as {@code /collection/subcollection/1}; {@code /} for the root
 * @param value the value of a key, or {@code null} for a directory
 * @param dir whether this node is a directory
 * @param createdIndex the etcd index at which the node was created ({@code 0} for the root)
 * @param modifiedIndex the etcd index of the node's last change ({@code 0} for the root)
 * @param expiration when the node expires, or {@code null} when it has no TTL
 * @param ttl the seconds left to live, or {@code null} when it has no TTL
 * @param nodes the children of a directory read with them (in key order for a sorted read), else
 *     empty
 */
public record EtcdNode(
    String key,
    @Nullable String value,
    boolean dir,
    long createdIndex,
    long modifiedIndex,
    @Nullable Instant expiration,
    @Nullable Long ttl,
    List<EtcdNode> nodes) {
  /**
   * Creates a node; {@code nodes} is copied.
   *
   * @param key the full key; {@code /} for the root
   * @param value the value of a key, or {@code null} for a directory
   * @param dir whether this node is a directory
   * @param createdIndex the etcd index at which the node was created
   * @param modifiedIndex the etcd index of the node's last change
   * @param expiration when the node expires, or {@code null} when it has no TTL
   * @param ttl the seconds left to live, or {@code null} when it has no TTL
   * @param nodes the children read with a directory, else empty
   */
  public EtcdNode {
    nodes = List.copyOf(nodes);
  }
}
