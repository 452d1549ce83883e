package link.etcd.internal.v3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import link.etcd.internal.http.Resend;
import link.etcd.internal.v3.pb.Compare;
import link.etcd.internal.v3.pb.Event;
import link.etcd.internal.v3.pb.LeaseRevokeRequest;
import link.etcd.internal.v3.pb.PutRequest;
import link.etcd.internal.v3.pb.PutResponse;
import link.etcd.internal.v3.pb.RangeRequest;
import link.etcd.internal.v3.pb.RangeResponse;
import link.etcd.internal.v3.pb.RequestOp;
import link.etcd.internal.v3.pb.StatusRequest;
import link.etcd.internal.v3.pb.StatusResponse;
import link.etcd.internal.v3.pb.TxnRequest;
import link.etcd.internal.v3.pb.TxnResponse;
import link.etcd.internal.v3.pb.WatchCancelRequest;
import link.etcd.internal.v3.pb.WatchCreateRequest;
import link.etcd.internal.v3.pb.WatchRequest;
import link.etcd.internal.v3.pb.WatchResponse;
import link.etcd.testing.Etcd;
import link.etcd.testing.EtcdBinary;
import link.etcd.testing.EtcdExtension;
import link.etcd.testing.EtcdProcess;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link GrpcChannel} and {@link GrpcStream} against real etcd's gRPC: 3.4 (the machine's), 3.5
 * without the v2 API, and 3.5 without the JSON gateway. Each test works under its own key prefix.
 */
final class GrpcChannelEtcdTest {
  private static final AtomicLong PREFIXES = new AtomicLong();
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  @Nested
  @ExtendWith(EtcdExtension.class)
  final class Etcd34 extends Suite {
    Etcd34(EtcdProcess etcd) {
      super(etcd, "3.4.");
    }
  }

  @Nested
  @ExtendWith(EtcdExtension.class)
  final class Etcd35WithoutV2 extends Suite {
    Etcd35WithoutV2(@Etcd(binary = EtcdBinary.V3_5, v2 = false) EtcdProcess etcd) {
      super(etcd, "3.5.");
    }
  }

  @Nested
  @ExtendWith(EtcdExtension.class)
  final class Etcd35WithoutGateway extends Suite {
    Etcd35WithoutGateway(
        @Etcd(binary = EtcdBinary.V3_5, v2 = false, grpcGateway = false) EtcdProcess etcd) {
      super(etcd, "3.5.");
    }

    @Test
    void theGatewayIsOff() throws Exception {
      Request gateway =
          new Request.Builder()
              .url(base().resolve("/v3/kv/range"))
              .post(RequestBody.create("{\"key\":\"YQ==\"}", MediaType.get("application/json")))
              .build();
      try (Response response = new OkHttpClient().newCall(gateway).execute()) {
        assertEquals(404, response.code());
      }
    }
  }

  abstract static class Suite {
    private final EtcdProcess etcd;
    private final String version;
    private final String prefix = "/grpc-" + PREFIXES.incrementAndGet() + "-" + System.nanoTime();
    private final OkHttpClient http =
        GrpcChannel.http2(new OkHttpClient.Builder(), false, Duration.ofSeconds(5))
            .retryOnConnectionFailure(false)
            .build();
    private final OkHttpClient streams = http.newBuilder().readTimeout(Duration.ZERO).build();

    Suite(EtcdProcess etcd, String version) {
      this.etcd = etcd;
      this.version = version;
    }

    HttpUrl base() {
      return HttpUrl.get(etcd.clientUrl());
    }

    GrpcChannel channel() {
      return new GrpcChannel(http, base());
    }

    @AfterEach
    void closeClient() {
      http.dispatcher().cancelAll();
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }

    private static ByteString utf8(String text) {
      return ByteString.encodeUtf8(text);
    }

    private PutResponse put(String key, String value) throws Exception {
      return channel()
          .unary(
              EtcdMethods.PUT,
              new PutRequest.Builder().key(utf8(prefix + key)).value(utf8(value)).build(),
              DEADLINE,
              Resend.HEDGED);
    }

    @Test
    void putThenRangeOverGrpc() throws Exception {
      long written = put("/a", "1").header.revision;
      put("/b", "2");

      RangeResponse range =
          channel()
              .unary(
                  EtcdMethods.RANGE,
                  new RangeRequest.Builder()
                      .key(utf8(prefix + "/"))
                      .range_end(utf8(prefix + "0"))
                      .build(),
                  DEADLINE,
                  Resend.AFTER_FAILURE);

      assertEquals(2, range.count);
      assertEquals(
          List.of(prefix + "/a", prefix + "/b"),
          range.kvs.stream().map(kv -> kv.key.utf8()).toList());
      assertEquals("1", range.kvs.get(0).value.utf8());
      assertEquals(written, range.kvs.get(0).mod_revision);
      assertTrue(range.header.revision > written);
    }

    @Test
    void aTxnTakesTheBranchItsComparesChoose() throws Exception {
      put("/lock", "me");
      TxnRequest txn =
          new TxnRequest.Builder()
              .compare(
                  List.of(
                      new Compare.Builder()
                          .key(utf8(prefix + "/lock"))
                          .target(Compare.CompareTarget.VALUE)
                          .result(Compare.CompareResult.EQUAL)
                          .value(utf8("you"))
                          .build()))
              .success(
                  List.of(
                      new RequestOp.Builder()
                          .request_put(
                              new PutRequest.Builder()
                                  .key(utf8(prefix + "/lock"))
                                  .value(utf8("them"))
                                  .build())
                          .build()))
              .failure(
                  List.of(
                      new RequestOp.Builder()
                          .request_range(
                              new RangeRequest.Builder().key(utf8(prefix + "/lock")).build())
                          .build()))
              .build();

      TxnResponse answer = channel().unary(EtcdMethods.TXN, txn, DEADLINE, Resend.NEVER);

      assertEquals(false, answer.succeeded);
      assertEquals("me", answer.responses.get(0).response_range.kvs.get(0).value.utf8());
    }

    @Test
    void anErrorIsTheStatusEtcdSent() {
      GrpcStatusException e =
          assertThrows(
              GrpcStatusException.class,
              () ->
                  channel()
                      .unary(
                          EtcdMethods.LEASE_REVOKE,
                          new LeaseRevokeRequest.Builder().ID(424242L).build(),
                          DEADLINE,
                          Resend.NEVER));

      assertEquals(new GrpcStatus(5, "etcdserver: requested lease not found"), e.status());
    }

    @Test
    void statusSaysTheVersion() throws Exception {
      StatusResponse status =
          channel().unary(EtcdMethods.STATUS, new StatusRequest(), DEADLINE, Resend.HEDGED);

      assertTrue(status.version.startsWith(version), status.version);
      assertTrue(status.header.member_id != 0);
    }

    @Test
    void aWatchStreamCarriesCreateEventsAndCancelByWatchId() throws Exception {
      long from = put("/w", "0").header.revision + 1;
      try (GrpcStream<WatchRequest, WatchResponse> stream =
          channel().stream(streams, EtcdMethods.WATCH)) {
        stream.send(
            new WatchRequest.Builder()
                .create_request(
                    new WatchCreateRequest.Builder()
                        .key(utf8(prefix + "/w"))
                        .start_revision(from)
                        .prev_kv(true)
                        .watch_id(7)
                        .build())
                .build());
        stream.start();
        WatchResponse created = stream.receive();
        assertNotNull(created);
        assertTrue(created.created);
        assertEquals(7, created.watch_id);

        put("/w", "1");
        WatchResponse changed = stream.receive();
        assertNotNull(changed);
        assertEquals(7, changed.watch_id);
        Event event = changed.events.get(0);
        assertEquals(Event.EventType.PUT, event.type);
        assertEquals("1", event.kv.value.utf8());
        assertEquals("0", event.prev_kv.value.utf8());

        stream.send(
            new WatchRequest.Builder()
                .cancel_request(new WatchCancelRequest.Builder().watch_id(7).build())
                .build());
        WatchResponse canceled = stream.receive();
        assertNotNull(canceled);
        assertTrue(canceled.canceled);
        assertEquals(7, canceled.watch_id);

        // etcd keeps a watch stream open after the client's END_STREAM; only a reset ends it.
        stream.cancel();
        assertThrows(IOException.class, stream::receive);
      }
    }
  }
}
