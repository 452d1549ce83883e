package link.etcd.internal.v3;

import java.io.Closeable;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import link.etcd.EtcdV3Types.Lease;
import link.etcd.EtcdV3Types.LeaseTimeToLive;
import link.etcd.internal.http.Resend;
import link.etcd.internal.http.Transport;
import link.etcd.internal.v3.pb.LeaseGrantRequest;
import link.etcd.internal.v3.pb.LeaseKeepAliveRequest;
import link.etcd.internal.v3.pb.LeaseKeepAliveResponse;
import link.etcd.internal.v3.pb.LeaseLeasesRequest;
import link.etcd.internal.v3.pb.LeaseLeasesResponse;
import link.etcd.internal.v3.pb.LeaseRevokeRequest;
import link.etcd.internal.v3.pb.LeaseTimeToLiveRequest;
import link.etcd.internal.v3.pb.LeaseTimeToLiveResponse;
import org.jspecify.annotations.Nullable;

/**
 * etcd's {@code Lease} service, as {@code EtcdV3Client} calls it: the unary calls Grant, Revoke,
 * KeepAlive once, TimeToLive and Leases, and the client's one {@link LeaseKeepAliveStream}, opened
 * at first use with the thread that times its renewals.
 */
public final class V3Lease implements Closeable {
  private final Transport transport;
  private final KeyBytes keys;
  private @Nullable ScheduledExecutorService timer;
  private @Nullable LeaseKeepAliveStream stream;

  public V3Lease(Transport transport, KeyBytes keys) {
    this.transport = transport;
    this.keys = keys;
  }

  /**
   * {@return the call that grants a lease of {@code ttlSeconds}}
   *
   * @throws IllegalArgumentException when {@code ttlSeconds} is under 1
   */
  public UnaryCall<?, Lease> grant(long ttlSeconds) {
    if (ttlSeconds < 1) {
      throw new IllegalArgumentException(
          "A lease's TTL must be at least 1 second but was " + ttlSeconds);
    }
    return UnaryCall.of(
        transport,
        EtcdMethods.LEASE_GRANT,
        new LeaseGrantRequest.Builder().TTL(ttlSeconds).build(),
        Resend.NEVER,
        answer -> new Lease(answer.ID, answer.TTL));
  }

  /** {@return the call that revokes the lease {@code id}} */
  public UnaryCall<?, Void> revoke(long id) {
    return UnaryCall.of(
        transport,
        EtcdMethods.LEASE_REVOKE,
        new LeaseRevokeRequest.Builder().ID(id).build(),
        Resend.NEVER,
        answer -> null);
  }

  /**
   * {@return one renewal on a {@code LeaseKeepAlive} stream of its own: one request, the end of the
   * request stream, and etcd's one answer (TTL 0 when it no longer has the lease)}
   */
  public UnaryCall<?, Lease> keepAliveOnce(long id) {
    return UnaryCall.of(
        transport,
        EtcdMethods.LEASE_KEEP_ALIVE,
        new LeaseKeepAliveRequest.Builder().ID(id).build(),
        Resend.NEVER,
        (LeaseKeepAliveResponse answer) -> new Lease(answer.ID, answer.TTL));
  }

  /** {@return the call that asks how long the lease {@code id} has left} */
  public UnaryCall<?, LeaseTimeToLive> timeToLive(long id, boolean withKeys) {
    return UnaryCall.of(
        transport,
        EtcdMethods.LEASE_TIME_TO_LIVE,
        new LeaseTimeToLiveRequest.Builder().ID(id).keys(withKeys).build(),
        Resend.AFTER_FAILURE,
        (LeaseTimeToLiveResponse answer) ->
            new LeaseTimeToLive(
                answer.ID,
                answer.TTL,
                answer.grantedTTL,
                answer.keys.stream().map(keys::fromWire).toList()));
  }

  /** {@return the call that lists the ids of the leases etcd has, in etcd's order} */
  public UnaryCall<?, List<Long>> leases() {
    return UnaryCall.of(
        transport,
        EtcdMethods.LEASE_LEASES,
        new LeaseLeasesRequest(),
        Resend.AFTER_FAILURE,
        (LeaseLeasesResponse answer) -> answer.leases.stream().map(lease -> lease.ID).toList());
  }

  /** {@return the client's one keep-alive stream, made at the first call} */
  public synchronized LeaseKeepAliveStream keepAliveStream() {
    if (stream == null) {
      ScheduledThreadPoolExecutor renewals =
          new ScheduledThreadPoolExecutor(
              1,
              runnable -> {
                Thread thread = new Thread(runnable, "link-etcd lease keepalive");
                thread.setDaemon(true);
                return thread;
              });
      renewals.setRemoveOnCancelPolicy(true);
      timer = renewals;
      stream = new LeaseKeepAliveStream(transport, renewals);
    }
    return stream;
  }

  /** Ends the keep-alive stream and its timer thread. */
  @Override
  public synchronized void close() {
    if (stream != null) {
      stream.close();
    }
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
