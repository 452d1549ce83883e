package link.etcd.middleware;

import java.util.List;

/**
 * The revisions at which something at or under a path changed, newest first, each with what
 * changed, as far back as etcd keeps history (v3 only); read by {@link TreeSync#history}. etcd
 * keeps every revision until it is compacted ({@code etcdctl compact}, or {@code
 * --auto-compaction-retention}): {@link #oldestRevision()} says where history ends and {@link
 * #end()} says why. Directory markers ({@code <dir>/} keys) are left out of the changes.
 *
 * @param path the normalized path, such as {@code /app}
 * @param currentRevision etcd's revision when the history was read; later changes are not listed
 * @param oldestRevision the oldest revision etcd can still read: the tree as it was then can be
 *     rolled back to, the changes made up to it are gone
 * @param compacted whether history ends because etcd compacted it (else it reaches back to the
 *     start of the store, revision 1)
 * @param revisions the revisions after {@code oldestRevision} that changed something at or under
 *     the path, newest first, at most the limit asked for
 * @param older how many more revisions changed the path but were left out by the limit
 * @param exact whether the read ended on etcd's answer to a progress request, which etcd 3.5.13+
 *     and 3.4.31+ send only once every change up to {@code currentRevision} was sent: nothing can
 *     be missing. {@code false} on older servers, where the read ends once the tree it rebuilt
 *     equals today's and etcd sent nothing for a second: a key created and deleted again just
 *     before {@code currentRevision} could be missing
 */
public record TreeHistory(
    String path,
    long currentRevision,
    long oldestRevision,
    boolean compacted,
    List<Revision> revisions,
    int older,
    boolean exact) {
  /**
   * Copies the list.
   *
   * @param path the normalized path
   * @param currentRevision etcd's revision when the history was read
   * @param oldestRevision the oldest revision etcd can still read
   * @param compacted whether history ends because etcd compacted it
   * @param revisions the revisions that changed the path, newest first
   * @param older how many more revisions were left out by the limit
   * @param exact whether the read ended on etcd's progress answer
   */
  public TreeHistory {
    revisions = List.copyOf(revisions);
  }

  /**
   * One revision that changed something at or under the path.
   *
   * @param revision the etcd revision
   * @param changes what it changed, in the order etcd reports it
   */
  public record Revision(long revision, List<TreeChange> changes) {
    /**
     * Copies the list.
     *
     * @param revision the etcd revision
     * @param changes what it changed
     */
    public Revision {
      changes = List.copyOf(changes);
    }
  }

  /**
   * {@return one sentence saying where this history ends and why, such as {@code history of /app
   * ends at revision 41: etcd compacted the revisions before it}}
   */
  public String end() {
    String more =
        older == 0 ? "" : " (" + older + " older revision(s) that changed " + path + " not shown)";
    if (compacted) {
      return "history of "
          + path
          + " ends at revision "
          + oldestRevision
          + ": etcd compacted the revisions before it, so older changes are gone (the tree as it"
          + " was at "
          + oldestRevision
          + " can still be read and rolled back to)"
          + more;
    }
    return "history of "
        + path
        + " reaches back to revision 1, the start of this etcd: nothing was compacted"
        + more;
  }
}
