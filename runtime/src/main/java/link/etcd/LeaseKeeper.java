package link.etcd;

import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Keeps one v3 lease alive, made by {@link EtcdV3Client#keepAlive(long, Consumer)}: it renews the
 * lease every third of its granted TTL over the client's transport, until {@link #close()}, or
 * until the lease is gone.
 *
 * <pre>{@code
 * EtcdV3Client.Lease lease = client.grant(30);
 * client.put("/workers/w1", "up", EtcdV3Client.PutOptions.defaults().withLease(lease.id()));
 * try (LeaseKeeper keeper = client.keepAlive(lease.id(), gone -> stopWorking(gone.getMessage()))) {
 *   ...
 * }
 * }</pre>
 *
 * <p>When etcd answers a renewal without a TTL (the lease was revoked, or expired because no
 * renewal reached etcd in time), the keys attached to it are deleted: the keeper calls its listener
 * once with an {@link EtcdKeyNotFoundException} saying so, and stops. A renewal that fails (etcd
 * unreachable, no leader) is logged at {@code WARNING} on the {@code link.etcd.LeaseKeeper} {@link
 * System.Logger} and tried again at the next tick; the lease itself tells whether it outlived the
 * outage. Closing the keeper, or its client, stops every renewal; the lease then expires after its
 * TTL unless someone else renews it.
 */
public final class LeaseKeeper implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(LeaseKeeper.class.getName());

  private final EtcdV3Client client;
  private final long leaseId;
  private final Consumer<EtcdException> onGone;
  private final ScheduledExecutorService timer;
  private final AtomicBoolean open = new AtomicBoolean(true);
  private final AtomicLong renewals = new AtomicLong();
  private volatile @Nullable Future<?> next;
  private volatile @Nullable CompletableFuture<EtcdV3Client.Lease> inFlight;

  LeaseKeeper(
      EtcdV3Client client,
      long leaseId,
      Consumer<EtcdException> onGone,
      ScheduledExecutorService timer) {
    this.client = client;
    this.leaseId = leaseId;
    this.onGone = onGone;
    this.timer = timer;
  }

  /** {@return the one thread on which a client's keepers renew their leases} */
  static ScheduledExecutorService newTimer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "link-etcd lease keepalive");
              thread.setDaemon(true);
              return thread;
            });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  /** {@return the id of the lease kept alive} */
  public long leaseId() {
    return leaseId;
  }

  /**
   * {@return whether the keeper still renews the lease: not closed, and the lease not found gone}
   */
  public boolean isOpen() {
    return open.get();
  }

  /** {@return how many renewals the keeper has sent} */
  public long renewals() {
    return renewals.get();
  }

  void start() {
    renew();
  }

  private void renew() {
    if (!open.get()) {
      return;
    }
    renewals.incrementAndGet();
    CompletableFuture<EtcdV3Client.Lease> call;
    try {
      call = client.keepAliveOnceAsync(leaseId);
    } catch (IllegalStateException clientClosed) {
      open.set(false);
      return;
    }
    inFlight = call;
    call.whenComplete(
        (lease, failure) -> {
          if (!open.get()) {
            return;
          }
          if (failure == null && lease.expired()) {
            gone();
          } else if (failure == null) {
            schedule(Math.max(1, lease.ttlSeconds()) * 1000 / 3);
          } else {
            Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause()
                    : failure;
            if (cause instanceof EtcdKeyNotFoundException) {
              gone();
              return;
            }
            LOG.log(
                Level.WARNING,
                "Renewing lease {0} failed ({1}); trying again in a second",
                Long.toHexString(leaseId),
                cause.getMessage());
            schedule(1000);
          }
        });
  }

  private void schedule(long millis) {
    try {
      next = timer.schedule(this::renew, millis, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException clientClosed) {
      open.set(false);
    }
  }

  private void gone() {
    if (open.compareAndSet(true, false)) {
      EtcdKeyNotFoundException error =
          new EtcdKeyNotFoundException(
              "Lease "
                  + Long.toHexString(leaseId)
                  + " is gone (revoked, or expired before a renewal reached etcd), and the keys attached to it are"
                  + " deleted; write them again with a new lease",
              EtcdException.NO_SERVER_CODE,
              null,
              null,
              0,
              null);
      try {
        onGone.accept(error);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "The listener of lease " + Long.toHexString(leaseId) + " failed", e);
      }
    }
  }

  /** Stops renewing the lease; the lease is left to expire. Idempotent. */
  @Override
  public void close() {
    open.set(false);
    Future<?> scheduled = next;
    if (scheduled != null) {
      scheduled.cancel(false);
    }
    CompletableFuture<EtcdV3Client.Lease> call = inFlight;
    if (call != null) {
      call.cancel(true);
    }
  }

  @Override
  public String toString() {
    return "LeaseKeeper{"
        + Long.toHexString(leaseId)
        + ", "
        + renewals
        + " renewals"
        + (isOpen() ? "" : ", closed")
        + "}";
  }
}
