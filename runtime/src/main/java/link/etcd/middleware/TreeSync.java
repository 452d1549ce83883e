package link.etcd.middleware;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.EtcdKeyNotFoundException;
import link.etcd.EtcdSettings;
import link.etcd.EtcdV3Client;
import link.etcd.EtcdV3Types.KeyValue;
import link.etcd.EtcdV3Types.RangeOptions;
import link.etcd.internal.Keys;

/**
 * Configuration as files: makes the tree at a path exactly a desired tree (a file's content, say),
 * showing first what will change, and on the v3 API reviews and undoes what changed.
 *
 * <ul>
 *   <li>{@link #diff} compares the stored tree with a desired one (maps, lists and scalars, as
 *       {@link EtcdMiddleware#set} takes them) and lists every key added, changed or removed;
 *   <li>{@link #apply} writes exactly those changes. On v3 it is one txn guarded by the revisions
 *       the diff read: if anything at or under the path changed since, nothing is written and an
 *       {@link EtcdException} with {@link EtcdError#COMPARE_FAILED} says so. A tree too large for
 *       one txn ({@code max_txn_ops}, {@code max_request_bytes}) is written in several, and a
 *       failure part way is an {@link EtcdPartialWriteException} listing what was written. On v2,
 *       which has no txns, it writes as {@link EtcdMiddleware#set} does: new leaves first, then
 *       what the tree no longer has is pruned;
 *   <li>{@link #history} (v3) lists the revisions that changed the path, newest first;
 *   <li>{@link #rollback} (v3) makes the path what it was at a revision, as a guarded apply.
 * </ul>
 *
 * <pre>{@code
 * try (EtcdMiddleware etcd = new EtcdMiddleware(settings)) {
 *   TreeSync sync = new TreeSync(etcd);
 *   TreeDiff diff = sync.diff("/app", Map.of("port", "8080", "hosts", List.of("a", "b")));
 *   diff.changes().forEach(System.out::println);     // + /app/hosts/1 = a ...
 *   sync.apply(diff);
 *   TreeHistory history = sync.history("/app", 10);
 *   sync.rollback("/app", history.revisions().get(0).revision());
 * }
 * }</pre>
 *
 * <p>Directory markers ({@code <dir>/} keys on v3) are written where the library writes them, but
 * only empty directories show as changes. TTLs are not part of a desired tree.
 */
public final class TreeSync {
  private final EtcdMiddleware etcd;

  /** What a long {@link #apply(TreeDiff, Progress)} reports as it goes, to show a progress bar. */
  @FunctionalInterface
  public interface Progress {
    /** Reports nothing. */
    Progress NONE = (written, total) -> {};

    /**
     * Called after each txn (v3) or once the write is done (v2), on the writing thread.
     *
     * @param written the requests written so far
     * @param total the requests of the whole write
     */
    void written(int written, int total);
  }

  /**
   * Creates a tree sync over {@code etcd}'s connection; no I/O.
   *
   * @param etcd the middleware whose settings say where etcd is and which API to speak
   */
  public TreeSync(EtcdMiddleware etcd) {
    this.etcd = etcd;
  }

  private boolean v3() {
    return etcd.settings().api() == EtcdSettings.Api.V3;
  }

  /**
   * Compares the tree stored at {@code path} with {@code desired}. Nothing stored at {@code path}
   * is an empty tree.
   *
   * @param path the path, below the root, such as {@code /app}
   * @param desired what {@code path} should hold: a {@code Map}, a {@code List} (items {@code 1},
   *     {@code 2}, ...) or a scalar, nested as {@link EtcdMiddleware#set} takes them
   * @return the changes, and what they were read from
   * @throws IllegalArgumentException when {@code desired} cannot be written (a bad key, a {@code
   *     null}, a TTL), naming the key, before any I/O
   * @throws EtcdException with {@link EtcdError#NOT_A_DIRECTORY} when a directory above {@code
   *     path} holds a value
   */
  public TreeDiff diff(String path, Object desired) {
    String key = writablePath(path);
    TreeNode tree = TreeValidator.validate(key, desired, TypeMapping.DEFAULT);
    if (!v3()) {
      SortedMap<String, String> stored;
      try {
        stored = TreeLeaves.ofPlain(key, etcd.get(key));
      } catch (EtcdKeyNotFoundException e) {
        stored = new TreeMap<>();
      }
      return new TreeDiff(
          key, 0, TreeLeaves.changes(stored, TreeLeaves.of(key, tree)), null, desired);
    }
    SortedMap<String, String> wanted = new TreeMap<>();
    for (FlatPlan.Put put :
        FlatPlan.of(key, tree, Map.of(), Map.of(), TreeWriter.Mode.REPLACE).puts()) {
      if (put.ttl() != null) {
        throw new IllegalArgumentException(
            "The tree for "
                + key
                + " gives "
                + put.key()
                + " a TTL; a tree applied as a file has none: write expiring keys with"
                + " EtcdMiddleware.set");
      }
      if (isAtOrUnder(put.key(), key)) {
        wanted.put(put.key(), put.value());
      }
    }
    return plan(key, StoredTree.read(etcd.v3Client(), key, 0), wanted);
  }

  /**
   * Compares the tree stored at {@code path} with the tree it held at {@code revision} (v3): what
   * {@link #rollback} would change.
   *
   * @param path the path, below the root, such as {@code /app}
   * @param revision the revision to go back to
   * @return the changes that make {@code path} what it was at {@code revision}
   * @throws IllegalArgumentException when {@code revision} is not positive or is after etcd's
   *     current revision
   * @throws EtcdException with {@link EtcdError#COMPACTED} when etcd compacted {@code revision}
   * @throws UnsupportedOperationException on the v2 API, which keeps no revisions
   */
  public TreeDiff diffToRevision(String path, long revision) {
    String key = writablePath(path);
    EtcdV3Client client = v3Client("Rolling back");
    long current = client.range(key, RangeOptions.defaults().withCountOnly(true)).revision();
    if (revision < 1 || revision > current) {
      throw new IllegalArgumentException(
          "Revision "
              + revision
              + (revision < 1 ? " is not a revision" : " is in the future")
              + ": etcd is at revision "
              + current
              + "; pick one that the history of "
              + key
              + " lists");
    }
    StoredTree then;
    try {
      then = StoredTree.read(client, key, revision);
    } catch (EtcdException e) {
      if (e.error() != EtcdError.COMPACTED) {
        throw e;
      }
      throw new V3TreeException(
          EtcdError.COMPACTED,
          "Revision "
              + revision
              + " of "
              + key
              + " was compacted: etcd keeps revisions from "
              + HistoryReader.oldestReadable(client, key, current)
              + " on (the history of "
              + key
              + " lists them); nothing was written");
    }
    return plan(key, StoredTree.read(client, key, 0), then.values());
  }

  /**
   * Writes the changes of {@code diff}; nothing when it has none. On v3: one txn guarded by the
   * revisions the diff read, or several txns when it is too large for one (see the class comment).
   *
   * @param diff what {@link #diff} or {@link #diffToRevision} found
   * @throws EtcdException with {@link EtcdError#COMPARE_FAILED} when the tree changed since the
   *     diff (v3); nothing was written
   * @throws EtcdPartialWriteException when a write of several requests stopped part way; it lists
   *     what was written
   */
  public void apply(TreeDiff diff) {
    apply(diff, Progress.NONE);
  }

  /**
   * Writes the changes of {@code diff} as {@link #apply(TreeDiff)} does, telling {@code progress}
   * how far the write is: after each txn on v3 (a write too large for one txn takes several), once
   * at the end on v2.
   *
   * @param diff what {@link #diff} or {@link #diffToRevision} found
   * @param progress told the requests written so far and the requests in all
   * @throws EtcdException with {@link EtcdError#COMPARE_FAILED} when the tree changed since the
   *     diff (v3); nothing was written
   * @throws EtcdPartialWriteException when a write of several requests stopped part way; it lists
   *     what was written
   */
  public void apply(TreeDiff diff, Progress progress) {
    if (diff.isEmpty()) {
      return;
    }
    GuardedPlan plan = diff.plan();
    if (plan != null) {
      GuardedWrite.run(v3Client("Applying a v3 diff"), plan, progress);
      return;
    }
    Object desired = diff.desired();
    if (desired == null || v3()) {
      throw new IllegalArgumentException(
          "This diff of "
              + diff.path()
              + " was computed on the other etcd API than this TreeSync speaks; compute it again");
    }
    etcd.set(diff.path(), desired);
    progress.written(diff.changes().size(), diff.changes().size());
  }

  /**
   * Makes {@code path} what it was at {@code revision} (v3): {@link #diffToRevision} then {@link
   * #apply}.
   *
   * @param path the path, below the root, such as {@code /app}
   * @param revision the revision to go back to
   * @return the changes written
   * @throws IllegalArgumentException when {@code revision} is not positive or is in the future
   * @throws EtcdException with {@link EtcdError#COMPACTED} when etcd compacted {@code revision}, or
   *     with {@link EtcdError#COMPARE_FAILED} when the tree changed between the read and the write
   * @throws UnsupportedOperationException on the v2 API
   */
  public TreeDiff rollback(String path, long revision) {
    TreeDiff diff = diffToRevision(path, revision);
    apply(diff);
    return diff;
  }

  /**
   * Lists the revisions at which something at or under {@code path} changed, newest first, with
   * what changed, back to where etcd's history ends (v3). etcd has no call listing past revisions:
   * this replays them with a watch from the oldest revision etcd keeps, which takes at least a
   * second.
   *
   * @param path the path, such as {@code /app}
   * @param limit the most revisions to return
   * @return the revisions, and where and why history ends
   * @throws IllegalArgumentException when {@code limit} is not positive
   * @throws UnsupportedOperationException on the v2 API, which keeps no history
   */
  public TreeHistory history(String path, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive but was " + limit);
    }
    return HistoryReader.read(v3Client("History"), Keys.normalize(path), limit);
  }

  private EtcdV3Client v3Client(String what) {
    if (!v3()) {
      throw new UnsupportedOperationException(
          what
              + " needs etcd's revisions, which only the v3 API has; set api = v3 (etcd keeps no"
              + " history of keys written through v2)");
    }
    return etcd.v3Client();
  }

  private static String writablePath(String path) {
    String key = Keys.normalize(path);
    if (key.equals("/")) {
      throw new IllegalArgumentException(
          "A tree is applied at a path below the root, such as /app: at / it would delete every"
              + " other key in etcd");
    }
    return key;
  }

  private static boolean isAtOrUnder(String candidate, String key) {
    return candidate.equals(key) || candidate.startsWith(FlatPlan.marker(key));
  }

  /**
   * Plans the v3 writes that make the tree at {@code key}, as {@code stored}, be {@code wanted}.
   */
  private static TreeDiff plan(String key, StoredTree stored, SortedMap<String, String> wanted) {
    String ancestor = stored.ancestorHoldingAValue();
    if (ancestor != null) {
      throw new V3TreeException(
          EtcdError.NOT_A_DIRECTORY,
          "Cannot write "
              + key
              + ": "
              + ancestor
              + " holds a value, not a directory; delete "
              + ancestor
              + " first or write the tree at "
              + ancestor);
    }
    SortedMap<String, String> current = stored.values();
    SortedMap<String, String> puts = new TreeMap<>();
    if (!wanted.isEmpty()) {
      for (String above : FlatPlan.ancestors(key)) {
        if (!stored.above().containsKey(FlatPlan.marker(above))) {
          puts.put(FlatPlan.marker(above), "");
        }
      }
    }
    wanted.forEach(
        (name, value) -> {
          if (!value.equals(current.get(name))) {
            puts.put(name, value);
          }
        });
    List<String> deletes = new ArrayList<>();
    for (String name : current.keySet()) {
      if (!wanted.containsKey(name)) {
        deletes.add(name);
      }
    }
    Map<String, Long> read = new HashMap<>();
    for (KeyValue kv : stored.keys().values()) {
      read.put(kv.key(), kv.modRevision());
    }
    for (KeyValue kv : stored.above().values()) {
      read.put(kv.key(), kv.modRevision());
    }
    GuardedPlan plan =
        new GuardedPlan(key, stored.revision(), puts, deletes, read, FlatPlan.ancestors(key));
    return new TreeDiff(
        key,
        stored.revision(),
        TreeLeaves.changes(TreeLeaves.ofStored(current), TreeLeaves.ofStored(wanted)),
        plan,
        null);
  }
}
