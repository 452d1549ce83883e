package link.etcd;

/**
 * Options of {@link EtcdClient#read(String, ReadOptions)}. Start from {@link #defaults()} and
 * change what you need: {@code ReadOptions.defaults().withRecursive(true).withSorted(true)}.
 *
 * @param recursive read a directory with all its descendants, not just its direct children
 * @param sorted list children in key order
 * @param quorum make the read go through the raft leader, so it sees every write acknowledged
 *     before it
 */
public record ReadOptions(boolean recursive, boolean sorted, boolean quorum) {
  private static final ReadOptions DEFAULTS = new ReadOptions(false, false, false);

  /**
   * Returns the options of a plain read: not recursive, not sorted, not quorum.
   *
   * @return the default options
   */
  public static ReadOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a copy with {@link #recursive()} set.
   *
   * @param recursive the new value of {@link #recursive()}
   * @return a copy of these options with only {@code recursive} changed
   */
  public ReadOptions withRecursive(boolean recursive) {
    return new ReadOptions(recursive, sorted, quorum);
  }

  /**
   * Returns a copy with {@link #sorted()} set.
   *
   * @param sorted the new value of {@link #sorted()}
   * @return a copy of these options with only {@code sorted} changed
   */
  public ReadOptions withSorted(boolean sorted) {
    return new ReadOptions(recursive, sorted, quorum);
  }

  /**
   * Returns a copy with {@link #quorum()} set.
   *
   * @param quorum the new value of {@link #quorum()}
   * @return a copy of these options with only {@code quorum} changed
   */
  public ReadOptions withQuorum(boolean quorum) {
    return new ReadOptions(recursive, sorted, quorum);
  }
}
