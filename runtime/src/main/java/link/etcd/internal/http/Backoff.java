package link.etcd.internal.http;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before trying again after failures in a row: the ceiling doubles from {@code
 * firstMillis} up to {@code maxMillis}, and the wait is a random point in the upper half of it, so
 * that clients that failed together do not all come back together.
 *
 * @param firstMillis the ceiling after the first failure
 * @param maxMillis the highest ceiling
 */
public record Backoff(long firstMillis, long maxMillis) {
  /** The watchers' and the watch stream's: 100 ms, doubling up to 5 s. */
  public static final Backoff WATCH = new Backoff(100, 5_000);

  /**
   * {@return the wait, in milliseconds, after the {@code failures}-th failure in a row (1 for the
   * first)}
   */
  public long millisAfter(int failures) {
    long ceiling = Math.min(maxMillis, firstMillis << Math.min(Math.max(failures, 1) - 1, 16));
    return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
  }
}
