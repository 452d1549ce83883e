package link.etcd.middleware;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.EtcdNode;
import link.etcd.EtcdResponse;
import link.etcd.EtcdV3Client;
import link.etcd.EtcdV3Types.RangeOptions;
import link.etcd.WatchEvent;
import link.etcd.WatchOptions;
import link.etcd.Watcher;
import org.jspecify.annotations.Nullable;

/**
 * Reads the history of a path on v3. etcd has no call that lists past revisions, but a watch from a
 * past revision replays every change since, in revision order: so the reader finds the oldest
 * revision etcd can still read (compaction ends history), reads the tree there and now, and watches
 * from the revision after the oldest, applying each change to the old tree. It has everything once
 * a change newer than now arrives, or once the tree it rebuilt equals the tree read now (same keys,
 * same mod revisions; directory markers, whose changes a watch does not deliver, left out) and etcd
 * sent nothing more for {@link #QUIET}: etcd replays a watcher's backlog every 100 ms, so a pause
 * ten times as long means the replay is over (only a key created and deleted again after the last
 * change seen could still be on its way).
 */
final class HistoryReader {
  /** How long the replay must stay silent, once the rebuilt tree equals today's, to be over. */
  static final Duration QUIET = Duration.ofSeconds(1);

  private HistoryReader() {}

  static TreeHistory read(EtcdV3Client client, String key, int limit) {
    long current = client.range(key, RangeOptions.defaults().withCountOnly(true)).revision();
    long oldest = oldestReadable(client, key, current);
    Map<String, Long> rebuilt = modRevisions(StoredTree.read(client, key, oldest));
    Map<String, Long> now = modRevisions(StoredTree.read(client, key, current));
    List<TreeHistory.Revision> revisions = new ArrayList<>();
    if (oldest < current) {
      replay(client, key, oldest, current, rebuilt, now, revisions);
    }
    List<TreeHistory.Revision> newestFirst = new ArrayList<>(revisions);
    Collections.reverse(newestFirst);
    int older = Math.max(0, newestFirst.size() - limit);
    return new TreeHistory(
        key,
        current,
        oldest,
        oldest > 1,
        newestFirst.subList(0, newestFirst.size() - older),
        older);
  }

  /** {@return the oldest revision etcd can still read: 1, or where it was compacted} */
  static long oldestReadable(EtcdV3Client client, String key, long current) {
    if (readable(client, key, 1)) {
      return 1;
    }
    long low = 2;
    long high = current;
    while (low < high) {
      long middle = low + (high - low) / 2;
      if (readable(client, key, middle)) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return low;
  }

  private static boolean readable(EtcdV3Client client, String key, long revision) {
    try {
      client.range(key, RangeOptions.defaults().withCountOnly(true).withRevision(revision));
      return true;
    } catch (EtcdException e) {
      if (e.error() == EtcdError.COMPACTED) {
        return false;
      }
      throw e;
    }
  }

  /**
   * {@return the mod revision of every key of {@code tree} but the directory markers, of which a
   * watch delivers no change}
   */
  private static Map<String, Long> modRevisions(StoredTree tree) {
    Map<String, Long> revisions = new HashMap<>();
    tree.keys()
        .forEach(
            (key, kv) -> {
              if (!key.endsWith("/")) {
                revisions.put(key, kv.modRevision());
              }
            });
    return revisions;
  }

  private static void replay(
      EtcdV3Client client,
      String key,
      long oldest,
      long current,
      Map<String, Long> rebuilt,
      Map<String, Long> now,
      List<TreeHistory.Revision> revisions) {
    BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
    WatchOptions options = WatchOptions.defaults().withRecursive(true).withFromIndex(oldest + 1);
    long patience = client.settings().readTimeout().toMillis();
    try (Watcher watcher = client.watch(key, options, events::add)) {
      List<TreeChange> changes = new ArrayList<>();
      long revision = 0;
      while (true) {
        boolean complete = rebuilt.equals(now);
        WatchEvent event =
            poll(events, complete ? QUIET.toMillis() : patience, key, complete, watcher);
        if (event == null) {
          break;
        }
        if (event instanceof WatchEvent.Resync) {
          throw new V3TreeException(
              EtcdError.COMPACTED,
              "etcd compacted the history of "
                  + key
                  + " while it was being read; read the history again");
        }
        if (event instanceof WatchEvent.Failed failed) {
          throw failed.error();
        }
        EtcdResponse change = ((WatchEvent.Change) event).response();
        long at = change.node().modifiedIndex();
        if (at > current) {
          break;
        }
        if (at != revision && !changes.isEmpty()) {
          revisions.add(new TreeHistory.Revision(revision, changes));
          changes = new ArrayList<>();
        }
        revision = at;
        String changed = change.node().key();
        if (change.action().equals("delete")) {
          rebuilt.remove(changed);
        } else {
          rebuilt.put(changed, at);
        }
        TreeChange visible = visible(change);
        if (visible != null) {
          changes.add(visible);
        }
      }
      if (!changes.isEmpty()) {
        revisions.add(new TreeHistory.Revision(revision, changes));
      }
    }
  }

  private static @Nullable WatchEvent poll(
      BlockingQueue<WatchEvent> events,
      long millis,
      String key,
      boolean complete,
      Watcher watcher) {
    try {
      WatchEvent event = events.poll(millis, TimeUnit.MILLISECONDS);
      if (event == null && !complete) {
        throw new V3TreeException(
            EtcdError.TIMEOUT,
            "etcd sent no more of the history of "
                + key
                + " for "
                + millis
                + " ms (read_timeout) before it was complete; read the history again");
      }
      return event;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      watcher.close();
      throw new V3TreeException(
          EtcdError.CANCELLED, "Interrupted while reading the history of " + key);
    }
  }

  /** {@return the change a watch event makes to the tree, or {@code null} for a marker} */
  private static @Nullable TreeChange visible(EtcdResponse change) {
    EtcdNode node = change.node();
    if (node.key().endsWith("/")) {
      return null;
    }
    EtcdNode before = change.prevNode();
    if (change.action().equals("delete")) {
      return new TreeChange(
          TreeChange.Kind.REMOVED, node.key(), before == null ? null : before.value(), null);
    }
    if (before == null) {
      return new TreeChange(TreeChange.Kind.ADDED, node.key(), null, node.value());
    }
    return new TreeChange(TreeChange.Kind.CHANGED, node.key(), before.value(), node.value());
  }
}
