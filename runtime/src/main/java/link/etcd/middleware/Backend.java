package link.etcd.middleware;

import java.util.function.Consumer;
import link.etcd.WatchEvent;
import org.jspecify.annotations.Nullable;

/**
 * Where the tree codec meets the store: the few operations {@link EtcdMiddleware} (and through it
 * the configuration driver, the generated accessors and the tree DSL) needs, implemented once per
 * etcd API. Paths are already normalized ({@link link.etcd.internal.Keys#normalize}); trees are
 * already validated.
 */
interface Backend extends AutoCloseable {
  /**
   * Reads the tree at {@code key} as plain values, decoded as the answer arrives: a {@code String},
   * a {@code Map<String, Object>} or a {@code List<Object>}.
   *
   * @throws link.etcd.EtcdKeyNotFoundException when nothing is stored at {@code key}
   */
  Object read(String key);

  /**
   * Makes {@code key} hold {@code tree}, replacing or merging what is there, as {@code mode} says.
   */
  void write(String key, TreeNode tree, TreeWriter.Mode mode);

  /** {@return whether a key or a directory is stored at {@code key}} */
  boolean contains(String key);

  /**
   * Erases {@code key} and everything under it.
   *
   * @throws link.etcd.EtcdKeyNotFoundException when nothing is stored at {@code key}
   */
  void delete(String key);

  /**
   * {@return the seconds {@code key} has left to live, or {@code null} when it does not expire}
   *
   * @throws link.etcd.EtcdKeyNotFoundException when nothing is stored at {@code key}
   */
  @Nullable Long ttl(String key);

  /**
   * Adds {@code value} as a new in-order item of the directory {@code key}; returns the item's key.
   */
  String append(String key, String value);

  /**
   * Calls {@code onChange} after every change at or under {@code key}, until the watch is closed;
   * {@code onEnd} gets the error the watch ends on when it cannot go on.
   */
  TreeWatch watch(String key, Runnable onChange, Consumer<RuntimeException> onEnd);

  /**
   * {@return a watch listener that calls {@code onEnd} with a failure's error and {@code onChange}
   * otherwise}
   */
  static Consumer<WatchEvent> listener(Runnable onChange, Consumer<RuntimeException> onEnd) {
    return event -> {
      if (event instanceof WatchEvent.Failed failed) {
        onEnd.accept(failed.error());
      } else {
        onChange.run();
      }
    };
  }

  /**
   * Renews every lease of a key at or under {@code key} until closed; see {@link
   * EtcdMiddleware#keepAlive}.
   */
  TreeWatch keepAlive(String key, java.util.function.Consumer<link.etcd.EtcdException> onGone);

  /** Checks that etcd answers, and serves this backend's API. */
  void connect();

  /** Ends every call in flight and releases the connections. */
  @Override
  void close();
}
