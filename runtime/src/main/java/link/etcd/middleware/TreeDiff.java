package link.etcd.middleware;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@link TreeSync} found between the tree stored at a path and a desired tree: the {@link
 * #changes()} in key order, and what it read them from. {@link TreeSync#apply(TreeDiff)} writes
 * exactly these changes, and on the v3 API only if nothing under the path changed since {@link
 * #revision()}.
 *
 * <pre>{@code
 * TreeDiff diff = sync.diff("/app", Map.of("port", "8080"));
 * diff.changes().forEach(System.out::println);   // ~ /app/port: 80 -> 8080
 * sync.apply(diff);
 * }</pre>
 */
public final class TreeDiff {
  private final String path;
  private final long revision;
  private final List<TreeChange> changes;
  private final @Nullable GuardedPlan plan;
  private final @Nullable Object desired;

  TreeDiff(
      String path,
      long revision,
      List<TreeChange> changes,
      @Nullable GuardedPlan plan,
      @Nullable Object desired) {
    this.path = path;
    this.revision = revision;
    this.changes = List.copyOf(changes);
    this.plan = plan;
    this.desired = desired;
  }

  /** {@return the normalized path compared, such as {@code /app}} */
  public String path() {
    return path;
  }

  /**
   * {@return the etcd revision the stored tree was read at on the v3 API; 0 on the v2 API, which
   * has no revisions to guard on}
   */
  public long revision() {
    return revision;
  }

  /** {@return the changes that turn the stored tree into the desired one, in key order} */
  public List<TreeChange> changes() {
    return changes;
  }

  /**
   * {@return the lease each key written gets, by key, for the keys that get one: a rollback gives
   * back the lease a key had at the revision it goes back to ({@link
   * TreeSync#diffToRevision(String, long, TreeSync.ExpiredLeases)}); every other key written, and
   * every key on v2, gets none}
   */
  public Map<String, Long> leases() {
    return plan == null ? Map.of() : plan.leases();
  }

  /** {@return whether the stored tree already is the desired one} */
  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** The v3 writes and their guard; {@code null} on v2. */
  @Nullable GuardedPlan plan() {
    return plan;
  }

  /** The validated desired tree as plain values, for a v2 write; {@code null} on v3. */
  @Nullable Object desired() {
    return desired;
  }

  @Override
  public String toString() {
    return "TreeDiff{" + path + " at revision " + revision + ", " + changes.size() + " changes}";
  }
}
