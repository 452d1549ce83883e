package link.etcd;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link Watcher} delivers: a {@link Change} for each change etcd reports, in index order, a
 * {@link Resync} when etcd no longer had the changes the watcher missed, or (on the v3 API) one {@link Failed} when
 * the watch ended on an error that retrying cannot fix.
 *
 * <pre>{@code
 * client.watch("/config", WatchOptions.defaults().withRecursive(true), event -> {
 *   if (event instanceof WatchEvent.Change change) {
 *     apply(change.response().node());
 *   } else if (event instanceof WatchEvent.Resync resync) {
 *     replaceAll(resync.snapshot());   // null when nothing is stored at the key
 *   }
 * });
 * }</pre>
 */
public sealed interface WatchEvent permits WatchEvent.Change, WatchEvent.Resync, WatchEvent.Failed {
  /** {@return the etcd index of this event; the watcher goes on from the index after it} */
  long index();

  /**
   * One change, as etcd reported it: {@code response().action()} says what happened ({@code set},
   * {@code delete}, {@code expire}, ...) and {@code response().node()} is the node changed.
   *
   * @param response etcd's answer to the watch
   */
  record Change(EtcdResponse response) implements WatchEvent {
    /** Returns the changed node's {@code modifiedIndex}. */
    @Override
    public long index() {
      return response.node().modifiedIndex();
    }
  }

  /**
   * The changes between the last delivered event and {@link #index()} are gone from etcd's history (etcd error
   * 401, "event index cleared"), so the watcher read the watched key again: {@link #snapshot()} is its whole state
   * at {@link #index()}, and later changes follow as {@link Change}s.
   *
   * @param snapshot the watched key, with every descendant for a recursive watch, or {@code null} when nothing is
   *     stored there
   * @param index etcd's index ({@code X-Etcd-Index}) when the snapshot was read
   */
  record Resync(@Nullable EtcdNode snapshot, long index) implements WatchEvent {}

  /**
   * The watch ended on an error that sending it again cannot fix: permission denied, credentials etcd refuses even
   * after authenticating anew, a request etcd refuses. The watcher is closed ({@link Watcher#isOpen()} is false)
   * and delivers nothing after this.
   *
   * @param error what went wrong, and what to do about it
   * @param index the revision the watcher was waiting for when it stopped
   */
  record Failed(EtcdException error, long index) implements WatchEvent {}
}
