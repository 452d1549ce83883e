package link.etcd;

/**
 * Options of {@link EtcdClient#read(String, ReadOptions)}. Start from {@link #defaults()} and change what you
 * need: {@code ReadOptions.defaults().withRecursive(true).withSorted(true)}.
 *
 * @param recursive read a directory with all its descendants, not just its direct children
 * @param sorted list children in key order
 * @param quorum make the read go through the raft leader, so it sees every write acknowledged before it
 */
public record ReadOptions(boolean recursive, boolean sorted, boolean quorum) {
  private static final ReadOptions DEFAULTS = new ReadOptions(false, false, false);

  /** Returns the options of a plain read: not recursive, not sorted, not quorum. */
  public static ReadOptions defaults() {
    return DEFAULTS;
  }

  /** Returns a copy with {@link #recursive()} set. */
  public ReadOptions withRecursive(boolean recursive) {
    return new ReadOptions(recursive, sorted, quorum);
  }

  /** Returns a copy with {@link #sorted()} set. */
  public ReadOptions withSorted(boolean sorted) {
    return new ReadOptions(recursive, sorted, quorum);
  }

  /** Returns a copy with {@link #quorum()} set. */
  public ReadOptions withQuorum(boolean quorum) {
    return new ReadOptions(recursive, sorted, quorum);
  }
}
