package link.etcd.internal.v3;

import java.io.Closeable;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import link.etcd.internal.http.Transport;
import link.etcd.internal.v3.pb.LeaseKeepAliveRequest;
import link.etcd.internal.v3.pb.LeaseKeepAliveResponse;
import org.jspecify.annotations.Nullable;

/**
 * A client's one gRPC {@code LeaseKeepAlive} stream, carrying the renewals of every kept lease by
 * its id. It is opened when the first lease is kept and read on one of the client's watch threads;
 * each lease is renewed at once, then every third of the TTL etcd answered (every second until the
 * first answer). An answer with a TTL of 0 or less says etcd no longer has the lease: it leaves the
 * stream and its listener hears {@link Listener#gone()}.
 *
 * <p>When the stream fails (a member killed or restarted, no leader, a lost connection), every kept
 * lease's listener hears {@link Listener#failed}, and a new stream is opened a second later, on
 * which every kept lease is renewed at once; a stale auth token is dropped first, so the new stream
 * authenticates anew. {@link #close()} ends the stream and its thread.
 */
public final class LeaseKeepAliveStream implements Runnable, Closeable {
  /** What the keeper of one lease hears from the stream, on a client thread. */
  public interface Listener {
    /** A renewal of the lease was sent. */
    void sent();

    /** etcd answered a renewal without a TTL: the lease is gone. Called at most once. */
    void gone();

    /**
     * The stream failed; it is opened again in a second.
     *
     * @param cause what failed, as the exception of the failed call
     */
    void failed(Exception cause);

    /** The stream was closed with its client: the lease is no longer renewed. */
    void closed();
  }

  /** The renewals of one lease on the stream; closing it stops them. */
  public interface Renewals extends AutoCloseable {
    /** Stops renewing the lease. Idempotent. */
    @Override
    void close();
  }

  private static final long REOPEN_MILLIS = 1_000;

  private final Transport transport;
  private final ScheduledExecutorService timer;
  private final Set<Kept> kept = ConcurrentHashMap.newKeySet();
  private final Object sleep = new Object();
  private volatile boolean closed;
  private boolean running;
  private volatile @Nullable GrpcStream<LeaseKeepAliveRequest, LeaseKeepAliveResponse> open;

  /**
   * Makes the stream; nothing is sent before the first {@link #keep}.
   *
   * @param timer the thread that sends each lease's renewals when they are due
   */
  public LeaseKeepAliveStream(Transport transport, ScheduledExecutorService timer) {
    this.transport = transport;
    this.timer = timer;
  }

  /**
   * Renews the lease {@code id} on this stream, at once and then every third of its TTL, until the
   * returned handle is closed or the lease is gone.
   *
   * @return the handle; closing it stops renewing the lease
   */
  public Renewals keep(long id, Listener listener) {
    if (closed) {
      throw new IllegalStateException("This EtcdV3Client is closed; create a new one");
    }
    Kept lease = new Kept(id, listener);
    kept.add(lease);
    start();
    send(lease);
    return () -> {
      kept.remove(lease);
      lease.stop();
    };
  }

  private synchronized void start() {
    if (!running) {
      running = true;
      transport.runOnWatchThread(this);
    }
  }

  /** Sends a renewal of {@code lease} on the open stream, if any, and plans the next one. */
  private void send(Kept lease) {
    if (closed || lease.stopped) {
      return;
    }
    GrpcStream<LeaseKeepAliveRequest, LeaseKeepAliveResponse> stream = open;
    if (stream != null) {
      try {
        stream.send(new LeaseKeepAliveRequest.Builder().ID(lease.id).build());
        lease.listener.sent();
      } catch (IOException | IllegalStateException broken) {
        // The reading thread sees the stream fail, opens a new one and renews every lease on it.
      }
    }
    lease.schedule(lease.intervalMillis);
  }

  @Override
  public void run() {
    boolean renewedToken = false;
    while (!closed) {
      GrpcStream<LeaseKeepAliveRequest, LeaseKeepAliveResponse> stream =
          transport.grpc().stream(transport.watchHttp(), EtcdMethods.LEASE_KEEP_ALIVE);
      try (stream) {
        open = stream;
        if (closed) {
          return;
        }
        kept.forEach(this::send);
        stream.start();
        LeaseKeepAliveResponse answer;
        while (!closed && (answer = stream.receive()) != null) {
          renewedToken = false;
          answered(answer);
        }
        open = null;
        pause();
      } catch (IOException | RuntimeException e) {
        open = null;
        if (closed) {
          return;
        }
        if (!renewedToken && isStaleToken(e)) {
          renewedToken = true;
          transport.forgetV3Token();
          continue;
        }
        Exception cause =
            e instanceof IOException io ? transport.v3Failure(stream.request(), io) : e;
        kept.forEach(lease -> lease.listener.failed(cause));
        pause();
      } finally {
        open = null;
      }
    }
  }

  private void answered(LeaseKeepAliveResponse answer) {
    for (Kept lease : kept) {
      if (lease.id != answer.ID) {
        continue;
      }
      if (answer.TTL <= 0) {
        if (kept.remove(lease)) {
          lease.stop();
          lease.listener.gone();
        }
      } else {
        lease.intervalMillis = Math.max(1, answer.TTL) * 1000 / 3;
        lease.schedule(lease.intervalMillis);
      }
    }
  }

  private static boolean isStaleToken(Exception e) {
    if (!(e instanceof GrpcStatusException refused)) {
      return false;
    }
    String message = refused.status().message();
    return message.contains("invalid auth token") || message.contains("auth store is old");
  }

  private void pause() {
    synchronized (sleep) {
      try {
        if (!closed) {
          sleep.wait(REOPEN_MILLIS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        closed = true;
      }
    }
  }

  /** Ends the stream and stops every renewal; the leases are left to expire. Idempotent. */
  @Override
  public void close() {
    closed = true;
    kept.forEach(
        lease -> {
          lease.stop();
          lease.listener.closed();
        });
    kept.clear();
    GrpcStream<?, ?> stream = open;
    if (stream != null) {
      stream.close();
    }
    synchronized (sleep) {
      sleep.notifyAll();
    }
  }

  @Override
  public String toString() {
    return "LeaseKeepAliveStream{" + kept.size() + " leases" + (closed ? ", closed" : "") + "}";
  }

  /** One kept lease: its listener and its next renewal. */
  private final class Kept {
    final long id;
    final Listener listener;
    volatile long intervalMillis = 1_000;
    volatile boolean stopped;
    private @Nullable Future<?> next;

    Kept(long id, Listener listener) {
      this.id = id;
      this.listener = listener;
    }

    synchronized void schedule(long millis) {
      if (stopped) {
        return;
      }
      if (next != null) {
        next.cancel(false);
      }
      try {
        next = timer.schedule(() -> send(this), millis, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException clientClosed) {
        stopped = true;
      }
    }

    synchronized void stop() {
      stopped = true;
      if (next != null) {
        next.cancel(false);
      }
    }
  }
}
