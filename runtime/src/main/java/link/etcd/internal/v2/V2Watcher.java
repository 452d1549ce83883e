package link.etcd.internal.v2;

import java.lang.System.Logger.Level;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.EtcdKeyNotFoundException;
import link.etcd.EtcdResponse;
import link.etcd.WatchEvent;
import link.etcd.WatchOptions;
import link.etcd.Watcher;
import link.etcd.internal.http.Backoff;
import link.etcd.internal.http.ErrorDecoder;
import org.jspecify.annotations.Nullable;

/**
 * The v2 {@link Watcher}: long polls of {@code /v2/keys?wait=true} on the client's watch
 * dispatcher, one after another, as {@link Watcher} describes.
 */
public final class V2Watcher implements Watcher {
  private static final System.Logger LOG = System.getLogger(Watcher.class.getName());

  /** A poll that ended after this long was held by the server; it is polled again at once. */
  private static final long HELD_NANOS = TimeUnit.SECONDS.toNanos(1);

  /**
   * Errors etcd answers that the same poll will get again: the watch ends rather than retry them.
   */
  private static final Set<EtcdError> PERMANENT =
      EnumSet.of(
          EtcdError.UNAUTHORIZED,
          EtcdError.PERMISSION_DENIED,
          EtcdError.INVALID_REQUEST,
          EtcdError.UNSUPPORTED,
          EtcdError.TOO_LARGE,
          EtcdError.NOT_A_FILE,
          EtcdError.NOT_A_DIRECTORY,
          EtcdError.ROOT_READ_ONLY);

  private final V2Calls calls;

  private final String key;
  private final WatchOptions options;
  private final Consumer<WatchEvent> listener;
  private final AtomicReference<@Nullable Future<?>> inFlight = new AtomicReference<>();
  private volatile boolean closed;
  private volatile long nextIndex;

  /**
   * The highest etcd index seen; an index below it means etcd was wiped or restored from a backup.
   */
  private volatile long highestIndex;

  /**
   * The index a poll's headers showed below {@link #highestIndex}, or 0: the poll is cancelled for
   * a resync.
   */
  private volatile long wentBackTo;

  /**
   * Failures in a row, and when the first of them happened; only touched by the steps, which never
   * overlap.
   */
  private int failures;

  private long failingSince;

  /**
   * A watcher of {@code key} that waits for the change at {@code fromIndex} first; {@link #start()}
   * sends its first poll.
   *
   * @param calls the v2 calls of the client
   * @param key the normalized key
   * @param options recursive, poll and retry timeouts
   * @param fromIndex the first index to wait for
   * @param listener called with each event
   */
  public V2Watcher(
      V2Calls calls,
      String key,
      WatchOptions options,
      long fromIndex,
      Consumer<WatchEvent> listener) {
    this.calls = calls;
    this.key = key;
    this.options = options;
    this.nextIndex = fromIndex;
    this.highestIndex = fromIndex - 1;
    this.listener = listener;
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public long nextIndex() {
    return nextIndex;
  }

  @Override
  public boolean isOpen() {
    return !closed;
  }

  /** Sends the first poll. */
  public void start() {
    poll();
  }

  private void poll() {
    long started = System.nanoTime();
    CompletableFuture<EtcdResponse> call =
        send(
            () ->
                calls
                    .poll(
                        key, nextIndex, options.recursive(), options.pollTimeout(), this::sawIndex)
                    .enqueue());
    if (call == null) {
      return;
    }
    call.whenComplete(
        (response, failure) -> {
          if (closed) {
            return;
          }
          long backTo = wentBackTo;
          if (backTo > 0) {
            wentBackTo = 0;
            LOG.log(
                Level.WARNING,
                "etcd''s index went back from {0} to {1} while watching {2} (etcd was restored or"
                    + " wiped): reading the key again",
                Long.toString(highestIndex),
                Long.toString(backTo),
                key);
            resync();
            return;
          }
          if (failure == null) {
            recovered();
            highestIndex =
                Math.max(
                    highestIndex, Math.max(response.etcdIndex(), response.node().modifiedIndex()));
            nextIndex = response.node().modifiedIndex() + 1;
            deliver(new WatchEvent.Change(response));
            poll();
            return;
          }
          Throwable cause = unwrap(failure);
          if (cause instanceof EtcdException e
              && (e.error() == EtcdError.COMPACTED || e.error() == EtcdError.CLUSTER_CHANGED)) {
            // The changes missed are gone, or the indexes now count another cluster's history: read
            // again.
            resync();
          } else if (System.nanoTime() - started >= HELD_NANOS) {
            LOG.log(
                Level.DEBUG,
                "Polling the watch of {0} again after: {1}",
                key,
                ErrorDecoder.whatHappened(cause));
            poll();
          } else {
            retryLater(cause, this::poll);
          }
        });
  }

  private void resync() {
    CompletableFuture<EtcdResponse> read =
        send(() -> calls.snapshot(key, options.recursive(), options.pollTimeout()).enqueue());
    if (read == null) {
      return;
    }
    read.whenComplete(
        (response, failure) -> {
          if (closed) {
            return;
          }
          Throwable cause = failure == null ? null : unwrap(failure);
          if (cause == null || cause instanceof EtcdKeyNotFoundException) {
            recovered();
            WatchEvent.Resync resync =
                cause == null
                    ? new WatchEvent.Resync(response.node(), response.etcdIndex())
                    : new WatchEvent.Resync(null, ((EtcdKeyNotFoundException) cause).index());
            nextIndex = resync.index() + 1;
            highestIndex = resync.index();
            deliver(resync);
            poll();
          } else {
            retryLater(cause, this::resync);
          }
        });
  }

  /**
   * Hears the index of a poll's answer as soon as its headers arrive: below the highest one seen,
   * etcd's history was replaced, and the poll would wait for an index that may never come, so it is
   * cancelled for a resync.
   */
  private void sawIndex(long index) {
    if (index >= highestIndex) {
      highestIndex = index;
      return;
    }
    wentBackTo = index;
    Future<?> call = inFlight.get();
    if (call != null) {
      call.cancel(true);
    }
  }

  /** Starts a call, or returns null when the watcher or its client is closed. */
  private @Nullable CompletableFuture<EtcdResponse> send(
      Supplier<CompletableFuture<EtcdResponse>> call) {
    if (closed) {
      return null;
    }
    CompletableFuture<EtcdResponse> future;
    try {
      future = call.get();
    } catch (IllegalStateException clientClosed) {
      closed = true;
      return null;
    }
    inFlight.set(future);
    if (closed) {
      future.cancel(true);
      return null;
    }
    if (wentBackTo > 0) {
      future.cancel(true); // its headers came before it was in flight; its handler resyncs
    }
    return future;
  }

  /**
   * Hands {@code event} to the listener; what the listener throws is logged, and the watch goes on.
   */
  private void deliver(WatchEvent event) {
    try {
      listener.accept(event);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      LOG.log(
          Level.WARNING,
          "The listener of the watch of "
              + key
              + " failed on "
              + event
              + "; the watcher goes on with the next event",
          e);
    }
  }

  private void retryLater(Throwable cause, Runnable step) {
    if (cause instanceof EtcdException etcd && PERMANENT.contains(etcd.error())) {
      end(
          new EtcdException(
              "The watch of " + key + " ended at index " + nextIndex + ": " + etcd.getMessage(),
              etcd));
      return;
    }
    if (failures == 0) {
      failingSince = System.nanoTime();
    } else if (System.nanoTime() - failingSince >= options.retryTimeout().toNanos()) {
      String message =
          "The watch of "
              + key
              + " ended at index "
              + nextIndex
              + " after "
              + failures
              + " failed attempts in "
              + options.retryTimeout().toSeconds()
              + " s (WatchOptions.retryTimeout); the last"
              + " one: "
              + ErrorDecoder.whatHappened(cause);
      end(
          cause instanceof EtcdException etcd
              ? new EtcdException(message, etcd)
              : new EtcdException(EtcdError.UNKNOWN, message, cause));
      return;
    }
    failures++;
    long delay = Backoff.WATCH.millisAfter(failures);
    if (failures == 1) {
      LOG.log(
          Level.WARNING,
          "The watch of {0} failed ({1}); retrying at index {2} with backoff up to {3} ms",
          key,
          ErrorDecoder.whatHappened(cause),
          Long.toString(nextIndex),
          Long.toString(Backoff.WATCH.maxMillis()));
    }
    CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS, Runnable::run).execute(step);
  }

  /** Ends the watch on {@code error}: the watcher closes, and the listener hears it last. */
  private void end(EtcdException error) {
    closed = true;
    LOG.log(Level.WARNING, error.getMessage());
    deliver(new WatchEvent.Failed(error, nextIndex));
  }

  private void recovered() {
    if (failures > 0) {
      LOG.log(
          Level.INFO,
          "The watch of {0} works again after {1} failed attempts",
          key,
          Integer.toString(failures));
      failures = 0;
    }
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }

  /** Stops watching: cancels the poll in flight and releases its connection. Idempotent. */
  @Override
  public void close() {
    closed = true;
    Future<?> call = inFlight.getAndSet(null);
    if (call != null) {
      call.cancel(true);
    }
  }

  @Override
  public String toString() {
    return "Watcher{"
        + key
        + (options.recursive() ? " recursive" : "")
        + ", next index "
        + nextIndex
        + (isOpen() ? "" : ", closed")
        + "}";
  }
}
