package link.etcd.middleware;

import java.time.Duration;
import java.util.Objects;
import link.etcd.WriteOptions;

/**
 * A part of a tree given to {@link EtcdMiddleware#set} or {@link EtcdMiddleware#merge} that etcd
 * deletes after {@code ttl}: a key, or a directory with everything under it. {@code value} is
 * anything {@code set} accepts. A directory with a TTL is created (or has its TTL updated) before
 * its children are written.
 *
 * <pre>{@code
 * client.set("/locks", Map.of(
 *     "job-42", new Expiring("worker-1", Duration.ofSeconds(30)),           // a key living 30 s
 *     "session", new Expiring(Map.of("user", "ann"), Duration.ofMinutes(5)))); // a directory living 5 min
 * }</pre>
 *
 * <p>Reading the tree back gives the plain values: TTLs show on {@link link.etcd.EtcdNode#ttl()} of
 * {@link link.etcd.EtcdClient#read(String)}.
 *
 * @param value the key's value or the directory's tree
 * @param ttl the time to live, a positive number of whole seconds
 */
public record Expiring(Object value, Duration ttl) {
  /**
   * Checks that {@code ttl} is a positive number of whole seconds, as etcd counts them.
   *
   * @param value the key's value or the directory's tree
   * @param ttl the time to live, a positive number of whole seconds
   * @throws IllegalArgumentException when {@code ttl} is not a positive number of whole seconds, or
   *     {@code value} is itself an {@code Expiring}
   */
  public Expiring {
    Objects.requireNonNull(value, "value == null");
    Objects.requireNonNull(ttl, "ttl == null");
    WriteOptions.defaults().withTtl(ttl);
    if (value instanceof Expiring) {
      throw new IllegalArgumentException(
          "An Expiring value holds another Expiring value; give one ttl");
    }
  }
}
