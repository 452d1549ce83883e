package link.etcd.internal.v3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import link.etcd.internal.http.Resend;
import link.etcd.internal.v3.pb.KeyValue;
import link.etcd.internal.v3.pb.RangeRequest;
import link.etcd.internal.v3.pb.RangeResponse;
import link.etcd.internal.v3.pb.ResponseHeader;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.internal.http2.ErrorCode;
import okhttp3.internal.http2.StreamResetException;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The exact gRPC frames and headers {@link GrpcChannel} sends over HTTP/2 with prior knowledge, how
 * it reads statuses (in trailers, and in answers of trailers only), and the faults of HTTP/2:
 * RST_STREAM, GOAWAY, a stream that stalls, a message split across DATA frames, an answer that is
 * not gRPC.
 */
final class GrpcChannelRequestTest {
  private static final RangeRequest RANGE =
      new RangeRequest.Builder()
          .key(ByteString.encodeUtf8("/a"))
          .range_end(ByteString.encodeUtf8("/b"))
          .serializable(true)
          .build();
  private static final RangeResponse ANSWER =
      new RangeResponse.Builder()
          .header(
              new ResponseHeader.Builder()
                  .cluster_id(-3_328_248_525_275_549_750L)
                  .revision(9)
                  .build())
          .kvs(
              List.of(
                  new KeyValue.Builder()
                      .key(ByteString.encodeUtf8("/a/x"))
                      .value(ByteString.encodeUtf8("1"))
                      .create_revision(2)
                      .mod_revision(9)
                      .version(3)
                      .build()))
          .count(1)
          .build();

  @StartStop private final MockWebServer server = h2c();

  private final OkHttpClient http =
      GrpcChannel.http2(new OkHttpClient.Builder(), false, Duration.ZERO)
          .readTimeout(Duration.ofSeconds(2))
          .retryOnConnectionFailure(false)
          .build();

  private static MockWebServer h2c() {
    MockWebServer server = new MockWebServer();
    server.setProtocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
    return server;
  }

  @AfterEach
  void closeClient() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  private GrpcChannel channel() {
    return new GrpcChannel(http, server.url("/"));
  }

  private static Buffer frames(RangeResponse... answers) {
    Buffer body = new Buffer();
    for (RangeResponse answer : answers) {
      Buffer frame = GrpcFrames.frame(RangeResponse.ADAPTER, answer);
      body.write(frame, frame.size());
    }
    return body;
  }

  private static MockResponse.Builder grpc() {
    return new MockResponse.Builder().addHeader("content-type", "application/grpc");
  }

  private static Headers status(int code, String message) {
    return Headers.of("grpc-status", Integer.toString(code), "grpc-message", message);
  }

  @Test
  void aUnaryCallIsOneLengthPrefixedMessagePostedWithGrpcHeaders() throws Exception {
    server.enqueue(grpc().body(frames(ANSWER)).trailers(status(0, "")).build());

    RangeResponse answer =
        channel().unary(EtcdMethods.RANGE, RANGE, Duration.ofMillis(2500), Resend.HEDGED);

    assertEquals(ANSWER, answer);
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("POST /etcdserverpb.KV/Range HTTP/2", request.getRequestLine());
    assertEquals("application/grpc", request.getHeaders().get("content-type"));
    assertEquals("trailers", request.getHeaders().get("te"));
    assertEquals("2500m", request.getHeaders().get("grpc-timeout"));
    ByteString encoded = RangeRequest.ADAPTER.encodeByteString(RANGE);
    assertEquals("0a022f61" + "12022f62" + "3801", encoded.hex());
    assertEquals("00" + "0000000a" + encoded.hex(), request.getBody().hex());
  }

  @Test
  void theRequestCarriesWhetherItMayBeSentAgain() {
    GrpcChannel channel = channel();
    assertEquals(
        Resend.NEVER,
        Resend.of(channel.request(EtcdMethods.RANGE, RANGE, Duration.ZERO, Resend.NEVER)));
    assertEquals(
        Resend.AFTER_FAILURE,
        Resend.of(channel.request(EtcdMethods.RANGE, RANGE, Duration.ZERO, Resend.AFTER_FAILURE)));
    assertEquals(
        null,
        channel
            .request(EtcdMethods.RANGE, RANGE, Duration.ZERO, Resend.NEVER)
            .header("grpc-timeout"));
  }

  @Test
  void aStatusInTheTrailersFailsTheCallWithItsPercentDecodedMessage() {
    server.enqueue(
        grpc()
            .body(new Buffer())
            .trailers(status(14, "etcdserver: leader changed %E2%80%94 100%25"))
            .build());

    GrpcStatusException e =
        assertThrows(
            GrpcStatusException.class,
            () -> channel().unary(EtcdMethods.RANGE, RANGE, Duration.ZERO, Resend.HEDGED));

    assertEquals(new GrpcStatus(14, "etcdserver: leader changed \u2014 100%"), e.status());
    assertEquals(
        "/etcdserverpb.KV/Range ended with gRPC status 14: etcdserver: leader changed \u2014 100%",
        e.getMessage());
  }

  @Test
  void anAnswerOfTrailersOnlyCarriesItsStatusInTheHeaders() {
    server.enqueue(
        grpc()
            .addHeader("grpc-status", "16")
            .addHeader("grpc-message", "etcdserver: invalid auth token")
            .build());

    GrpcStatusException e =
        assertThrows(
            GrpcStatusException.class,
            () -> channel().unary(EtcdMethods.RANGE, RANGE, Duration.ZERO, Resend.HEDGED));

    assertEquals(new GrpcStatus(16, "etcdserver: invalid auth token"), e.status());
  }

  @Test
  void anAnswerThatIsNotGrpcSaysWhatItWas() {
    server.enqueue(
        new MockResponse.Builder()
            .code(404)
            .addHeader("content-type", "text/plain; charset=utf-8")
            .body("404 page not found\n")
            .build());

    NotGrpcException e =
        assertThrows(
            NotGrpcException.class,
            () -> channel().unary(EtcdMethods.RANGE, RANGE, Duration.ZERO, Resend.HEDGED));

    assertEquals(
        "POST /etcdserverpb.KV/Range at http://"
            + server.getHostName()
            + ":"
            + server.getPort()
            + " answered h2_prior_knowledge 404 (text/plain; charset=utf-8): 404 page not found,"
            + " not gRPC",
        e.getMessage());
    assertEquals(404, e.httpCode());
  }

  @Test
  void anAnswerWithoutStatusIsAProtocolError() {
    server.enqueue(grpc().body(frames(ANSWER)).build());

    IOException e =
        assertThrows(
            IOException.class,
            () -> channel().unary(EtcdMethods.RANGE, RANGE, Duration.ZERO, Resend.HEDGED));

    assertEquals("/etcdserverpb.KV/Range ended without a grpc-status", e.getMessage());
  }

  @Test
  void aResetStreamFailsTheCallWithItsErrorCode() {
    server.enqueue(
        grpc()
            .body(frames(ANSWER))
            .onResponseStart(new SocketEffect.CloseStream(ErrorCode.REFUSED_STREAM.getHttpCode()))
            .build());

    StreamResetException e =
        assertThrows(
            StreamResetException.class,
            () -> channel().unary(EtcdMethods.RANGE, RANGE, Duration.ZERO, Resend.HEDGED));

    assertEquals(ErrorCode.REFUSED_STREAM, e.errorCode);
  }

  @Test
  void afterGoawayTheNextCallGoesOnANewConnection() throws Exception {
    server.enqueue(
        grpc()
            .body(frames(ANSWER))
            .trailers(status(0, ""))
            .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE)
            .build());
    server.enqueue(grpc().body(frames(ANSWER)).trailers(status(0, "")).build());
    GrpcChannel channel = channel();
    assertEquals(ANSWER, channel.unary(EtcdMethods.RANGE, RANGE, Duration.ZERO, Resend.NEVER));

    RangeResponse second;
    try {
      second = channel.unary(EtcdMethods.RANGE, RANGE, Duration.ZERO, Resend.NEVER);
    } catch (StreamResetException raced) {
      // Sent before the GOAWAY arrived: refused unprocessed, which is what makes a resend safe.
      assertEquals(ErrorCode.REFUSED_STREAM, raced.errorCode);
      second = channel.unary(EtcdMethods.RANGE, RANGE, Duration.ZERO, Resend.NEVER);
    }

    assertEquals(ANSWER, second);
    assertEquals(0, server.takeRequest(5, TimeUnit.SECONDS).getConnectionIndex());
    assertEquals(1, server.takeRequest(5, TimeUnit.SECONDS).getConnectionIndex());
  }

  @Test
  void aStalledStreamFailsWithinTheReadTimeout() {
    server.enqueue(grpc().body(frames(ANSWER)).onResponseBody(SocketEffect.Stall.INSTANCE).build());

    long start = System.nanoTime();
    assertThrows(
        SocketTimeoutException.class,
        () -> channel().unary(EtcdMethods.RANGE, RANGE, Duration.ZERO, Resend.HEDGED));
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

    assertTrue(seconds < 30, "failed after " + seconds + " s");
  }

  @Test
  void aMessageSplitAcrossDataFramesIsReadWhole() throws Exception {
    Buffer body = frames(ANSWER);
    long size = body.size();
    server.enqueue(
        grpc()
            .body(body)
            .throttleBody(3, 5, TimeUnit.MILLISECONDS)
            .trailers(status(0, ""))
            .build());

    assertEquals(ANSWER, channel().unary(EtcdMethods.RANGE, RANGE, Duration.ZERO, Resend.HEDGED));
    assertTrue(size > 6, "the answer spans several frames: " + size + " bytes");
  }

  @Test
  void anAsyncCallCompletesWithTheAnswerOrTheStatus() throws Exception {
    server.enqueue(grpc().body(frames(ANSWER)).trailers(status(0, "")).build());
    server.enqueue(grpc().addHeader("grpc-status", "5").addHeader("grpc-message", "nope").build());
    GrpcChannel channel = channel();

    assertEquals(
        ANSWER,
        channel
            .unaryAsync(EtcdMethods.RANGE, RANGE, Duration.ZERO, Resend.HEDGED)
            .get(5, TimeUnit.SECONDS));
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () ->
                channel
                    .unaryAsync(EtcdMethods.RANGE, RANGE, Duration.ZERO, Resend.HEDGED)
                    .get(5, TimeUnit.SECONDS));
    assertEquals(
        new GrpcStatus(5, "nope"),
        assertInstanceOf(GrpcStatusException.class, e.getCause()).status());
  }

  @Test
  void deadlinesAreAtMostEightDigits() {
    assertEquals("1m", GrpcChannel.timeout(Duration.ofNanos(1)));
    assertEquals("5000m", GrpcChannel.timeout(Duration.ofSeconds(5)));
    assertEquals("99999999m", GrpcChannel.timeout(Duration.ofMillis(99_999_999)));
    assertEquals("100000S", GrpcChannel.timeout(Duration.ofMillis(100_000_000)));
    assertEquals("27778H", GrpcChannel.timeout(Duration.ofSeconds(100_000_000)));
  }

  @Test
  void grpcMessagesArePercentDecodedAsUtf8() {
    assertEquals("a%zz%", GrpcStatus.percentDecode("a%zz%"));
    assertEquals("caf\u00e9 50%", GrpcStatus.percentDecode("caf%C3%A9 50%25"));
  }
}
