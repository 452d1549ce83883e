package link.etcd.internal.http;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The last answer times of a client's requests, and their high percentiles: the cluster's normal
 * latency, which {@link Hedging} waits well past before it sends a request to another member.
 * Recording costs one atomic increment and one store; a percentile is computed only when asked.
 * Thread-safe.
 */
public final class LatencyWindow {
  private final AtomicLongArray samples;
  private final AtomicLong recorded = new AtomicLong();

  /** Keeps the last {@code size} samples. */
  LatencyWindow(int size) {
    this.samples = new AtomicLongArray(size);
  }

  void record(long nanos) {
    long index = recorded.getAndIncrement();
    samples.lazySet((int) (index % samples.length()), nanos);
  }

  /**
   * Returns the {@code quantile} (such as 0.99) of the samples kept, in nanoseconds, or 0 when none
   * was recorded.
   */
  long percentile(double quantile) {
    int count = (int) Math.min(recorded.get(), samples.length());
    if (count == 0) {
      return 0;
    }
    long[] sorted = new long[count];
    for (int i = 0; i < count; i++) {
      sorted[i] = samples.get(i);
    }
    Arrays.sort(sorted);
    return sorted[Math.max(0, (int) Math.ceil(quantile * count) - 1)];
  }
}
