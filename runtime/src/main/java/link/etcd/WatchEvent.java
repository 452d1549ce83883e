package link.etcd;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link Watcher} delivers: a {@link Change} for each change etcd reports, in index order, or a
 * {@link Resync} when etcd no longer had the changes the watcher missed.
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
public sealed interface WatchEvent permits WatchEvent.Change, WatchEvent.Resync {
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
}
