package link.etcd;

import java.time.Duration;

/**
 * Options of {@link EtcdClient#watch(String, WatchOptions, java.util.function.Consumer)}. Start
 * from {@link #defaults()}: {@code WatchOptions.defaults().withRecursive(true).withFromIndex(42)}.
 *
 * @param recursive watch every key under the watched directory, not just the key itself
 * @param fromIndex the first etcd index to report, or {@code 0} for "every change after {@code
 *     watch} returns"
 * @param pollTimeout how long one long poll may wait before the watcher ends it and polls again; it
 *     bounds how long a connection that died silently goes unnoticed
 * @param retryTimeout how long the watcher goes on retrying while every attempt fails (etcd
 *     unreachable, no leader, ...); then the watch ends with a {@link WatchEvent.Failed}
 * @param prevKv v3: whether each {@link WatchEvent.V3Change} carries the key before the change
 *     ({@code prev_kv}); etcd reads it from its store for every event, so a watcher that does not
 *     need it turns it off. v2 events always carry the node before the change.
 */
public record WatchOptions(
    boolean recursive,
    long fromIndex,
    Duration pollTimeout,
    Duration retryTimeout,
    boolean prevKv) {
  private static final WatchOptions DEFAULTS =
      new WatchOptions(false, 0, Duration.ofSeconds(45), Duration.ofMinutes(5), true);

  /**
   * Checks the options.
   *
   * @param recursive watch every key under the watched directory
   * @param fromIndex the first etcd index to report, or {@code 0} for "from now"
   * @param pollTimeout how long one long poll may wait; at least a second
   * @param retryTimeout how long failing attempts are retried before the watch ends; positive
   * @param prevKv v3: whether events carry the key before the change
   * @throws IllegalArgumentException when {@code fromIndex} is negative, {@code pollTimeout} is
   *     under a second or {@code retryTimeout} is not positive
   */
  public WatchOptions {
    if (fromIndex < 0) {
      throw new IllegalArgumentException(
          "fromIndex must be 0 (from now) or positive but was " + fromIndex);
    }
    if (pollTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("pollTimeout must be at least 1 s but was " + pollTimeout);
    }
    if (retryTimeout.isNegative() || retryTimeout.isZero()) {
      throw new IllegalArgumentException("retryTimeout must be positive but was " + retryTimeout);
    }
  }

  /**
   * Returns the options of a plain watch: one key, from now, polls of 45 s, failures retried for 5
   * minutes, v3 events with the key before the change.
   *
   * @return the default options
   */
  public static WatchOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a copy with {@link #recursive()} set.
   *
   * @param recursive the new value of {@link #recursive()}
   * @return a copy of these options with only {@code recursive} changed
   */
  public WatchOptions withRecursive(boolean recursive) {
    return new WatchOptions(recursive, fromIndex, pollTimeout, retryTimeout, prevKv);
  }

  /**
   * Returns a copy with {@link #fromIndex()} set.
   *
   * @param fromIndex the new value of {@link #fromIndex()}
   * @return a copy of these options with only {@code fromIndex} changed
   */
  public WatchOptions withFromIndex(long fromIndex) {
    return new WatchOptions(recursive, fromIndex, pollTimeout, retryTimeout, prevKv);
  }

  /**
   * Returns a copy with {@link #pollTimeout()} set.
   *
   * @param pollTimeout the new value of {@link #pollTimeout()}
   * @return a copy of these options with only {@code pollTimeout} changed
   */
  public WatchOptions withPollTimeout(Duration pollTimeout) {
    return new WatchOptions(recursive, fromIndex, pollTimeout, retryTimeout, prevKv);
  }

  /**
   * Returns a copy with {@link #retryTimeout()} set.
   *
   * @param retryTimeout the new value of {@link #retryTimeout()}
   * @return a copy of these options with only {@code retryTimeout} changed
   */
  public WatchOptions withRetryTimeout(Duration retryTimeout) {
    return new WatchOptions(recursive, fromIndex, pollTimeout, retryTimeout, prevKv);
  }

  /**
   * Returns a copy with {@link #prevKv()} set.
   *
   * @param prevKv the new value of {@link #prevKv()}
   * @return a copy of these options with only {@code prevKv} changed
   */
  public WatchOptions withPrevKv(boolean prevKv) {
    return new WatchOptions(recursive, fromIndex, pollTimeout, retryTimeout, prevKv);
  }
}
