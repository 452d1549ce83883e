package link.etcd.internal.v3;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import link.etcd.EtcdException;
import link.etcd.EtcdIndeterminateException;
import link.etcd.EtcdSettings;
import link.etcd.EtcdV3Types.Compare;
import link.etcd.EtcdV3Types.DeleteRangeOptions;
import link.etcd.EtcdV3Types.DeleteRangeResult;
import link.etcd.EtcdV3Types.KeyValue;
import link.etcd.EtcdV3Types.Op;
import link.etcd.EtcdV3Types.PutOptions;
import link.etcd.EtcdV3Types.PutResult;
import link.etcd.EtcdV3Types.RangeOptions;
import link.etcd.EtcdV3Types.RangeResult;
import link.etcd.EtcdV3Types.TxnResult;
import link.etcd.internal.http.Resend;
import link.etcd.internal.http.Transport;
import link.etcd.internal.v3.pb.CompactionRequest;
import link.etcd.internal.v3.pb.RangeResponse;
import okhttp3.Request;

/**
 * etcd's {@code KV} service, as {@code EtcdV3Client} calls it: Range, Put, DeleteRange, Txn and
 * Compact. Each request says where it is built whether it may be sent again ({@link V3RetryRule});
 * a txn whose answer was lost is sent once more when its compares let it apply at most once.
 */
public final class V3Kv {
  private final EtcdSettings settings;
  private final Transport transport;
  private final KvMessages kv;

  public V3Kv(EtcdSettings settings, Transport transport, KvMessages kv) {
    this.settings = settings;
    this.transport = transport;
    this.kv = kv;
  }

  /** {@return the call that reads {@code key}, or the range {@code options} gives} */
  public UnaryCall<?, RangeResult> range(String key, RangeOptions options) {
    return UnaryCall.of(
        transport,
        EtcdMethods.RANGE,
        kv.rangeRequest(key, options),
        V3RetryRule.range(options),
        kv::rangeResult);
  }

  /**
   * Reads like {@link #range}, handing each key of the answer to {@code each} as it is decoded from
   * the one Wire message, without the list.
   */
  public RangeResult rangeEach(String key, RangeOptions options, Consumer<KeyValue> each) {
    RangeResponse answer =
        transport.executeGrpc(
            transport.grpcRequest(
                EtcdMethods.RANGE, kv.rangeRequest(key, options), V3RetryRule.range(options)),
            EtcdMethods.RANGE);
    answer.kvs.forEach(wire -> each.accept(kv.keyValue(wire)));
    return new RangeResult(
        KvMessages.revision(answer.header), List.of(), answer.more, answer.count);
  }

  /** {@return the call that sets {@code key} to {@code value}} */
  public UnaryCall<?, PutResult> put(String key, String value, PutOptions options) {
    return UnaryCall.of(
        transport,
        EtcdMethods.PUT,
        kv.putRequest(key, value, options),
        V3RetryRule.put(options),
        kv::putResult);
  }

  /** {@return the call that deletes {@code key}, or the range {@code options} gives} */
  public UnaryCall<?, DeleteRangeResult> deleteRange(String key, DeleteRangeOptions options) {
    return UnaryCall.of(
        transport,
        EtcdMethods.DELETE_RANGE,
        kv.deleteRequest(key, options),
        Resend.NEVER,
        kv::deleteResult);
  }

  /** {@return the call that compacts etcd's history up to {@code revision}} */
  public UnaryCall<?, Long> compact(long revision, boolean physical) {
    return UnaryCall.of(
        transport,
        EtcdMethods.COMPACT,
        new CompactionRequest.Builder().revision(revision).physical(physical).build(),
        Resend.NEVER,
        answer -> KvMessages.revision(answer.header));
  }

  /**
   * Sends a txn; when its answer is lost and its compares let it apply at most once, sends it once
   * more ({@link #sendAgain}).
   *
   * @throws IllegalArgumentException when it has more compares, or more operations on one side,
   *     than {@code max_txn_ops}
   */
  public TxnResult txnNow(List<Compare> compares, List<Op> success, List<Op> failure) {
    UnaryCall<?, TxnResult> call = txn(compares, success, failure);
    try {
      return call.now();
    } catch (EtcdIndeterminateException lost) {
      if (!sendAgain(compares, success, failure)) {
        throw lost;
      }
      TxnResult again;
      try {
        again = call.now();
      } catch (EtcdException e) {
        lost.addSuppressed(e);
        throw lost;
      }
      return conclusive(again, call.request(), lost);
    }
  }

  /** Like {@link #txnNow}, asynchronously. */
  public CompletableFuture<TxnResult> txnAsync(
      List<Compare> compares, List<Op> success, List<Op> failure) {
    UnaryCall<?, TxnResult> call = txn(compares, success, failure);
    return call.async()
        .exceptionallyCompose(
            failed -> {
              Throwable cause = failed instanceof CompletionException ? failed.getCause() : failed;
              if (!(cause instanceof EtcdIndeterminateException lost)
                  || !sendAgain(compares, success, failure)) {
                return CompletableFuture.failedFuture(cause);
              }
              return call.async()
                  .handle(
                      (again, e) -> {
                        if (e != null) {
                          lost.addSuppressed(e instanceof CompletionException ? e.getCause() : e);
                          throw lost;
                        }
                        return conclusive(again, call.request(), lost);
                      });
            });
  }

  /** {@return the call of a txn, checked against {@code max_txn_ops}; it may be sent twice} */
  private UnaryCall<?, TxnResult> txn(List<Compare> compares, List<Op> success, List<Op> failure) {
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
    return UnaryCall.of(
        transport,
        EtcdMethods.TXN,
        kv.txnRequest(compares, success, failure),
        V3RetryRule.txn(success, failure),
        kv::txnResult);
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
}
