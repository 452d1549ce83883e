package link.etcd.internal.v3;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;
import link.etcd.EtcdException;
import link.etcd.EtcdIndeterminateException;
import link.etcd.EtcdMember;
import link.etcd.EtcdSettings;
import link.etcd.EtcdV3Client;
import link.etcd.EtcdV3Types.Compare;
import link.etcd.EtcdV3Types.DeleteRangeOptions;
import link.etcd.EtcdV3Types.DeleteRangeResult;
import link.etcd.EtcdV3Types.Lease;
import link.etcd.EtcdV3Types.LeaseTimeToLive;
import link.etcd.EtcdV3Types.Op;
import link.etcd.EtcdV3Types.PutOptions;
import link.etcd.EtcdV3Types.PutResult;
import link.etcd.EtcdV3Types.RangeOptions;
import link.etcd.EtcdV3Types.RangeResult;
import link.etcd.EtcdV3Types.Status;
import link.etcd.EtcdV3Types.TxnResult;
import link.etcd.internal.http.Resend;
import link.etcd.internal.http.Transport;
import link.etcd.internal.v3.pb.CompactionRequest;
import link.etcd.internal.v3.pb.LeaseGrantRequest;
import link.etcd.internal.v3.pb.LeaseKeepAliveRequest;
import link.etcd.internal.v3.pb.LeaseKeepAliveResponse;
import link.etcd.internal.v3.pb.LeaseRevokeRequest;
import link.etcd.internal.v3.pb.LeaseTimeToLiveRequest;
import link.etcd.internal.v3.pb.LeaseTimeToLiveResponse;
import link.etcd.internal.v3.pb.MemberListRequest;
import link.etcd.internal.v3.pb.MemberListResponse;
import link.etcd.internal.v3.pb.RangeResponse;
import link.etcd.internal.v3.pb.StatusRequest;
import link.etcd.internal.v3.pb.StatusResponse;
import okhttp3.Request;

/**
 * The unary calls of {@link EtcdV3Client} over etcd's gRPC, each in a blocking and an asynchronous
 * form: KV (Range, Put, DeleteRange, Txn, Compact), Lease (Grant, Revoke, KeepAlive once,
 * TimeToLive), Cluster (MemberList) and Maintenance (Status). Each request says where it is built
 * whether it may be sent again ({@link V3RetryRule}).
 */
public final class V3Calls {
  private final EtcdSettings settings;
  private final Transport transport;
  private final KvMessages kv;

  public V3Calls(EtcdSettings settings, Transport transport, KvMessages kv) {
    this.settings = settings;
    this.transport = transport;
    this.kv = kv;
  }

  /** A request and how its answer becomes the result. */
  private record Prepared<A, R>(Request request, GrpcMethod<?, A> method, Function<A, R> map) {}

  private <A, R> R execute(Prepared<A, R> call) {
    return call.map.apply(transport.executeGrpc(call.request, call.method));
  }

  private <A, R> CompletableFuture<R> enqueue(Prepared<A, R> call) {
    return transport.enqueueGrpc(call.request, call.method).thenApply(call.map);
  }

  private <Q, A, R> Prepared<A, R> prepare(
      GrpcMethod<Q, A> method, Q message, Resend resend, Function<A, R> map) {
    return new Prepared<>(transport.grpcRequest(method, message, resend), method, map);
  }

  // ---- KV

  private Prepared<?, RangeResult> range(String key, RangeOptions options) {
    return prepare(
        EtcdMethods.RANGE,
        kv.rangeRequest(key, options),
        V3RetryRule.range(options),
        kv::rangeResult);
  }

  public RangeResult rangeNow(String key, RangeOptions options) {
    return execute(range(key, options));
  }

  public CompletableFuture<RangeResult> rangeAsync(String key, RangeOptions options) {
    return enqueue(range(key, options));
  }

  /**
   * Reads like {@link #rangeNow}, handing each key of the answer to {@code each} as it is decoded
   * from the one Wire message, without the list.
   */
  public RangeResult rangeEach(
      String key, RangeOptions options, Consumer<EtcdV3Client.KeyValue> each) {
    RangeResponse answer =
        transport.executeGrpc(
            transport.grpcRequest(
                EtcdMethods.RANGE, kv.rangeRequest(key, options), V3RetryRule.range(options)),
            EtcdMethods.RANGE);
    answer.kvs.forEach(wire -> each.accept(kv.keyValue(wire)));
    return new RangeResult(
        KvMessages.revision(answer.header), List.of(), answer.more, answer.count);
  }

  private Prepared<?, PutResult> put(String key, String value, PutOptions options) {
    return prepare(
        EtcdMethods.PUT,
        kv.putRequest(key, value, options),
        V3RetryRule.put(options),
        kv::putResult);
  }

  public PutResult putNow(String key, String value, PutOptions options) {
    return execute(put(key, value, options));
  }

  public CompletableFuture<PutResult> putAsync(String key, String value, PutOptions options) {
    return enqueue(put(key, value, options));
  }

  private Prepared<?, DeleteRangeResult> deleteRange(String key, DeleteRangeOptions options) {
    return prepare(
        EtcdMethods.DELETE_RANGE, kv.deleteRequest(key, options), Resend.NEVER, kv::deleteResult);
  }

  public DeleteRangeResult deleteRangeNow(String key, DeleteRangeOptions options) {
    return execute(deleteRange(key, options));
  }

  public CompletableFuture<DeleteRangeResult> deleteRangeAsync(
      String key, DeleteRangeOptions options) {
    return enqueue(deleteRange(key, options));
  }

  /**
   * {@return the request of a txn; it may be sent twice}
   *
   * @throws IllegalArgumentException when it has more compares, or more operations on one side,
   *     than {@code max_txn_ops}
   */
  private Request txnRequest(List<Compare> compares, List<Op> success, List<Op> failure) {
    int largest = Math.max(compares.size(), Math.max(success.size(), failure.size()));
    if (largest > settings.maxTxnOps()) {
      throw new IllegalArgumentException(
          "A txn of "
              + compares.size()
              + " compares, "
              + success.size()
              + " success and "
              + failure.size()
              + " failure operations is over max_txn_ops ("
              + settings.maxTxnOps()
              + "); split it, or raise etcd's --max-txn-ops and max_txn_ops to match");
    }
    return transport.grpcRequest(
        EtcdMethods.TXN,
        kv.txnRequest(compares, success, failure),
        V3RetryRule.txn(success, failure));
  }

  private TxnResult txnNow(Request request) {
    return kv.txnResult(transport.executeGrpc(request, EtcdMethods.TXN));
  }

  private CompletableFuture<TxnResult> txnAsync(Request request) {
    return transport.enqueueGrpc(request, EtcdMethods.TXN).thenApply(kv::txnResult);
  }

  /**
   * Sends a txn; when its answer is lost and its compares let it apply at most once, sends it once
   * more ({@link #sendAgain}).
   */
  public TxnResult txnNow(List<Compare> compares, List<Op> success, List<Op> failure) {
    Request request = txnRequest(compares, success, failure);
    try {
      return txnNow(request);
    } catch (EtcdIndeterminateException lost) {
      if (!sendAgain(compares, success, failure)) {
        throw lost;
      }
      TxnResult again;
      try {
        again = txnNow(request);
      } catch (EtcdException e) {
        lost.addSuppressed(e);
        throw lost;
      }
      return conclusive(again, request, lost);
    }
  }

  /** Like {@link #txnNow(List, List, List)}, asynchronously. */
  public CompletableFuture<TxnResult> txnAsync(
      List<Compare> compares, List<Op> success, List<Op> failure) {
    Request request = txnRequest(compares, success, failure);
    return txnAsync(request)
        .exceptionallyCompose(
            failed -> {
              Throwable cause = failed instanceof CompletionException ? failed.getCause() : failed;
              if (!(cause instanceof EtcdIndeterminateException lost)
                  || !sendAgain(compares, success, failure)) {
                return CompletableFuture.failedFuture(cause);
              }
              return txnAsync(request)
                  .handle(
                      (again, e) -> {
                        if (e != null) {
                          lost.addSuppressed(e instanceof CompletionException ? e.getCause() : e);
                          throw lost;
                        }
                        return conclusive(again, request, lost);
                      });
            });
  }

  /**
   * Whether a txn whose answer was lost is sent once more: with {@code allow_reconnect}, when its
   * compares let it apply at most once ({@link V3RetryRule#guarded}).
   */
  private boolean sendAgain(List<Compare> compares, List<Op> success, List<Op> failure) {
    return settings.allowReconnect() && V3RetryRule.guarded(compares, success, failure);
  }

  /**
   * The answer of the second send: a success proves the first did not apply; compares that failed
   * may have failed because it did.
   */
  private static TxnResult conclusive(
      TxnResult again, Request request, EtcdIndeterminateException lost) {
    if (again.succeeded()) {
      return again;
    }
    throw new EtcdIndeterminateException(
        "The outcome of POST "
            + request.url().encodedPath()
            + " is unknown: it reached etcd at "
            + lost.endpoint()
            + ", but the connection failed before the answer arrived. Sent once more (its"
            + " mod_revision compares let it apply at most once), its compares failed, which the"
            + " first send may have caused; read the keys to find out whether it was applied",
        lost.endpoint(),
        lost);
  }

  private Prepared<?, Long> compact(long revision, boolean physical) {
    return prepare(
        EtcdMethods.COMPACT,
        new CompactionRequest.Builder().revision(revision).physical(physical).build(),
        Resend.NEVER,
        answer -> KvMessages.revision(answer.header));
  }

  public long compactNow(long revision, boolean physical) {
    return execute(compact(revision, physical));
  }

  public CompletableFuture<Long> compactAsync(long revision, boolean physical) {
    return enqueue(compact(revision, physical));
  }

  // ---- Lease

  private Prepared<?, Lease> grant(long ttlSeconds) {
    if (ttlSeconds < 1) {
      throw new IllegalArgumentException(
          "A lease's TTL must be at least 1 second but was " + ttlSeconds);
    }
    return prepare(
        EtcdMethods.LEASE_GRANT,
        new LeaseGrantRequest.Builder().TTL(ttlSeconds).build(),
        Resend.NEVER,
        answer -> new Lease(answer.ID, answer.TTL));
  }

  public Lease grantNow(long ttlSeconds) {
    return execute(grant(ttlSeconds));
  }

  public CompletableFuture<Lease> grantAsync(long ttlSeconds) {
    return enqueue(grant(ttlSeconds));
  }

  private Prepared<?, Void> revoke(long id) {
    return prepare(
        EtcdMethods.LEASE_REVOKE,
        new LeaseRevokeRequest.Builder().ID(id).build(),
        Resend.NEVER,
        answer -> null);
  }

  public void revokeNow(long id) {
    execute(revoke(id));
  }

  public CompletableFuture<Void> revokeAsync(long id) {
    return enqueue(revoke(id));
  }

  /**
   * One renewal on the {@code LeaseKeepAlive} stream: one request, then the end of the request
   * stream, and etcd's one answer (TTL 0 when it no longer has the lease).
   */
  private Prepared<?, Lease> keepAliveOnce(long id) {
    return prepare(
        EtcdMethods.LEASE_KEEP_ALIVE,
        new LeaseKeepAliveRequest.Builder().ID(id).build(),
        Resend.NEVER,
        (LeaseKeepAliveResponse answer) -> new Lease(answer.ID, answer.TTL));
  }

  public Lease keepAliveOnceNow(long id) {
    return execute(keepAliveOnce(id));
  }

  public CompletableFuture<Lease> keepAliveOnceAsync(long id) {
    return enqueue(keepAliveOnce(id));
  }

  private Prepared<?, LeaseTimeToLive> timeToLive(long id, boolean keys) {
    return prepare(
        EtcdMethods.LEASE_TIME_TO_LIVE,
        new LeaseTimeToLiveRequest.Builder().ID(id).keys(keys).build(),
        Resend.AFTER_FAILURE,
        (LeaseTimeToLiveResponse answer) ->
            new LeaseTimeToLive(
                answer.ID,
                answer.TTL,
                answer.grantedTTL,
                answer.keys.stream().map(kv.keys()::fromWire).toList()));
  }

  public LeaseTimeToLive timeToLiveNow(long id, boolean keys) {
    return execute(timeToLive(id, keys));
  }

  public CompletableFuture<LeaseTimeToLive> timeToLiveAsync(long id, boolean keys) {
    return enqueue(timeToLive(id, keys));
  }

  // ---- Cluster and Maintenance

  private Prepared<?, List<EtcdMember>> members() {
    return prepare(
        EtcdMethods.MEMBER_LIST,
        new MemberListRequest(false),
        Resend.AFTER_FAILURE,
        (MemberListResponse answer) ->
            answer.members.stream()
                .map(
                    member ->
                        new EtcdMember(
                            Long.toHexString(member.ID),
                            member.name,
                            member.peerURLs,
                            member.clientURLs))
                .toList());
  }

  public List<EtcdMember> membersNow() {
    return execute(members());
  }

  public CompletableFuture<List<EtcdMember>> membersAsync() {
    return enqueue(members());
  }

  private Prepared<?, Status> status() {
    return prepare(
        EtcdMethods.STATUS,
        new StatusRequest(),
        Resend.AFTER_FAILURE,
        (StatusResponse answer) ->
            new Status(
                answer.version,
                Long.toHexString(answer.header == null ? 0 : answer.header.cluster_id),
                Long.toHexString(answer.header == null ? 0 : answer.header.member_id),
                Long.toHexString(answer.leader),
                KvMessages.revision(answer.header),
                answer.raftIndex,
                answer.raftTerm,
                answer.dbSize,
                answer.dbSizeInUse,
                answer.isLearner,
                answer.errors));
  }

  public Status statusNow() {
    return execute(status());
  }

  public CompletableFuture<Status> statusAsync() {
    return enqueue(status());
  }
}
