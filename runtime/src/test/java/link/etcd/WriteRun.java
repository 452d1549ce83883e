package link.etcd;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plain writes of {@code <dir>/k<i>} from several threads through one {@link FaultClient}, while a
 * fault test does something to the cluster, and what they saw: acknowledged keys, typed failures by
 * class, calls that failed with something else than an {@link EtcdException}, and the longest pause
 * between two acknowledgements.
 */
final class WriteRun {
  final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  final AtomicInteger failed = new AtomicInteger();
  final AtomicInteger untyped = new AtomicInteger();
  private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
  private final AtomicLong lastAck = new AtomicLong(System.nanoTime());
  private final AtomicLong longestPause = new AtomicLong();
  private final long start = System.nanoTime();
  private final ExecutorService threads;
  private final List<Future<?>> writers = new ArrayList<>();
  private long elapsedMillis;

  private WriteRun(int threads) {
    this.threads = Executors.newFixedThreadPool(threads);
  }

  /** Starts writing {@code total} keys under {@code dir} from {@code threads} threads. */
  static WriteRun start(FaultClient client, String dir, int total, int threads) {
    WriteRun run = new WriteRun(threads);
    AtomicInteger next = new AtomicInteger();
    for (int t = 0; t < threads; t++) {
      run.writers.add(
          run.threads.submit(
              () -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                  String key = dir + "/k" + i;
                  try {
                    client.write(key, Integer.toString(i));
                    run.acknowledged(key);
                  } catch (EtcdException e) {
                    run.failed.incrementAndGet();
                    run.failures
                        .computeIfAbsent(e.getClass().getSimpleName(), name -> new AtomicInteger())
                        .incrementAndGet();
                  } catch (RuntimeException e) {
                    run.untyped.incrementAndGet();
                  }
                }
              }));
    }
    return run;
  }

  private void acknowledged(String key) {
    long now = System.nanoTime();
    longestPause.accumulateAndGet(now - lastAck.getAndSet(now), Math::max);
    acknowledged.add(key);
  }

  /** Returns once {@code count} writes are acknowledged, or every writer has ended. */
  void awaitAcknowledged(int count) throws InterruptedException {
    while (acknowledged.size() < count && !writers.stream().allMatch(Future::isDone)) {
      Thread.sleep(5);
    }
  }

  /** Waits until every write was answered; then {@link #summary()} holds the whole run. */
  WriteRun finish() throws Exception {
    for (Future<?> writer : writers) {
      writer.get(5, TimeUnit.MINUTES);
    }
    threads.shutdown();
    elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    return this;
  }

  long longestPauseMillis() {
    return longestPause.get() / 1_000_000;
  }

  /** {@return how many acknowledged keys are not in {@code present}} */
  int lost(Set<String> present) {
    Set<String> missing = new HashSet<>(acknowledged);
    missing.removeAll(present);
    return missing.size();
  }

  String summary() {
    return (acknowledged.size() + failed.get() + untyped.get())
        + " writes, "
        + acknowledged.size()
        + " acknowledged, "
        + failed.get()
        + " typed failures "
        + new TreeMap<>(failures)
        + ", "
        + untyped.get()
        + " untyped, longest pause between acknowledgements "
        + longestPauseMillis()
        + " ms, "
        + elapsedMillis
        + " ms in all";
  }
}
