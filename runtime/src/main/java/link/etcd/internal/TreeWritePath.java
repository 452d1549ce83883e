package link.etcd.internal;

import link.etcd.DeleteOptions;
import link.etcd.EtcdClient;
import link.etcd.EtcdResponse;
import link.etcd.ReadOptions;
import link.etcd.WriteOptions;
import org.jspecify.annotations.Nullable;

/**
 * What the middleware's tree writer needs of an {@link EtcdClient} beyond its public API: its look
 * at what is stored, the writes and deletes whose answers nobody reads, and the client's call
 * threads to send them from, each without Retrofit's per-call work. {@link EtcdClient} installs the
 * one implementation when its class is initialized (as OkHttp's {@code Internal} once did), so
 * these methods stay out of the client's public API. Not for users.
 */
public abstract class TreeWritePath {
  private static volatile @Nullable TreeWritePath instance;

  /** For {@link EtcdClient}'s implementation only. */
  protected TreeWritePath() {}

  /**
   * Installs the implementation; {@link EtcdClient} calls it once, when its class is initialized.
   *
   * @param path the implementation
   * @throws IllegalStateException when one is installed already
   */
  public static synchronized void install(TreeWritePath path) {
    if (instance != null) {
      throw new IllegalStateException("The tree write path of EtcdClient is installed already");
    }
    instance = path;
  }

  /**
   * {@return the implementation} It is installed by then: {@link EtcdClient}'s class is initialized
   * before any client exists.
   */
  public static TreeWritePath get() {
    TreeWritePath path = instance;
    if (path == null) {
      throw new IllegalStateException("EtcdClient is not initialized");
    }
    return path;
  }

  /**
   * Reads {@code key} and everything under it as {@link EtcdClient#read(String, ReadOptions)} does
   * with {@code recursive} and {@code sorted}: the same request and the same answer.
   *
   * @param client the client to read with
   * @param key the key
   * @return etcd's answer
   * @throws link.etcd.EtcdKeyNotFoundException when nothing is stored at {@code key}
   */
  public abstract EtcdResponse readTree(EtcdClient client, String key);

  /**
   * Sends the request of {@link EtcdClient#write(String, String, WriteOptions)} on the calling
   * thread and does not read its answer.
   *
   * @param client the client to send with
   * @param key the key
   * @param value the value, or {@code null} for a directory or a refresh
   * @param options TTL, directory, conditions, refresh
   * @throws IllegalArgumentException when the request cannot be sent; nothing was sent
   * @throws IllegalStateException when the client is closed; nothing was sent
   * @throws link.etcd.EtcdException when etcd refused the write or could not be reached
   */
  public abstract void write(
      EtcdClient client, String key, @Nullable String value, WriteOptions options);

  /**
   * Sends the request of {@link EtcdClient#delete(String, DeleteOptions)} on the calling thread and
   * does not read its answer.
   *
   * @param client the client to send with
   * @param key the key
   * @param options recursive, directory, conditions
   * @throws IllegalArgumentException when the request cannot be sent; nothing was sent
   * @throws IllegalStateException when the client is closed; nothing was sent
   * @throws link.etcd.EtcdException when etcd refused the delete or could not be reached
   */
  public abstract void delete(EtcdClient client, String key, DeleteOptions options);

  /**
   * Runs {@code task} on one of the client's call threads, which {@link EtcdClient#close()} ends.
   *
   * @param client the client whose thread runs the task
   * @param task what to run
   * @throws IllegalStateException when the client is closed; the task does not run
   */
  public abstract void runOnCallThread(EtcdClient client, Runnable task);
}
