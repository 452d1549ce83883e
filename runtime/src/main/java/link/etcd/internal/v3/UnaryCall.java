package link.etcd.internal.v3;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import link.etcd.internal.http.Resend;
import link.etcd.internal.http.Transport;
import okhttp3.Request;

/**
 * One unary gRPC call, built where it is made: its request (tagged with whether it may be sent
 * again), and how etcd's answer becomes the result. {@link #now()} sends it on the calling thread,
 * {@link #async()} on the client's dispatcher. A bad argument fails when the call is built, before
 * any I/O, in both forms.
 *
 * @param <A> etcd's answer
 * @param <R> the result
 */
public record UnaryCall<A, R>(
    Transport transport, Request request, GrpcMethod<?, A> method, Function<A, R> map) {

  /**
   * {@return the call of {@code method} with {@code message}}
   *
   * @param resend whether it may be sent again after it may have reached etcd
   */
  static <Q, A, R> UnaryCall<A, R> of(
      Transport transport, GrpcMethod<Q, A> method, Q message, Resend resend, Function<A, R> map) {
    return new UnaryCall<>(transport, transport.grpcRequest(method, message, resend), method, map);
  }

  /** {@return the result, once etcd answered} */
  public R now() {
    return map.apply(transport.executeGrpc(request, method));
  }

  /** {@return a future of the result; cancelling it cancels the call} */
  public CompletableFuture<R> async() {
    return transport.enqueueGrpc(request, method).thenApply(map);
  }
}
