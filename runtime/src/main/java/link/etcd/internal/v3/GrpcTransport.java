package link.etcd.internal.v3;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import link.etcd.EtcdException;
import link.etcd.EtcdSettings;
import link.etcd.internal.http.Resend;
import link.etcd.internal.http.Transport;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * The shared {@link Transport} of a v3 client, set up for etcd's gRPC by its {@link V3Wire}, with
 * the gRPC calls on top: unary calls with their deadline, and the streams of watches.
 */
public final class GrpcTransport implements AutoCloseable {
  private final V3Wire wire;
  private final Transport transport;
  private final GrpcChannel grpc;
  private final Duration deadline;

  /**
   * Creates the transport of one client.
   *
   * @param settings where etcd is and how to reach it
   * @param settingsNote which {@code middleware.conf} files were read and what was ignored, for a
   *     connection error to add; {@code null} when there is nothing to say
   */
  public GrpcTransport(EtcdSettings settings, @Nullable String settingsNote) {
    this.wire = new V3Wire(settings);
    this.transport = new Transport(settings, settingsNote, wire);
    this.grpc = new GrpcChannel(transport.http(), transport.baseUrl());
    this.deadline = settings.readTimeout();
  }

  /** {@return the gRPC calls of a v3 client} */
  public GrpcChannel grpc() {
    return grpc;
  }

  /**
   * {@return the request of the unary gRPC call {@code method} with {@code message}, its deadline
   * {@code read_timeout}}
   *
   * @param resend whether it may be sent again after it may have reached etcd
   */
  public <Q> Request grpcRequest(GrpcMethod<Q, ?> method, Q message, Resend resend) {
    return grpc.request(method, message, deadline, resend);
  }

  /**
   * Sends the unary gRPC call {@code request} on the calling thread and reads its answer; a status
   * other than OK becomes the exception of its gRPC code and message, every other failure the
   * exception of the shared transport.
   */
  public <A> A executeGrpc(Request request, GrpcMethod<?, A> method) {
    return transport.executeResponse(request, response -> GrpcChannel.readUnary(response, method));
  }

  /** Like {@link #executeGrpc}, on the dispatcher; cancelling the future cancels the call. */
  public <A> CompletableFuture<A> enqueueGrpc(Request request, GrpcMethod<?, A> method) {
    return transport.enqueueResponse(request, response -> GrpcChannel.readUnary(response, method));
  }

  /**
   * The client of long-lived calls: its own dispatcher, so they never hold back ordinary calls, and
   * no read timeout.
   */
  public OkHttpClient watchHttp() {
    return transport.watchHttp();
  }

  /** Runs a long-lived loop, such as a watch stream, on a watch thread. */
  public void runOnWatchThread(Runnable loop) {
    transport.runOnWatchThread(loop);
  }

  /**
   * Drops the auth token, so the next call authenticates again: for answers that say the token is
   * stale inside a successful HTTP answer (a watch stream's {@code cancel_reason}). Does nothing
   * without credentials.
   */
  public void forgetV3Token() {
    wire.forgetToken();
  }

  /** {@return the exception of a failure of a stream opened on {@link #watchHttp()}} */
  public EtcdException v3Failure(Request request, IOException e) {
    return transport.streamFailure(request, e);
  }

  @Override
  public void close() {
    transport.close();
  }
}
