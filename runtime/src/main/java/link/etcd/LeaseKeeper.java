package link.etcd;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import link.etcd.internal.v3.LeaseKeepAliveStream;
import org.jspecify.annotations.Nullable;

/**
 * Keeps one v3 lease alive, made by {@link EtcdV3Client#keepAlive(long, Consumer)}: it renews the
 * lease every third of its granted TTL on the client's one gRPC {@code LeaseKeepAlive} stream
 * (which carries the renewals of every lease the client keeps), until {@link #close()}, or until
 * the lease is gone.
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
 * unreachable, no leader, a member restarted) is logged at {@code WARNING} on the {@code
 * link.etcd.LeaseKeeper} {@link System.Logger}, and the stream is opened again a second later,
 * renewing every kept lease at once; the lease itself tells whether it outlived the outage. Closing
 * the keeper, or its client, stops every renewal; the lease then expires after its TTL unless
 * someone else renews it.
 */
public final class LeaseKeeper implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(LeaseKeeper.class.getName());

  private final long leaseId;
  private final Consumer<EtcdException> onGone;
  private final AtomicBoolean open = new AtomicBoolean(true);
  private final AtomicLong renewals = new AtomicLong();
  private volatile LeaseKeepAliveStream.@Nullable Renewals kept;

  LeaseKeeper(long leaseId, Consumer<EtcdException> onGone) {
    this.leaseId = leaseId;
    this.onGone = onGone;
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

  void start(LeaseKeepAliveStream stream) {
    kept =
        stream.keep(
            leaseId,
            new LeaseKeepAliveStream.Listener() {
              @Override
              public void sent() {
                renewals.incrementAndGet();
              }

              @Override
              public void gone() {
                LeaseKeeper.this.gone();
              }

              @Override
              public void failed(Exception cause) {
                if (open.get()) {
                  LOG.log(
                      Level.WARNING,
                      "Renewing lease {0} failed ({1}); trying again in a second",
                      Long.toHexString(leaseId),
                      cause.getMessage());
                }
              }

              @Override
              public void closed() {
                open.set(false);
              }
            });
    if (!open.get()) {
      close();
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
    LeaseKeepAliveStream.Renewals renewing = kept;
    if (renewing != null) {
      renewing.close();
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
