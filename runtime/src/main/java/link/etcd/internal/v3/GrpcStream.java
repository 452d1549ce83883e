package link.etcd.internal.v3;

import java.io.Closeable;
import java.io.IOException;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * A bidirectional gRPC stream on OkHttp's duplex request bodies: {@link #send} writes messages
 * while {@link #receive} reads answers, each on its own thread. Messages sent before {@link #start}
 * go out with the request's headers (etcd answers a watch stream's headers only with its first
 * message). {@link #cancel()} resets the stream.
 *
 * @param <Q> the messages sent
 * @param <A> the messages received
 */
public final class GrpcStream<Q, A> implements Closeable {
  private final GrpcMethod<Q, A> method;
  private final Request request;
  private final Call call;
  private final Object lock = new Object();
  private final Buffer pending = new Buffer();
  private @Nullable BufferedSink sink;
  private boolean halfClosed;
  private @Nullable Response response;
  private @Nullable GrpcStatus endedAtStart;

  GrpcStream(OkHttpClient http, Request.Builder request, GrpcMethod<Q, A> method) {
    this.method = method;
    this.request = request.post(new DuplexBody()).build();
    this.call = http.newCall(this.request);
  }

  /** {@return the request that opens the stream} */
  public Request request() {
    return request;
  }

  /**
   * Sends the request's headers and the messages sent so far, and waits for the answer's headers.
   *
   * @throws NotGrpcException when the answer is not gRPC
   * @throws GrpcStatusException when etcd refused the stream at once (an answer of trailers only)
   */
  public void start() throws IOException {
    Response started = call.execute();
    try {
      GrpcChannel.checkGrpc(started);
      GrpcStatus trailersOnly = GrpcStatus.of(started.headers());
      if (trailersOnly != null && !trailersOnly.ok()) {
        throw new GrpcStatusException(trailersOnly, method.path());
      }
      endedAtStart = trailersOnly;
    } catch (IOException | RuntimeException e) {
      started.close();
      throw e;
    }
    response = started;
  }

  /** Sends {@code message}, at once when the stream is open, else with the request's headers. */
  public void send(Q message) throws IOException {
    synchronized (lock) {
      if (halfClosed) {
        throw new IllegalStateException(method.path() + " is closed for sending");
      }
      if (sink == null) {
        GrpcFrames.write(pending, method.request(), message);
      } else {
        GrpcFrames.write(sink, method.request(), message);
        sink.flush();
      }
    }
  }

  /**
   * {@return the next answer, or null when etcd ended the stream with status OK}
   *
   * @throws GrpcStatusException when etcd ended the stream with another status
   * @throws IOException when the stream broke (reset, connection lost, cancelled)
   */
  public @Nullable A receive() throws IOException {
    Response started = response;
    if (started == null) {
      throw new IllegalStateException(method.path() + " is not started");
    }
    if (endedAtStart != null) {
      return null;
    }
    BufferedSource source = started.body().source();
    A answer = GrpcFrames.read(source, method.answer());
    if (answer != null) {
      return answer;
    }
    GrpcStatus status = GrpcStatus.of(started.trailers());
    if (status == null) {
      throw new GrpcProtocolException(method.path() + " ended without a grpc-status");
    }
    if (!status.ok()) {
      throw new GrpcStatusException(status, method.path());
    }
    return null;
  }

  /** Ends the sending side (END_STREAM); answers still arrive. */
  public void halfClose() throws IOException {
    synchronized (lock) {
      halfClosed = true;
      if (sink != null) {
        sink.close();
      }
    }
  }

  /** Resets the stream; {@link #receive} and {@link #send} then fail. */
  public void cancel() {
    call.cancel();
  }

  /** {@return whether {@link #cancel()} or {@link #close()} was called} */
  public boolean isCanceled() {
    return call.isCanceled();
  }

  /** Cancels the stream and releases its answer. */
  @Override
  public void close() {
    call.cancel();
    Response started = response;
    if (started != null) {
      started.close();
    }
  }

  @Override
  public String toString() {
    return "GrpcStream{" + method.path() + "}";
  }

  /** The request body: open for writing while the stream lives. */
  private final class DuplexBody extends RequestBody {
    @Override
    public MediaType contentType() {
      return GrpcFrames.GRPC;
    }

    @Override
    public boolean isDuplex() {
      return true;
    }

    @Override
    public boolean isOneShot() {
      return true;
    }

    @Override
    public void writeTo(BufferedSink opened) throws IOException {
      synchronized (lock) {
        opened.writeAll(pending);
        opened.flush();
        if (halfClosed) {
          opened.close();
        } else {
          sink = opened;
        }
      }
    }
  }
}
