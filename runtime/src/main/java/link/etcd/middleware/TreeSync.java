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
 *       one txn ({@code max_txn_ops}, {@code max_request_bytes}) is written in several; since a
 *       compare cannot see a deletion, the keys at and under the path are counted before the first
 *       txn (a key deleted since the diff: refused, nothing written) and after each (a key deleted
 *       during the write: an {@link EtcdPartialWriteException} listing what was written, as is any
 *       failure part way). On v2, which has no txns, it writes as {@link EtcdMiddleware#set} does:
 *       new leaves first, then what the tree no longer has is pruned;
 *   <li>{@link #history} (v3) lists the revisions that changed the path, newest first. On etcd
 *       3.5.13+ and 3.4.31+ it ends exactly, on etcd's answer to a progress request; on older
 *       servers on a second without changes ({@link TreeHistory#exact()});
 *   <li>{@link #rollback} (v3) makes the path what it was at a revision, as a guarded apply. A key
 *       written back that had a lease then gets that lease again when it is still alive; when it
 *       has expired (etcd deleted the key with it) the rollback is refused naming the keys and the
 *       lease, unless {@link ExpiredLeases#RESTORE_WITHOUT_LEASE} says to restore them without.
 * </ul>
 *
 * <p>On v3 only keys the caller's roles reach are read, compared or written: under a role such as
 * {@code readwrite --prefix=true /app/}, which reaches the keys under {@code /app} but neither the
 * key {@code /app} itself nor the directories above it, every call at {@code /app} or below works.
 * The guard compares the keys under the path, the path's own key when in reach, and only the
 * directory just above it, so paths of any depth fit one txn's limits.
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
 * only empty directories show as changes. TTLs are not part of a desired tree: {@link #apply} of a
 * diff writes keys without a lease.
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
   * What a rollback does with a key that had a lease at the revision it goes back to, when that
   * lease has expired since: etcd deleted the key with it, as the lease was meant to.
   */
  public enum ExpiredLeases {
    /**
     * Refuse the rollback, naming the keys and the lease, and write nothing: the keys were meant to
     * be gone.
     */
    REFUSE,
    /** Restore those keys without a lease: they stay until deleted. */
    RESTORE_WITHOUT_LEASE
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
    return plan(key, StoredTree.read(etcd.v3Client(), key, 0), wanted, Map.of());
  }

  /**
   * Compares the tree stored at {@code path} with the tree it held at {@code revision} (v3): what
   * {@link #rollback} would change. Refuses keys whose lease has expired since, as {@link
   * #diffToRevision(String, long, ExpiredLeases)} with {@link ExpiredLeases#REFUSE}.
   *
   * @param path the path, below the root, such as {@code /app}
   * @param revision the revision to go back to
   * @return the changes that make {@code path} what it was at {@code revision}
   * @throws IllegalArgumentException when {@code revision} is not positive or is after etcd's
   *     current revision
   * @throws EtcdException with {@link EtcdError#COMPACTED} when etcd compacted {@code revision}, or
   *     with {@link EtcdError#NOT_FOUND} when a key to restore had a lease that has expired
   * @throws UnsupportedOperationException on the v2 API, which keeps no revisions
   */
  public TreeDiff diffToRevision(String path, long revision) {
    return diffToRevision(path, revision, ExpiredLeases.REFUSE);
  }

  /**
   * Compares the tree stored at {@code path} with the tree it held at {@code revision} (v3): what
   * {@link #rollback} would change. A key that the rollback writes back (added or changed) and that
   * had a lease at {@code revision} gets that lease again when etcd still has it; when the lease
   * has expired since, {@code expiredLeases} decides (see {@link ExpiredLeases}). Keys whose value
   * is the same as at {@code revision} are not written and keep the lease they have.
   *
   * @param path the path, below the root, such as {@code /app}
   * @param revision the revision to go back to
   * @param expiredLeases what to do with keys whose lease at {@code revision} has expired
   * @return the changes that make {@code path} what it was at {@code revision}, with the leases
   *     they restore ({@link TreeDiff#leases()})
   * @throws IllegalArgumentException when {@code revision} is not positive or is after etcd's
   *     current revision
   * @throws EtcdException with {@link EtcdError#COMPACTED} when etcd compacted {@code revision}, or
   *     with {@link EtcdError#NOT_FOUND} when a key to restore had a lease that has expired and
   *     {@code expiredLeases} is {@link ExpiredLeases#REFUSE}
   * @throws UnsupportedOperationException on the v2 API, which keeps no revisions
   */
  public TreeDiff diffToRevision(String path, long revision, ExpiredLeases expiredLeases) {
    String key = writablePath(path);
    EtcdV3Client client = v3Client("Rolling back");
    long current = StoredTree.currentRevision(client, key);
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
    StoredTree now = StoredTree.read(client, key, 0);
    Map<String, Long> leases =
        RestoredLeases.of(client, key, revision, then, now.values(), expiredLeases);
    return plan(key, now, then.values(), leases);
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
   * Makes {@code path} what it was at {@code revision} (v3): {@link #diffToRevision(String, long)}
   * then {@link #apply}. Keys written back get the lease they had at {@code revision} when etcd
   * still has it; a key whose lease has expired since is refused (etcd deleted it with its lease):
   * see {@link #rollback(String, long, ExpiredLeases)}.
   *
   * @param path the path, below the root, such as {@code /app}
   * @param revision the revision to go back to
   * @return the changes written
   * @throws IllegalArgumentException when {@code revision} is not positive or is in the future
   * @throws EtcdException with {@link EtcdError#COMPACTED} when etcd compacted {@code revision},
   *     with {@link EtcdError#NOT_FOUND} when a key to restore had a lease that has expired, or
   *     with {@link EtcdError#COMPARE_FAILED} when the tree changed between the read and the write
   * @throws UnsupportedOperationException on the v2 API
   */
  public TreeDiff rollback(String path, long revision) {
    return rollback(path, revision, ExpiredLeases.REFUSE);
  }

  /**
   * Makes {@code path} what it was at {@code revision} (v3): {@link #diffToRevision(String, long,
   * ExpiredLeases)} then {@link #apply}.
   *
   * @param path the path, below the root, such as {@code /app}
   * @param revision the revision to go back to
   * @param expiredLeases what to do with keys whose lease at {@code revision} has expired
   * @return the changes written
   * @throws IllegalArgumentException when {@code revision} is not positive or is in the future
   * @throws EtcdException with {@link EtcdError#COMPACTED} when etcd compacted {@code revision},
   *     with {@link EtcdError#NOT_FOUND} when a key to restore had a lease that has expired and
   *     {@code expiredLeases} is {@link ExpiredLeases#REFUSE}, or with {@link
   *     EtcdError#COMPARE_FAILED} when the tree changed between the read and the write
   * @throws UnsupportedOperationException on the v2 API
   */
  public TreeDiff rollback(String path, long revision, ExpiredLeases expiredLeases) {
    TreeDiff diff = diffToRevision(path, revision, expiredLeases);
    apply(diff);
    return diff;
  }

  /**
   * Lists the revisions at which something at or under {@code path} changed, newest first, with
   * what changed, back to where etcd's history ends (v3). etcd has no call listing past revisions:
   * this replays them with a watch of its own from the oldest revision etcd keeps. On etcd 3.5.13+
   * and 3.4.31+ the replay ends exactly, on etcd's answer to a progress request (sent only once the
   * watch has caught up); on older servers it ends once the rebuilt tree equals today's and a
   * second passed without changes, so it takes at least a second and a key created and deleted
   * again in that last moment could be missing ({@link TreeHistory#exact()} says which).
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
   * Plans the v3 writes that make the tree at {@code key}, as {@code stored}, be {@code wanted},
   * the puts attaching {@code leases}.
   */
  private static TreeDiff plan(
      String key, StoredTree stored, SortedMap<String, String> wanted, Map<String, Long> leases) {
    String ancestor = stored.above().valueAbove();
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
        if (!stored.above().markers().containsKey(FlatPlan.marker(above))) {
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
    Map<String, Long> attached = new TreeMap<>(leases);
    attached.keySet().retainAll(puts.keySet());
    GuardedPlan plan =
        new GuardedPlan(
            key,
            stored.revision(),
            puts,
            java.util.Collections.unmodifiableMap(attached),
            deletes,
            read,
            stored.keyInReach(),
            stored.above().parentInReach());
    return new TreeDiff(
        key,
        stored.revision(),
        TreeLeaves.changes(TreeLeaves.ofStored(current), TreeLeaves.ofStored(wanted)),
        plan,
        null);
  }
}
