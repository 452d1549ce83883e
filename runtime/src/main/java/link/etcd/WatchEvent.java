package link.etcd;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Watcher} delivers: a change for each change etcd reports, in index order, a resync
 * when etcd no longer had the changes the watcher missed, and, last, a {@link Failed} when the
 * watch ended on an error. A v2 watch ({@link EtcdClient#watch}) delivers {@link Change} and {@link
 * Resync}, with v2's nodes; a v3 watch ({@link EtcdV3Client#watch}) delivers {@link V3Change} and
 * {@link V3Resync}, with v3's key-values. Both end with {@link Failed}.
 *
 * <pre>{@code
 * client.watch("/config", WatchOptions.defaults().withRecursive(true), event -> {
 *   if (event instanceof WatchEvent.Change change) {
 *     apply(change.response().node());
 *   } else if (event instanceof WatchEvent.Resync resync) {
 *     replaceAll(resync.snapshot());   // null when nothing is stored at the key
 *   } else if (event instanceof WatchEvent.Failed failed) {
 *     alert(failed.error());           // the watch has ended; watch again once the cause is fixed
 *   }
 * });
 * }</pre>
 */
public sealed interface WatchEvent
    permits WatchEvent.Change,
        WatchEvent.Resync,
        WatchEvent.Failed,
        WatchEvent.V3Change,
        WatchEvent.V3Resync {
  /** {@return the etcd index of this event; the watcher goes on from the index after it} */
  long index();

  /**
   * One v2 change, as etcd reported it: {@code response().action()} says what happened ({@code
   * set}, {@code create}, {@code delete}, {@code expire}, ...) and {@code response().node()} is the
   * node changed.
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
   * v2: the changes between the last delivered event and {@link #index()} are gone from etcd's
   * history (etcd error 401, "event index cleared"), so the watcher read the watched key again:
   * {@link #snapshot()} is its whole state at {@link #index()}, and later changes follow as {@link
   * Change}s.
   *
   * @param snapshot the watched key, with every descendant for a recursive watch, or {@code null}
   *     when nothing is stored there
   * @param index etcd's index ({@code X-Etcd-Index}) when the snapshot was read
   */
  record Resync(@Nullable EtcdNode snapshot, long index) implements WatchEvent {}

  /**
   * The watch has ended, and nothing follows: etcd refused it for good (the user may not read the
   * key, or lost the permission; {@code error().retryable()} is false), or every attempt failed for
   * {@link WatchOptions#retryTimeout()}. The watcher is closed ({@link Watcher#isOpen()} is false);
   * changes from {@link #index()} on were not delivered, so a new watch should start there, or with
   * a fresh read.
   *
   * @param error why the watch ended
   * @param index the index (v3: the revision) of the first change not delivered
   */
  record Failed(EtcdException error, long index) implements WatchEvent {}

  /**
   * One change a v3 watch ({@link EtcdV3Client#watch}) saw, with etcd's own facts: {@link #kv()} is
   * the key after the change (its value, create and mod revisions, version and lease), {@link
   * #prevKv()} the key before it. On a {@link Type#DELETE}, {@code kv()} holds the key and the
   * deleting revision as its {@code modRevision}, with an empty value and 0 for the other numbers.
   * The directory markers of the map protocol (keys ending in {@code /}) are never delivered.
   *
   * @param type whether the key was put or deleted
   * @param kv the key after the change
   * @param prevKv the key before the change, or {@code null} when it did not exist, when etcd had
   *     already compacted that version away, or when the watch was made {@link
   *     WatchOptions#withPrevKv withPrevKv(false)}
   */
  record V3Change(Type type, EtcdV3Types.KeyValue kv, EtcdV3Types.@Nullable KeyValue prevKv)
      implements WatchEvent {
    /** What a change did. */
    public enum Type {
      /** The key was written (created when {@code kv().version()} is 1). */
      PUT,
      /** The key was deleted. */
      DELETE
    }

    /** Returns the revision of the change: {@code kv().modRevision()}. */
    @Override
    public long index() {
      return kv.modRevision();
    }

    /** {@return the changed key, without {@code key_prefix}} */
    public String key() {
      return kv.key();
    }

    /** {@return whether this put created the key: its first version} */
    public boolean created() {
      return type == Type.PUT && kv.version() == 1;
    }
  }

  /**
   * The revisions a v3 watch missed are compacted away, so the watcher read the watched keys again:
   * {@link #kvs()} is every key watched at {@link #revision()} (directory markers left out), in key
   * order, and later changes follow as {@link V3Change}s.
   *
   * @param kvs the watched keys at {@code revision}; empty when none exists
   * @param revision the revision of the read
   */
  record V3Resync(List<EtcdV3Types.KeyValue> kvs, long revision) implements WatchEvent {
    /**
     * Copies {@code kvs}.
     *
     * @param kvs the watched keys at {@code revision}
     * @param revision the revision of the read
     */
    public V3Resync {
      kvs = List.copyOf(kvs);
    }

    /** Returns {@link #revision()}. */
    @Override
    public long index() {
      return revision;
    }
  }
}
