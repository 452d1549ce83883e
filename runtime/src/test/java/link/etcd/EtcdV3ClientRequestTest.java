package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.wire.ProtoAdapter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import link.etcd.EtcdV3Types.Compare;
import link.etcd.EtcdV3Types.DeleteRangeOptions;
import link.etcd.EtcdV3Types.Op;
import link.etcd.EtcdV3Types.PutOptions;
import link.etcd.EtcdV3Types.RangeOptions;
import link.etcd.EtcdV3Types.RangeResult;
import link.etcd.EtcdV3Types.Status;
import link.etcd.EtcdV3Types.TxnResult;
import link.etcd.internal.v3.EtcdMethods;
import link.etcd.internal.v3.GrpcFrames;
import link.etcd.internal.v3.GrpcMethod;
import link.etcd.internal.v3.KeyBytes;
import link.etcd.internal.v3.pb.AuthenticateRequest;
import link.etcd.internal.v3.pb.AuthenticateResponse;
import link.etcd.internal.v3.pb.CompactionRequest;
import link.etcd.internal.v3.pb.Compare.CompareResult;
import link.etcd.internal.v3.pb.Compare.CompareTarget;
import link.etcd.internal.v3.pb.DeleteRangeRequest;
import link.etcd.internal.v3.pb.KeyValue;
import link.etcd.internal.v3.pb.LeaseGrantRequest;
import link.etcd.internal.v3.pb.LeaseKeepAliveRequest;
import link.etcd.internal.v3.pb.LeaseKeepAliveResponse;
import link.etcd.internal.v3.pb.LeaseLeasesRequest;
import link.etcd.internal.v3.pb.LeaseLeasesResponse;
import link.etcd.internal.v3.pb.LeaseRevokeRequest;
import link.etcd.internal.v3.pb.LeaseStatus;
import link.etcd.internal.v3.pb.MemberListRequest;
import link.etcd.internal.v3.pb.PutRequest;
import link.etcd.internal.v3.pb.PutResponse;
import link.etcd.internal.v3.pb.RangeRequest;
import link.etcd.internal.v3.pb.RangeResponse;
import link.etcd.internal.v3.pb.RequestOp;
import link.etcd.internal.v3.pb.ResponseHeader;
import link.etcd.internal.v3.pb.ResponseOp;
import link.etcd.internal.v3.pb.StatusResponse;
import link.etcd.internal.v3.pb.TxnRequest;
import link.etcd.internal.v3.pb.TxnResponse;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Headers;
import okhttp3.Protocol;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The exact gRPC calls {@link EtcdV3Client} sends (path, headers, the one message of each request,
 * decoded and compared with the message it must be), how it reads answers, and how statuses,
 * answers that are not gRPC and auth tokens are handled. HTTP/2 with prior knowledge, as the client
 * speaks to an {@code http://} etcd.
 */
final class EtcdV3ClientRequestTest {
  /** Seen from etcd 3.4.23: a cluster id past {@link Long#MAX_VALUE}. */
  private static final ResponseHeader HEADER =
      new ResponseHeader.Builder()
          .cluster_id(Long.parseUnsignedLong("15118495548433857066"))
          .member_id(Long.parseUnsignedLong("13668033151171901709"))
          .revision(9)
          .raft_term(2)
          .build();

  @StartStop private final MockWebServer server = h2c();

  private EtcdV3Client client;

  private static MockWebServer h2c() {
    MockWebServer server = new MockWebServer();
    server.setProtocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
    return server;
  }

  @AfterEach
  void closeClient() {
    if (client != null) {
      client.close();
    }
  }

  // ---- requests

  @Test
  void aPlainRangeIsOneMessageToKvRangeAndIsSerializable() throws Exception {
    answer(new RangeResponse.Builder().header(HEADER).build());
    client().range("/a");
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("POST /etcdserverpb.KV/Range HTTP/2", request.getRequestLine());
    assertEquals("application/grpc", request.getHeaders().get("content-type"));
    assertEquals("trailers", request.getHeaders().get("te"));
    assertEquals("60000m", request.getHeaders().get("grpc-timeout"));
    assertNull(request.getHeaders().get("token"));
    assertEquals(
        new RangeRequest.Builder().key(utf8("/a")).serializable(true).build(),
        message(request, EtcdMethods.RANGE));
  }

  @Test
  void quorumReadsMakesPlainRangesAndTreeReadsLinearizable() throws Exception {
    EtcdV3Client quorum = client(settings().quorumReads(true));
    answer(new RangeResponse.Builder().header(HEADER).build());
    quorum.range("/a");
    assertRequest(EtcdMethods.RANGE, new RangeRequest.Builder().key(utf8("/a")).build());
    answer(range(kv("/a/b", "1")));
    assertEquals(Map.of("b", "1"), quorum.readValues("/a"));
    assertRequest(
        EtcdMethods.RANGE,
        new RangeRequest.Builder().key(utf8("/a/")).range_end(utf8("/a0")).build());
  }

  @Test
  void treeReadsAreSerializableWithoutQuorumReads() throws Exception {
    answer(range(kv("/a/b", "1")));
    assertEquals(Map.of("b", "1"), client().readValues("/a"));
    assertRequest(
        EtcdMethods.RANGE,
        new RangeRequest.Builder()
            .key(utf8("/a/"))
            .range_end(utf8("/a0"))
            .serializable(true)
            .build());
  }

  @Test
  void rangeSendsEveryOption() throws Exception {
    answer(new RangeResponse.Builder().header(HEADER).build());
    client()
        .range(
            "/a/",
            RangeOptions.defaults()
                .withRangeEnd("/a0")
                .withLimit(2)
                .withRevision(7)
                .withSerializable(true)
                .withKeysOnly(true)
                .withCountOnly(true));
    assertRequest(
        EtcdMethods.RANGE,
        new RangeRequest.Builder()
            .key(utf8("/a/"))
            .range_end(utf8("/a0"))
            .limit(2)
            .revision(7)
            .serializable(true)
            .keys_only(true)
            .count_only(true)
            .build());
  }

  @Test
  void keyPrefixGoesBeforeKeysAndRangeEndsAndANulEndStaysInsideIt() throws Exception {
    answer(range(kv("/ns/a", "1")));
    RangeResult read =
        client(settings().keyPrefix("/ns")).range("/a", RangeOptions.defaults().withRangeEnd("\0"));
    // "/ns" + "/a", and prefixEnd("/ns") = "/nt"
    assertRequest(
        EtcdMethods.RANGE,
        new RangeRequest.Builder().key(utf8("/ns/a")).range_end(utf8("/nt")).build());
    assertEquals("/a", read.kvs().get(0).key());
  }

  @Test
  void aNulRangeEndWithoutPrefixIsTheZeroByte() throws Exception {
    answer(new RangeResponse.Builder().header(HEADER).build());
    client().range("", RangeOptions.defaults().withRangeEnd("\0"));
    assertRequest(
        EtcdMethods.RANGE, new RangeRequest.Builder().range_end(ByteString.of((byte) 0)).build());
  }

  @Test
  void putSendsKeyValueLeaseAndPrevKv() throws Exception {
    answer(new PutResponse.Builder().header(HEADER).build());
    client().put("/a", "ü", PutOptions.defaults().withLease(7587883211541286914L).withPrevKv(true));
    assertRequest(
        EtcdMethods.PUT,
        new PutRequest.Builder()
            .key(utf8("/a"))
            .value(ByteString.of((byte) 0xc3, (byte) 0xbc))
            .lease(7587883211541286914L)
            .prev_kv(true)
            .build());
  }

  @Test
  void deleteRangeSendsRangeEndAndPrevKv() throws Exception {
    answer(new link.etcd.internal.v3.pb.DeleteRangeResponse.Builder().header(HEADER).build());
    client().deleteRange("/a/", DeleteRangeOptions.defaults().withRangeEnd("/a0").withPrevKv(true));
    assertRequest(
        EtcdMethods.DELETE_RANGE,
        new DeleteRangeRequest.Builder()
            .key(utf8("/a/"))
            .range_end(utf8("/a0"))
            .prev_kv(true)
            .build());
  }

  @Test
  void txnSendsCompareSuccessAndFailure() throws Exception {
    answer(new TxnResponse.Builder().header(HEADER).succeeded(true).build());
    client()
        .txn()
        .when(
            Compare.value("/a", Compare.Result.EQUAL, "1"),
            Compare.version("/a", Compare.Result.NOT_EQUAL, 0),
            Compare.createRevision("/a", Compare.Result.LESS, 3),
            Compare.modRevision("/d/", Compare.Result.GREATER, 4).withRangeEnd("/d0"),
            Compare.lease("/a", Compare.Result.EQUAL, 5))
        .then(
            Op.put("/a", "2", PutOptions.defaults().withLease(6)),
            Op.range("/a"),
            Op.deleteRange("/d/", DeleteRangeOptions.defaults().withRangeEnd("/d0")))
        .otherwise(Op.range("/a", RangeOptions.defaults().withKeysOnly(true)))
        .commit();
    PutRequest putA = new PutRequest.Builder().key(utf8("/a")).value(utf8("2")).lease(6).build();
    assertRequest(
        EtcdMethods.TXN,
        new TxnRequest.Builder()
            .compare(
                List.of(
                    new link.etcd.internal.v3.pb.Compare.Builder()
                        .target(CompareTarget.VALUE)
                        .key(utf8("/a"))
                        .value(utf8("1"))
                        .build(),
                    new link.etcd.internal.v3.pb.Compare.Builder()
                        .result(CompareResult.NOT_EQUAL)
                        .key(utf8("/a"))
                        .version(0L)
                        .build(),
                    new link.etcd.internal.v3.pb.Compare.Builder()
                        .result(CompareResult.LESS)
                        .target(CompareTarget.CREATE)
                        .key(utf8("/a"))
                        .create_revision(3L)
                        .build(),
                    new link.etcd.internal.v3.pb.Compare.Builder()
                        .result(CompareResult.GREATER)
                        .target(CompareTarget.MOD)
                        .key(utf8("/d/"))
                        .mod_revision(4L)
                        .range_end(utf8("/d0"))
                        .build(),
                    new link.etcd.internal.v3.pb.Compare.Builder()
                        .target(CompareTarget.LEASE)
                        .key(utf8("/a"))
                        .lease(5L)
                        .build()))
            .success(
                List.of(
                    new RequestOp.Builder().request_put(putA).build(),
                    new RequestOp.Builder()
                        .request_range(new RangeRequest.Builder().key(utf8("/a")).build())
                        .build(),
                    new RequestOp.Builder()
                        .request_delete_range(
                            new DeleteRangeRequest.Builder()
                                .key(utf8("/d/"))
                                .range_end(utf8("/d0"))
                                .build())
                        .build()))
            .failure(
                List.of(
                    new RequestOp.Builder()
                        .request_range(
                            new RangeRequest.Builder().key(utf8("/a")).keys_only(true).build())
                        .build()))
            .build());
    // Decoded, a compare of version 0 has the oneof field present: Wire sent it, as etcd needs.
  }

  @Test
  void leaseClusterAndMaintenanceCallsGoToTheirServices() throws Exception {
    answer(new link.etcd.internal.v3.pb.LeaseGrantResponse.Builder().ID(7).TTL(10).build());
    assertEquals(new EtcdV3Client.Lease(7, 10), client().grant(10));
    assertRequest(EtcdMethods.LEASE_GRANT, new LeaseGrantRequest.Builder().TTL(10).build());
    answer(new link.etcd.internal.v3.pb.LeaseRevokeResponse.Builder().header(HEADER).build());
    client().revoke(7);
    assertRequest(EtcdMethods.LEASE_REVOKE, new LeaseRevokeRequest.Builder().ID(7).build());
    answer(new LeaseKeepAliveResponse.Builder().ID(7).build());
    assertTrue(client().keepAliveOnce(7).expired());
    assertRequest(EtcdMethods.LEASE_KEEP_ALIVE, new LeaseKeepAliveRequest.Builder().ID(7).build());
    answer(new link.etcd.internal.v3.pb.CompactionResponse.Builder().header(HEADER).build());
    assertEquals(9, client().compact(5, true));
    assertRequest(
        EtcdMethods.COMPACT, new CompactionRequest.Builder().revision(5).physical(true).build());
    answer(new link.etcd.internal.v3.pb.MemberListResponse.Builder().header(HEADER).build());
    assertEquals(List.of(), client().members());
    assertRequest(EtcdMethods.MEMBER_LIST, new MemberListRequest(false));
  }

  @Test
  void leasesIsOneEmptyLeaseLeasesRequestAndReadsTheIds() throws Exception {
    answer(
        new LeaseLeasesResponse.Builder()
            .header(HEADER)
            .leases(
                List.of(
                    new LeaseStatus.Builder().ID(7).build(),
                    new LeaseStatus.Builder().ID(0x694d7a1b2c3d4e5fL).build()))
            .build());
    assertEquals(List.of(7L, 0x694d7a1b2c3d4e5fL), client().leases());
    assertRequest(EtcdMethods.LEASE_LEASES, new LeaseLeasesRequest());
  }

  @Test
  void asyncFormsSendTheSameRequests() throws Exception {
    answer(new PutResponse.Builder().header(HEADER).build());
    assertEquals(9, client().putAsync("/a", "1", PutOptions.defaults()).get().revision());
    assertRequest(
        EtcdMethods.PUT, new PutRequest.Builder().key(utf8("/a")).value(utf8("1")).build());
  }

  @Test
  void aKeyWithAnUnpairedSurrogateIsRefusedBeforeAnyRequest() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> client().put("/a\uD800", "x"));
    assertEquals(
        "The key '/a\\ud800' has an unpaired surrogate at index 2, which has no UTF-8 form",
        e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  // ---- answers

  @Test
  void uint64IdsPastLongReadInHexadecimal() throws Exception {
    answer(
        new StatusResponse.Builder()
            .header(HEADER)
            .version("3.4.23")
            .leader(Long.parseUnsignedLong("13668033151171901709"))
            .build());
    Status status = client().status();
    assertEquals("d1cfaf999eb97a2a", status.clusterId());
    assertEquals("bdae9bbc11dd390d", status.memberId());
    assertEquals("bdae9bbc11dd390d", status.leader());
    assertEquals(9, status.revision());
  }

  @Test
  void txnAnswersKeepTheOrderAndKindOfEachOperation() throws Exception {
    answer(
        new TxnResponse.Builder()
            .header(HEADER)
            .succeeded(true)
            .responses(
                List.of(
                    new ResponseOp.Builder()
                        .response_put(new PutResponse.Builder().header(HEADER).build())
                        .build(),
                    new ResponseOp.Builder().response_range(range(kv("/a", "1"))).build()))
            .build());
    TxnResult result = client().txn().then(Op.put("/a", "1"), Op.range("/a")).commit();
    assertTrue(result.succeeded());
    assertInstanceOf(EtcdV3Client.PutResult.class, result.results().get(0));
    assertEquals("1", ((RangeResult) result.results().get(1)).kvs().get(0).value());
  }

  // ---- errors

  @Test
  void aStatusInTheTrailersBecomesTheExceptionOfItsCode() {
    server.enqueue(
        grpc()
            .addHeader("grpc-status", "5")
            .addHeader("grpc-message", "etcdserver: requested lease not found")
            .build());
    EtcdKeyNotFoundException e =
        assertThrows(EtcdKeyNotFoundException.class, () -> client().revoke(7));
    assertEquals(
        "etcdserver: requested lease not found (gRPC code 5, POST"
            + " /etcdserverpb.Lease/LeaseRevoke)",
        e.getMessage());
    assertEquals(5, e.serverCode());
  }

  @Test
  void anErrorAfterTheAnswerIsTheCallsOutcome() {
    Buffer body = frame(EtcdMethods.PUT.answer(), new PutResponse.Builder().header(HEADER).build());
    server.enqueue(
        grpc()
            .body(body)
            .trailers(Headers.of("grpc-status", "14", "grpc-message", "etcdserver: leader changed"))
            .build());
    EtcdException e = assertThrows(EtcdException.class, () -> client().put("/a", "1"));
    assertEquals(EtcdError.UNAVAILABLE, e.error());
  }

  @Test
  void anAnswerThatIsNotGrpcSaysItIsNotEtcds() {
    server.enqueue(
        new MockResponse.Builder()
            .code(404)
            .addHeader("content-type", "text/plain; charset=utf-8")
            .body("404 page not found")
            .build());
    server.enqueue(new MockResponse.Builder().code(404).body("no").build());
    EtcdException e = assertThrows(EtcdException.class, () -> client().range("/a"));
    assertEquals(EtcdError.UNKNOWN, e.error());
    assertEquals(
        "The answer of the server at http://"
            + server.getHostName()
            + ":"
            + server.getPort()
            + " is not etcd's: POST /etcdserverpb.KV/Range at http://"
            + server.getHostName()
            + ":"
            + server.getPort()
            + " answered h2_prior_knowledge 404 (text/plain; charset=utf-8): 404 page not found,"
            + " not gRPC; check that host and port name the client URL of an etcd member (etcd 3.4"
            + " or later), or set api = v2 for an etcd older than 3.4",
        e.getMessage());
  }

  // ---- auth

  @Test
  void authenticatesOnceThenSendsTheTokenMetadata() throws Exception {
    answer(new AuthenticateResponse.Builder().token("tok.1").build());
    answer(new RangeResponse.Builder().header(HEADER).build());
    answer(new RangeResponse.Builder().header(HEADER).build());
    EtcdV3Client auth = client(settings().username("ann").password("s3cret"));
    auth.range("/a");
    auth.range("/b");
    RecordedRequest authenticate = server.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("POST /etcdserverpb.Auth/Authenticate HTTP/2", authenticate.getRequestLine());
    AuthenticateRequest sent = decode(authenticate, EtcdMethods.AUTHENTICATE.request());
    assertEquals("ann", sent.name);
    assertEquals("s3cret", sent.password);
    assertEquals("tok.1", server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("token"));
    assertEquals("tok.1", server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("token"));
    assertFalse(auth.toString().contains("s3cret"), auth.toString());
  }

  @Test
  void anInvalidTokenIsRenewedOnceAndTheCallSentAgain() throws Exception {
    answer(new AuthenticateResponse.Builder().token("tok.1").build());
    server.enqueue(
        grpc()
            .addHeader("grpc-status", "16")
            .addHeader("grpc-message", "etcdserver: invalid auth token")
            .build());
    answer(new AuthenticateResponse.Builder().token("tok.2").build());
    answer(range(kv("/a", "1")));
    EtcdV3Client auth = client(settings().username("ann").password("s3cret"));
    assertEquals("1", auth.range("/a").kvs().get(0).value());
    server.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("tok.1", server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("token"));
    server.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("tok.2", server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("token"));
  }

  @Test
  void aRefusedAuthenticationSaysSoWithoutThePassword() {
    server.enqueue(
        grpc()
            .addHeader("grpc-status", "3")
            .addHeader(
                "grpc-message", "etcdserver: authentication failed, invalid user ID or password")
            .build());
    EtcdV3Client auth = client(settings().username("ann").password("s3cret"));
    EtcdException e = assertThrows(EtcdException.class, () -> auth.range("/a"));
    assertEquals(EtcdError.UNAUTHORIZED, e.error());
    assertEquals(
        "etcd refused to authenticate at http://"
            + server.getHostName()
            + ":"
            + server.getPort()
            + " (POST /etcdserverpb.Auth/Authenticate): etcdserver: authentication failed, invalid"
            + " user ID or password (gRPC code 3); check the username and password",
        e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  // ---- prefixEnd

  @Test
  void prefixEndIncrementsTheLastCharacter() {
    assertEquals("/a0", EtcdV3Client.prefixEnd("/a/"));
    assertEquals("\0", EtcdV3Client.prefixEnd(""));
    assertEquals("\0", EtcdV3Client.prefixEnd("\uDBFF\uDFFF"));
    assertEquals("b", EtcdV3Client.prefixEnd("a\uDBFF\uDFFF"));
    assertEquals("\uE000", EtcdV3Client.prefixEnd("\uD7FF"));
    assertEquals("/\u0100", EtcdV3Client.prefixEnd("/\u00FF"));
    assertEquals("/é", EtcdV3Client.prefixEnd("/è"));
    assertEquals("\uD83D\uDE01", EtcdV3Client.prefixEnd("\uD83D\uDE00"));
  }

  @Test
  void aNulRangeEndUnderAPrefixFollowsEtcdsByteRule() {
    assertEquals("0180", new KeyBytes("\u0001\u007f").rangeEnd("\0").hex());
    assertEquals("c3c0", new KeyBytes("\u00ff").rangeEnd("\0").hex());
    assertEquals("00", new KeyBytes("").rangeEnd("\0").hex());
  }

  // ---- plumbing

  private static KeyValue kv(String key, String value) {
    return new KeyValue.Builder()
        .key(ByteString.encodeUtf8(key))
        .value(ByteString.encodeUtf8(value))
        .create_revision(2)
        .mod_revision(9)
        .version(1)
        .build();
  }

  private static RangeResponse range(KeyValue... kvs) {
    return new RangeResponse.Builder().header(HEADER).kvs(List.of(kvs)).count(kvs.length).build();
  }

  private static MockResponse.Builder grpc() {
    return new MockResponse.Builder().addHeader("content-type", "application/grpc");
  }

  private static <M> Buffer frame(ProtoAdapter<M> adapter, M message) {
    return GrpcFrames.frame(adapter, message);
  }

  @SuppressWarnings("unchecked")
  private <M> void answer(M message) {
    ProtoAdapter<M> adapter = (ProtoAdapter<M>) ProtoAdapter.get(message.getClass());
    server.enqueue(
        grpc().body(frame(adapter, message)).trailers(Headers.of("grpc-status", "0")).build());
  }

  private static <M> M decode(RecordedRequest request, ProtoAdapter<M> adapter) throws Exception {
    Buffer body = new Buffer().write(request.getBody());
    M message = GrpcFrames.read(body, adapter);
    assertTrue(body.exhausted(), "one message");
    return message;
  }

  private static <Q> Q message(RecordedRequest request, GrpcMethod<Q, ?> method) throws Exception {
    return decode(request, method.request());
  }

  private static ByteString utf8(String text) {
    return ByteString.encodeUtf8(text);
  }

  private <Q> void assertRequest(GrpcMethod<Q, ?> method, Q message) throws Exception {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("POST " + method.path() + " HTTP/2", request.getRequestLine());
    assertEquals(message, message(request, method));
  }

  private EtcdSettings.Builder settings() {
    return EtcdSettings.builder()
        .api(EtcdSettings.Api.V3)
        .host(server.getHostName())
        .port(server.getPort());
  }

  private EtcdV3Client client() {
    if (client == null) {
      client = new EtcdV3Client(settings().build());
    }
    return client;
  }

  private EtcdV3Client client(EtcdSettings.Builder settings) {
    client = new EtcdV3Client(settings.build());
    return client;
  }
}
