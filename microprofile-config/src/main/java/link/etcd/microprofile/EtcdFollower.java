package link.etcd.microprofile;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps an {@link EtcdConfigSource} current: watches its contexts and, once changes have stopped
 * arriving for {@code delay} (a burst of writes is one read; a steady stream is read every five
 * delays), reads them again. The watches are the middleware's, which survive etcd restarts and
 * compaction; one that ends on an error is started again after {@code restartDelay}. Runs for the
 * life of the JVM, on daemon threads.
 */
final class EtcdFollower {
  private static final System.Logger log = System.getLogger(EtcdFollower.class.getName());

  private final EtcdContexts contexts;
  private final EtcdConfigSource source;
  private final Duration delay;
  private final Duration restartDelay;
  private final AtomicBoolean pending = new AtomicBoolean();
  private volatile long firstChange;
  private volatile long lastChange;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "link-etcd-microprofile-config");
            thread.setDaemon(true);
            return thread;
          });

  EtcdFollower(
      EtcdContexts contexts, EtcdConfigSource source, Duration delay, Duration restartDelay) {
    this.contexts = contexts;
    this.source = source;
    this.delay = delay;
    this.restartDelay = restartDelay;
  }

  /** Starts the watches, and reads once more for a change made before they started. */
  void start() {
    contexts.paths().forEach(this::watch);
    changed();
  }

  private void watch(String path) {
    try {
      contexts.etcd().watch(path, this::changed, error -> ended(path, error));
    } catch (RuntimeException e) {
      ended(path, e);
    }
  }

  private void ended(String path, RuntimeException error) {
    log.log(
        Level.WARNING,
        "The watch of {0} in etcd ended: {1}; starting it again in {2} ms",
        path,
        error.getMessage(),
        restartDelay.toMillis());
    executor.schedule(
        () -> {
          watch(path);
          changed();
        },
        restartDelay.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /**
   * Something changed: reads again once changes have stopped arriving for the delay, or at the
   * latest five delays after the first one.
   */
  private void changed() {
    long now = System.nanoTime();
    lastChange = now;
    if (pending.compareAndSet(false, true)) {
      firstChange = now;
      executor.schedule(this::settle, delay.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  private void settle() {
    long now = System.nanoTime();
    long quiet = now - lastChange;
    if (quiet < delay.toNanos() && now - firstChange < 5 * delay.toNanos()) {
      executor.schedule(this::settle, delay.toNanos() - quiet, TimeUnit.NANOSECONDS);
      return;
    }
    reload();
  }

  private void reload() {
    pending.set(false);
    try {
      source.update(contexts.read());
    } catch (RuntimeException e) {
      log.log(
          Level.WARNING,
          "Cannot read the configuration from etcd after a change: {0}",
          e.getMessage());
    }
  }
}
