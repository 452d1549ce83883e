package link.etcd.internal.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Cancels the blocking calls whose thread is interrupted. A thread blocked in a socket read does
 * not notice an interrupt, so while blocking calls run, a task on the client's call threads looks
 * at their threads every {@link #CHECK_MILLIS} ms and cancels the call of an interrupted one, which
 * then ends at once; no thread runs while no blocking call does. {@link #cancelAll()} ends them
 * all, for the client's close.
 */
public final class InterruptWatch {
  static final long CHECK_MILLIS = 20;

  private final Map<Runnable, Thread> running = new ConcurrentHashMap<>();
  private final AtomicBoolean watching = new AtomicBoolean();
  private final Executor threads;
  private volatile boolean closed;

  InterruptWatch(Executor threads) {
    this.threads = threads;
  }

  /**
   * Watches the call that {@code cancel} cancels, about to run on the calling thread, until {@link
   * #finished} is given the same {@code cancel}.
   */
  void started(Runnable cancel) {
    running.put(cancel, Thread.currentThread());
    if (watching.compareAndSet(false, true)) {
      try {
        threads.execute(this::watch);
      } catch (RejectedExecutionException clientClosed) {
        watching.set(false);
        cancel.run();
      }
    }
  }

  void finished(Runnable cancel) {
    running.remove(cancel);
  }

  /** Cancels every blocking call running now. */
  void cancelAll() {
    closed = true;
    running.keySet().forEach(Runnable::run);
  }

  private void watch() {
    while (!closed) {
      running.forEach(
          (cancel, thread) -> {
            if (thread.isInterrupted()) {
              cancel.run();
            }
          });
      if (running.isEmpty()) {
        watching.set(false);
        // A call that started after the check above, and saw watching still true, is watched by
        // going on.
        if (running.isEmpty() || !watching.compareAndSet(false, true)) {
          return;
        }
      }
      try {
        Thread.sleep(CHECK_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
