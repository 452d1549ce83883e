package link.etcd.internal.v2;

import link.etcd.DeleteOptions;
import link.etcd.EtcdResponse;
import link.etcd.WriteOptions;
import org.jspecify.annotations.Nullable;

/**
 * What the middleware's v2 tree writer needs of a client beyond its public API: its look at what is
 * stored, the writes and deletes whose answers nobody reads, and the client's call threads to send
 * them from, each without Retrofit's per-call work. A client hands out its own ({@code
 * EtcdClient.leanWritePath()}); nothing is installed statically. Not for users.
 */
public interface LeanWritePath {
  /**
   * Reads {@code key} and everything under it as {@code EtcdClient.read} does with {@code
   * recursive} and {@code sorted}: the same request and the same answer.
   *
   * @param key the key
   * @return etcd's answer
   * @throws link.etcd.EtcdKeyNotFoundException when nothing is stored at {@code key}
   */
  EtcdResponse readTree(String key);

  /**
   * Sends the request of {@code EtcdClient.write} on the calling thread and does not read its
   * answer.
   *
   * @param key the key
   * @param value the value, or {@code null} for a directory or a refresh
   * @param options TTL, directory, conditions, refresh
   * @throws IllegalArgumentException when the request cannot be sent; nothing was sent
   * @throws IllegalStateException when the client is closed; nothing was sent
   * @throws link.etcd.EtcdException when etcd refused the write or could not be reached
   */
  void writeUnread(String key, @Nullable String value, WriteOptions options);

  /**
   * Sends the request of {@code EtcdClient.delete} on the calling thread and does not read its
   * answer.
   *
   * @param key the key
   * @param options recursive, directory, conditions
   * @throws IllegalArgumentException when the request cannot be sent; nothing was sent
   * @throws IllegalStateException when the client is closed; nothing was sent
   * @throws link.etcd.EtcdException when etcd refused the delete or could not be reached
   */
  void deleteUnread(String key, DeleteOptions options);

  /**
   * Runs {@code task} on one of the client's call threads, which closing the client ends.
   *
   * @param task what to run
   * @throws IllegalStateException when the client is closed; the task does not run
   */
  void runOnCallThread(Runnable task);
}
