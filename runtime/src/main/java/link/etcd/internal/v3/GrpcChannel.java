package link.etcd.internal.v3;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import link.etcd.internal.http.Resend;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * gRPC calls on an OkHttp client that speaks HTTP/2 (see {@link #http2}): each call is a {@code
 * POST} of {@code application/grpc} to {@code /<service>/<method>}, with {@code te: trailers}, its
 * deadline as {@code grpc-timeout}, and its {@link Resend} as its tag; its outcome is the {@code
 * grpc-status} of the trailers (or of the headers, in an answer of trailers only). An answer that
 * is not gRPC fails with {@link NotGrpcException}, a status other than OK with {@link
 * GrpcStatusException}.
 */
public final class GrpcChannel {
  private static final long MAX_EXCERPT = 200;

  private final OkHttpClient http;
  private final HttpUrl base;

  /**
   * @param http a client set up by {@link #http2}, with the interceptors of the caller
   * @param base the scheme, host and port calls go to (the failover interceptor may change them)
   */
  public GrpcChannel(OkHttpClient http, HttpUrl base) {
    this.http = http;
    this.base = base;
  }

  /**
   * Sets {@code builder} up for gRPC: HTTP/2 with prior knowledge on {@code http://} (h2c), HTTP/2
   * by ALPN on {@code https://}, sockets with {@code TCP_NODELAY} ({@link NoDelaySocketFactory}),
   * and a PING every {@code pingInterval} on each connection, so that a connection whose peer is
   * gone fails within two intervals even under a quiet stream.
   *
   * @param tls whether endpoints are {@code https://}
   * @param pingInterval how often to PING; {@link Duration#ZERO} for never
   */
  public static OkHttpClient.Builder http2(
      OkHttpClient.Builder builder, boolean tls, Duration pingInterval) {
    return builder
        .protocols(
            tls
                ? List.of(Protocol.HTTP_2, Protocol.HTTP_1_1)
                : List.of(Protocol.H2_PRIOR_KNOWLEDGE))
        .socketFactory(new NoDelaySocketFactory(!tls))
        .pingInterval(pingInterval);
  }

  /** {@return the OkHttp client calls go through} */
  public OkHttpClient http() {
    return http;
  }

  /**
   * {@return the request of one unary call}
   *
   * @param deadline sent as {@code grpc-timeout}; {@link Duration#ZERO} for none
   * @param resend whether the call may be sent again after it may have reached etcd
   */
  public <Q> Request request(GrpcMethod<Q, ?> method, Q message, Duration deadline, Resend resend) {
    return builder(method, deadline, resend)
        .post(
            RequestBody.create(
                GrpcFrames.frame(method.request(), message).readByteString(), GrpcFrames.GRPC))
        .build();
  }

  /** {@return a request without body yet: the URL, the gRPC headers and the tag of a call} */
  Request.Builder builder(GrpcMethod<?, ?> method, Duration deadline, Resend resend) {
    Request.Builder builder =
        new Request.Builder()
            .url(base.newBuilder().encodedPath(method.path()).build())
            .header("te", "trailers")
            .tag(Resend.class, resend);
    if (!deadline.isZero() && !deadline.isNegative()) {
      builder.header("grpc-timeout", timeout(deadline));
    }
    return builder;
  }

  /**
   * {@return {@code deadline} as gRPC's {@code grpc-timeout}: at most 8 digits and a unit} Whole
   * milliseconds (rounded up) while they fit, else seconds, else hours.
   */
  static String timeout(Duration deadline) {
    long millis = deadline.toMillis() + (deadline.toNanosPart() % 1_000_000 == 0 ? 0 : 1);
    if (millis <= 99_999_999) {
      return millis + "m";
    }
    long seconds = (millis + 999) / 1000;
    if (seconds <= 99_999_999) {
      return seconds + "S";
    }
    return Math.min((seconds + 3599) / 3600, 99_999_999) + "H";
  }

  /** Sends one unary call on the calling thread and reads its one answer. */
  public <Q, A> A unary(GrpcMethod<Q, A> method, Q message, Duration deadline, Resend resend)
      throws IOException {
    try (Response response = http.newCall(request(method, message, deadline, resend)).execute()) {
      return readUnary(response, method);
    }
  }

  /**
   * Sends one unary call on the client's dispatcher; cancelling the future cancels the call. The
   * future fails with the {@link IOException} {@link #unary} would throw.
   */
  public <Q, A> CompletableFuture<A> unaryAsync(
      GrpcMethod<Q, A> method, Q message, Duration deadline, Resend resend) {
    Call call = http.newCall(request(method, message, deadline, resend));
    CompletableFuture<A> future =
        new CompletableFuture<>() {
          @Override
          public boolean cancel(boolean mayInterruptIfRunning) {
            call.cancel();
            return super.cancel(mayInterruptIfRunning);
          }
        };
    call.enqueue(
        new Callback() {
          @Override
          public void onResponse(Call call, Response response) {
            try (response) {
              future.complete(readUnary(response, method));
            } catch (IOException | RuntimeException e) {
              future.completeExceptionally(e);
            }
          }

          @Override
          public void onFailure(Call call, IOException e) {
            future.completeExceptionally(e);
          }
        });
    return future;
  }

  /**
   * Opens a bidirectional stream of {@code method}. Messages sent before etcd answers are buffered
   * and go out with the request's headers.
   *
   * @param http the client of the stream: usually one without a read timeout, whose pings find a
   *     dead connection
   */
  public <Q, A> GrpcStream<Q, A> stream(OkHttpClient http, GrpcMethod<Q, A> method) {
    return new GrpcStream<>(http, builder(method, Duration.ZERO, Resend.NEVER), method);
  }

  /**
   * Reads the one answer of a unary call and its status.
   *
   * @throws NotGrpcException when {@code response} is not a gRPC answer
   * @throws GrpcStatusException when the status is not OK
   * @throws GrpcProtocolException when the answer has no status, no message or more than one
   */
  public static <A> A readUnary(Response response, GrpcMethod<?, A> method) throws IOException {
    checkGrpc(response);
    GrpcStatus trailersOnly = GrpcStatus.of(response.headers());
    if (trailersOnly != null) {
      throw statusFailure(trailersOnly, method);
    }
    BufferedSource source = response.body().source();
    A answer = GrpcFrames.read(source, method.answer());
    if (answer != null && !source.exhausted()) {
      throw new GrpcProtocolException(method.path() + " answered more than one message");
    }
    GrpcStatus status = GrpcStatus.of(response.trailers());
    if (status == null) {
      throw new GrpcProtocolException(method.path() + " ended without a grpc-status");
    }
    if (!status.ok() || answer == null) {
      throw statusFailure(status, method);
    }
    return answer;
  }

  private static IOException statusFailure(GrpcStatus status, GrpcMethod<?, ?> method) {
    return status.ok()
        ? new GrpcProtocolException(method.path() + " ended with status OK but no message")
        : new GrpcStatusException(status, method.path());
  }

  /**
   * Fails unless {@code response} is a gRPC answer: HTTP/2, and either status 200 with an {@code
   * application/grpc} content type or a {@code grpc-status} header.
   */
  static void checkGrpc(Response response) throws IOException {
    String contentType = response.header("content-type");
    boolean http2 =
        response.protocol() == Protocol.HTTP_2
            || response.protocol() == Protocol.H2_PRIOR_KNOWLEDGE;
    boolean grpc =
        http2
            && (response.code() == 200
                    && contentType != null
                    && contentType.startsWith("application/grpc")
                || GrpcStatus.of(response.headers()) != null);
    if (!grpc) {
      throw new NotGrpcException(
          response.request().url(),
          response.protocol(),
          response.code(),
          contentType == null ? "no content type" : contentType,
          excerpt(response));
    }
  }

  private static String excerpt(Response response) {
    try {
      String text = response.peekBody(MAX_EXCERPT).string().strip();
      return text.replaceAll("\\s+", " ");
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public String toString() {
    return "GrpcChannel{" + base + "}";
  }
}
