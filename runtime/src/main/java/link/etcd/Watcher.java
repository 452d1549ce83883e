package link.etcd;

import java.util.function.Consumer;

/**
 * A continuous watch of a key or a subtree, made by {@link EtcdClient#watch(String, WatchOptions,
 * Consumer)} (v2) or {@link EtcdV3Client#watch(String, WatchOptions, Consumer)} (v3): it delivers
 * every change, in index order, to its listener until {@link #close()}. This is the handle both
 * APIs give; each API has its own watcher behind it. On v3 every watch of a client shares one gRPC
 * {@code Watch} stream, with the resume rules {@link EtcdV3Client#watch(String, WatchOptions,
 * Consumer)} gives; what follows is the v2 watcher.
 *
 * <pre>{@code
 * try (Watcher watcher = client.watch("/config", WatchOptions.defaults().withRecursive(true), event ->
 *     System.out.println(event))) {
 *   ...
 * }
 * }</pre>
 *
 * <p>How it keeps up:
 *
 * <ul>
 *   <li>each long poll waits for the change at {@link #nextIndex()}; after a change the watcher
 *       goes on from the changed node's {@code modifiedIndex + 1}, so no change is skipped and none
 *       is delivered twice;
 *   <li>a poll is ended after {@link WatchOptions#pollTimeout()} and polled again at the same
 *       index, as is a poll that etcd or the network ends after holding it a while (etcd may answer
 *       a long poll with an empty body);
 *   <li>a poll that fails at once (connection refused, no leader, ...) is retried at the same index
 *       after a backoff that doubles from 100 ms up to 5 s; the first failure of a series is logged
 *       at {@code WARNING} on the {@code link.etcd.Watcher} {@link System.Logger}. When every
 *       attempt has failed for {@link WatchOptions#retryTimeout()} (5 minutes by default), the
 *       watch ends with a {@link WatchEvent.Failed};
 *   <li>an error that retrying cannot fix (the user may not read the key, or lost the permission; a
 *       request etcd refuses as invalid) ends the watch at once with a {@link WatchEvent.Failed};
 *   <li>when etcd no longer keeps the change at {@link #nextIndex()} (etcd error 401, "event index
 *       cleared"), when a poll's {@code X-Etcd-Index} is below the highest index seen (etcd was
 *       wiped or restored from a backup, so the index waited for may never come), or when the
 *       endpoint answers for another cluster, the watcher reads the key once (recursively for a
 *       recursive watch) and delivers one {@link WatchEvent.Resync} with that snapshot and the
 *       read's {@code X-Etcd-Index}, then goes on from that index plus one: missed changes are
 *       never skipped silently.
 * </ul>
 *
 * <p>The listener is called on one of the client's watch threads, one event at a time, each after
 * the previous one returned. An exception the listener throws is logged at {@code WARNING} and the
 * watcher goes on with the next event: the event counts as delivered. Watches run on the client's
 * watch dispatcher, apart from ordinary calls, so open watches never hold those back.
 *
 * <p>{@link #close()} stops the watch at once: the poll in flight is cancelled and its connection
 * released, and the listener is not called again (except for a call already running). Closing the
 * {@link EtcdClient} ends its watchers too.
 */
public interface Watcher extends AutoCloseable {
  /** {@return the watched key} */
  String key();

  /** {@return the etcd index (v3: the revision) of the next change this watcher waits for} */
  long nextIndex();

  /** {@return whether this watcher still watches: not closed, and its client not closed} */
  boolean isOpen();

  /**
   * Stops watching: v2 cancels the poll in flight and releases its connection; v3 cancels the watch
   * on the client's stream. The listener is not called again (except for a call already running).
   * Idempotent.
   */
  @Override
  void close();
}
