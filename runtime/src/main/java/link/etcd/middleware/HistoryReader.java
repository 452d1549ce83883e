package link.etcd.middleware;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.EtcdV3Client;
import link.etcd.EtcdV3Types.RangeOptions;
import link.etcd.internal.v3.V3Replay;

/**
 * Reads the history of a path on v3. etcd has no call that lists past revisions, but a watch from a
 * past revision replays every change since, in revision order: so the reader finds the oldest
 * revision etcd can still read (compaction ends history), reads the tree there and now, and watches
 * from the revision after the oldest on a stream of its own ({@link V3Replay}), grouping the
 * changes by revision. Only the keys the caller's roles reach are watched: under a role on {@code
 * /app/}, the keys under {@code /app} but not the key {@code /app} itself.
 *
 * <p>How it knows the replay is over:
 *
 * <ul>
 *   <li>on etcd 3.5.13+ and 3.4.31+ (and later minor releases), exactly: it asks for progress
 *       ({@code WatchRequest.progress_request}, again every {@link #PROGRESS_EVERY} until
 *       answered), and those servers answer only once the watcher has caught up, with their current
 *       revision; every change up to the revision read at the start has then arrived. The fix for
 *       etcd issue 15220 (3.5.8, 3.4.25) made the answer wait for the watcher; until 3.5.13 and
 *       3.4.31 it could wait for an event that never comes, so those releases take the rule below;
 *   <li>on older servers (such as 3.4.23), which answer a progress request at once whatever the
 *       watcher has sent, by quiet: once the tree it rebuilt equals the tree read now (same keys,
 *       same mod revisions; directory markers, whose changes are left out, left out) and etcd sent
 *       nothing more for {@link #QUIET}. etcd replays a watcher's backlog every 100 ms, so a pause
 *       ten times as long means the replay is over; only a key created and deleted again after the
 *       last change seen could still be on its way.
 * </ul>
 *
 * <p>Either way a change after the revision read at the start ends the replay too.
 */
final class HistoryReader {
  /**
   * How long the replay must stay silent, once the rebuilt tree equals today's, to be over: the
   * rule for servers whose progress answers do not wait for the watcher.
   */
  static final Duration QUIET = Duration.ofSeconds(1);

  /** How often a progress request is sent again until etcd answers one. */
  static final Duration PROGRESS_EVERY = Duration.ofMillis(100);

  private HistoryReader() {}

  static TreeHistory read(EtcdV3Client client, String key, int limit) {
    long current = StoredTree.currentRevision(client, key);
    long oldest = oldestReadable(client, key, current);
    StoredTree then = StoredTree.read(client, key, oldest);
    Map<String, Long> rebuilt = modRevisions(then);
    Map<String, Long> now = modRevisions(StoredTree.read(client, key, current));
    List<TreeHistory.Revision> revisions = new ArrayList<>();
    boolean exact;
    String under = FlatPlan.marker(key);
    String from = then.keyInReach() ? key : under;
    try (V3Replay replay =
        V3Replay.open(client.settings(), from, EtcdV3Client.prefixEnd(under), oldest + 1)) {
      exact = V3Replay.progressIsOrdered(replay.serverVersion());
      if (oldest < current) {
        new Replay(replay, client, key, current, exact).run(rebuilt, now, revisions);
      }
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
        older,
        exact);
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
      String under = FlatPlan.marker(key);
      client.range(
          under,
          RangeOptions.defaults()
              .withCountOnly(true)
              .withRangeEnd(EtcdV3Client.prefixEnd(under))
              .withRevision(revision));
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

  /** One replay of the changes after the oldest revision up to the current one. */
  private record Replay(
      V3Replay replay, EtcdV3Client client, String key, long current, boolean exact) {
    void run(
        Map<String, Long> rebuilt, Map<String, Long> now, List<TreeHistory.Revision> revisions) {
      try {
        if (exact) {
          replay.requestProgress();
        }
        List<TreeChange> changes = new ArrayList<>();
        long revision = 0;
        long patience = client.settings().readTimeout().toNanos();
        long silentSince = System.nanoTime();
        reading:
        while (true) {
          boolean complete = rebuilt.equals(now);
          Duration wait = exact ? PROGRESS_EVERY : complete ? QUIET : Duration.ofNanos(patience);
          V3Replay.Answer answer = replay.poll(wait);
          if (answer == null) {
            if (!exact && complete) {
              break;
            }
            if (System.nanoTime() - silentSince >= patience) {
              throw new V3TreeException(
                  EtcdError.TIMEOUT,
                  "etcd sent no more of the history of "
                      + key
                      + " for "
                      + client.settings().readTimeout().toMillis()
                      + " ms (read_timeout) before it was complete; read the history again");
            }
            if (exact) {
              replay.requestProgress();
            }
            continue;
          }
          silentSince = System.nanoTime();
          if (answer instanceof V3Replay.Progress progress) {
            if (exact && progress.revision() >= current) {
              break;
            }
            continue;
          }
          if (answer instanceof V3Replay.Cancelled cancelled) {
            throw cancelled(cancelled);
          }
          for (V3Replay.Change change : ((V3Replay.Changes) answer).changes()) {
            if (change.revision() > current) {
              break reading;
            }
            if (!isAtOrUnder(change.key()) || change.key().endsWith("/")) {
              continue; // a directory marker: not part of the history
            }
            if (change.revision() != revision && !changes.isEmpty()) {
              revisions.add(new TreeHistory.Revision(revision, changes));
              changes = new ArrayList<>();
            }
            revision = change.revision();
            if (change.deleted()) {
              rebuilt.remove(change.key());
            } else {
              rebuilt.put(change.key(), change.revision());
            }
            changes.add(visible(change));
          }
        }
        if (!changes.isEmpty()) {
          revisions.add(new TreeHistory.Revision(revision, changes));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new V3TreeException(
            EtcdError.CANCELLED, "Interrupted while reading the history of " + key);
      }
    }

    private boolean isAtOrUnder(String changed) {
      return changed.equals(key) || changed.startsWith(FlatPlan.marker(key));
    }

    private EtcdException cancelled(V3Replay.Cancelled cancelled) {
      if (cancelled.compactRevision() > 0) {
        return new V3TreeException(
            EtcdError.COMPACTED,
            "etcd compacted the history of "
                + key
                + " while it was being read; read the history again");
      }
      EtcdError error =
          cancelled.reason().contains("permission denied")
              ? EtcdError.PERMISSION_DENIED
              : EtcdError.UNKNOWN;
      return new V3TreeException(
          error,
          "etcd cancelled the read of the history of "
              + key
              + " ("
              + (cancelled.reason().isEmpty() ? "no reason given" : cancelled.reason())
              + ")"
              + (error == EtcdError.PERMISSION_DENIED
                  ? "; grant the user a role that may read everything under " + key
                  : ""));
    }

    /** {@return the change to the tree} */
    private static TreeChange visible(V3Replay.Change change) {
      if (change.deleted()) {
        return new TreeChange(TreeChange.Kind.REMOVED, change.key(), change.previous(), null);
      }
      if (change.previous() == null) {
        return new TreeChange(TreeChange.Kind.ADDED, change.key(), null, change.value());
      }
      return new TreeChange(
          TreeChange.Kind.CHANGED, change.key(), change.previous(), change.value());
    }
  }
}
