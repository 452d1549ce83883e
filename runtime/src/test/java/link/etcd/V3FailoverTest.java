package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import link.etcd.EtcdV3Types.Compare;
import link.etcd.EtcdV3Types.Op;
import link.etcd.EtcdV3Types.PutOptions;
import link.etcd.EtcdV3Types.RangeOptions;
import link.etcd.EtcdV3Types.TxnResult;
import link.etcd.internal.v3.V3RetryRule;
import link.etcd.internal.v3.pb.LeaseGrantResponse;
import link.etcd.internal.v3.pb.Member;
import link.etcd.internal.v3.pb.MemberListResponse;
import link.etcd.internal.v3.pb.PutRequest;
import link.etcd.internal.v3.pb.RequestOp;
import link.etcd.internal.v3.pb.ResponseHeader;
import link.etcd.internal.v3.pb.TxnRequest;
import link.etcd.internal.v3.pb.TxnResponse;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.internal.http2.ErrorCode;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The v3 side of failover: members and the cluster id from gRPC's {@code Cluster/MemberList} (never
 * {@code /v2/members}), and the v3 rows of the retry table.
 */
final class V3FailoverTest {
  /** 0xcdf818194e3a8c32, as the gateway writes it. */
  private static final String CLUSTER = "14841639068965178418";

  @StartStop private final MockWebServer a = GrpcAnswers.h2c();
  @StartStop private final MockWebServer b = GrpcAnswers.h2c();

  private EtcdV3Client client;

  @AfterEach
  void closeClient() {
    if (client != null) {
      client.close();
    }
  }

  // ---- members and cluster id

  @Test
  void membersAreLearnedFromTheV3MemberListAndUsedWhenTheSeedIsGone() throws Exception {
    a.enqueue(
        GrpcAnswers.answer(
            new MemberListResponse.Builder()
                .header(GrpcAnswers.header(CLUSTER))
                .members(
                    List.of(
                        new Member.Builder()
                            .ID(Long.parseUnsignedLong("10501334649042878790"))
                            .name("a")
                            .clientURLs(List.of(endpoint(a)))
                            .build(),
                        new Member.Builder()
                            .ID(Long.parseUnsignedLong("17472585562463330390"))
                            .name("b")
                            .clientURLs(List.of(endpoint(b)))
                            .build(),
                        new Member.Builder()
                            .ID(1)
                            .name("learner")
                            .isLearner(true)
                            .clientURLs(List.of("http://127.0.0.1:1"))
                            .build()))
                .build()));
    a.enqueue(GrpcAnswers.ok(CLUSTER));
    b.enqueue(GrpcAnswers.ok(CLUSTER));
    b.enqueue(GrpcAnswers.ok(CLUSTER));
    client =
        new EtcdV3Client(
            EtcdSettings.builder()
                .api(EtcdSettings.Api.V3)
                .host(a.getHostName())
                .port(a.getPort())
                .allowReconnect(true)
                .build());
    client.range("/a");
    RecordedRequest members = a.takeRequest();
    assertEquals("POST /etcdserverpb.Cluster/MemberList", line(members));
    assertEquals("0000000000", members.getBody().hex());
    assertEquals("POST /etcdserverpb.KV/Range", line(a.takeRequest()));
    a.close();
    client.range("/a");
    assertEquals("POST /etcdserverpb.Cluster/MemberList", line(b.takeRequest()));
    assertEquals("POST /etcdserverpb.KV/Range", line(b.takeRequest()));
  }

  @Test
  void noCallIsSentToAnEndpointOfAnotherClusterAndBothIdFormsCompareEqual() throws Exception {
    b.enqueue(GrpcAnswers.ok("1000"));
    a.enqueue(GrpcAnswers.ok(CLUSTER));
    a.enqueue(GrpcAnswers.ok(CLUSTER));
    client = client(settings(b, a).expectedClusterId("0xCDF818194E3A8C32"));
    EtcdClusterIdChangedException e =
        assertThrows(EtcdClusterIdChangedException.class, () -> client.range("/a"));
    assertEquals(
        "etcd at "
            + endpoint(b)
            + " belongs to cluster 3e8, not cdf818194e3a8c32 (expected_cluster_id); POST"
            + " /etcdserverpb.KV/Range was not sent. That endpoint is no longer used; check that every endpoint"
            + " is a member of cluster cdf818194e3a8c32",
        e.getMessage());
    assertEquals("cdf818194e3a8c32", e.expectedClusterId());
    assertEquals("3e8", e.actualClusterId());
    assertEquals("POST /etcdserverpb.Cluster/MemberList", line(b.takeRequest()));
    client.put("/a", "1");
    assertEquals("POST /etcdserverpb.Cluster/MemberList", line(a.takeRequest()));
    assertEquals("POST /etcdserverpb.KV/Put", line(a.takeRequest()));
    assertEquals(1, b.getRequestCount());
  }

  @Test
  void aDecimalExpectedClusterIdMatchesTheHexHeaderOfV2() throws Exception {
    try (MockWebServer a = new MockWebServer()) {
      a.start();
      v2WithDecimalId(a);
      assertEquals("GET /v2/members", line(a.takeRequest()));
    }
  }

  private static void v2WithDecimalId(MockWebServer a) {
    a.enqueue(
        new MockResponse.Builder()
            .addHeader("X-Etcd-Cluster-Id", "cdf818194e3a8c32")
            .body("{\"members\":[]}")
            .build());
    a.enqueue(
        new MockResponse.Builder()
            .addHeader("X-Etcd-Cluster-Id", "cdf818194e3a8c32")
            .body(
                "{\"action\":\"set\",\"node\":{\"key\":\"/a\",\"value\":\"1\",\"modifiedIndex\":5}}")
            .build());
    try (EtcdClient v2 =
        new EtcdClient(
            EtcdSettings.builder()
                .host(a.getHostName())
                .port(a.getPort())
                .expectedClusterId(CLUSTER)
                .build())) {
      assertEquals("1", v2.write("/a", "1").node().value());
    }
  }

  @Test
  void aRefusedV3MemberListVerifiesNothingAndMovesTheCallOn() throws Exception {
    a.enqueue(GrpcAnswers.status(14, "etcdserver: no leader"));
    b.enqueue(members());
    b.enqueue(GrpcAnswers.ok(CLUSTER));
    client(settings(a, b)).put("/a", "1");
    assertEquals("POST /etcdserverpb.Cluster/MemberList", line(a.takeRequest()));
    assertEquals(1, a.getRequestCount());
    assertEquals("POST /etcdserverpb.Cluster/MemberList", line(b.takeRequest()));
    assertEquals("POST /etcdserverpb.KV/Put", line(b.takeRequest()));
  }

  // ---- the retry table

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"range", "put", "txn of ranges", "member list"})
  void aRepeatableCallWhoseAnswerWasLostMovesToTheNextEndpoint(String kind) throws Exception {
    a.enqueue(members());
    a.enqueue(cut());
    b.enqueue(members());
    b.enqueue(GrpcAnswers.ok(CLUSTER));
    EtcdV3Client client = client(settings(a, b));
    switch (kind) {
      case "range" -> client.range("/a");
      case "put" -> client.put("/a", "1");
      case "txn of ranges" ->
          client
              .txn()
              .when(Compare.value("/a", Compare.Result.EQUAL, "1"))
              .then(Op.range("/a"))
              .otherwise(Op.range("/b"))
              .commit();
      default -> client.members();
    }
    a.takeRequest();
    RecordedRequest first = a.takeRequest();
    b.takeRequest();
    RecordedRequest again = b.takeRequest();
    assertEquals(line(first), line(again));
    assertEquals(first.getBody(), again.getBody());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "put with prev_kv",
        "deleteRange",
        "txn without compares",
        "txn guarded by create_revision == 0",
        "lease grant"
      })
  void aCallThatIsNotRepeatableIsSentOnceAndIndeterminate(String kind) throws Exception {
    a.enqueue(members());
    a.enqueue(cut());
    b.enqueue(members());
    b.enqueue(GrpcAnswers.ok(CLUSTER));
    EtcdV3Client client = client(settings(a, b));
    Consumer<EtcdV3Client> call =
        switch (kind) {
          case "put with prev_kv" -> c -> c.put("/a", "1", PutOptions.defaults().withPrevKv(true));
          case "deleteRange" -> c -> c.deleteRange("/a");
          case "txn without compares" -> c -> c.txn().then(Op.put("/a", "1")).commit();
          case "txn guarded by create_revision == 0" ->
              c ->
                  c.txn()
                      .when(Compare.createRevision("/a", Compare.Result.EQUAL, 0))
                      .then(Op.put("/a", "1"))
                      .commit();
          default -> c -> c.grant(60);
        };
    EtcdIndeterminateException e =
        assertThrows(EtcdIndeterminateException.class, () -> call.accept(client));
    assertEquals(endpoint(a), e.endpoint());
    assertEquals("POST /etcdserverpb.Cluster/MemberList", line(a.takeRequest()));
    String sent = line(a.takeRequest());
    assertEquals(2, a.getRequestCount());
    assertEquals(0, b.getRequestCount());
    System.out.println(
        "[failover] v3: lost answer to "
            + kind
            + ": "
            + sent
            + " sent once, caller got "
            + e.getClass().getSimpleName());
  }

  @Test
  void aWriteRefusedUnprocessedByHttp2MovesToTheNextEndpoint() throws Exception {
    a.enqueue(members());
    a.enqueue(
        new MockResponse.Builder()
            .onRequestStart(new SocketEffect.CloseStream(ErrorCode.REFUSED_STREAM.getHttpCode()))
            .build());
    b.enqueue(members());
    b.enqueue(GrpcAnswers.answer(new LeaseGrantResponse.Builder().ID(7).TTL(60).build()));
    // A lease grant is never sent twice; REFUSED_STREAM (as after a GOAWAY) says etcd did not
    // process it, so it goes on.
    assertEquals(new EtcdV3Client.Lease(7, 60), client(settings(a, b)).grant(60));
    assertEquals("POST /etcdserverpb.Cluster/MemberList", line(b.takeRequest()));
    assertEquals("POST /etcdserverpb.Lease/LeaseGrant", line(b.takeRequest()));
  }

  @Test
  void unavailableMovesARepeatableCallToTheNextEndpoint() throws Exception {
    a.enqueue(members());
    a.enqueue(GrpcAnswers.status(14, "etcdserver: leader changed"));
    b.enqueue(members());
    b.enqueue(GrpcAnswers.ok(CLUSTER));
    client(settings(a, b)).range("/a");
    assertEquals(2, a.getRequestCount());
    assertEquals(2, b.getRequestCount());
  }

  @Test
  void unavailableIsTheOutcomeOfACallThatIsNotRepeatable() {
    a.enqueue(members());
    a.enqueue(GrpcAnswers.status(14, "etcdserver: leader changed"));
    EtcdException e = assertThrows(EtcdException.class, () -> client(settings(a, b)).grant(60));
    assertEquals(EtcdError.UNAVAILABLE, e.error());
    assertEquals(0, b.getRequestCount());
  }

  @Test
  void aTxnGuardedByModRevisionIsSentOnceMoreAndItsSuccessIsConclusive() throws Exception {
    a.enqueue(members());
    a.enqueue(cut());
    b.enqueue(members());
    b.enqueue(
        GrpcAnswers.answer(
            new TxnResponse.Builder()
                .header(new ResponseHeader.Builder().revision(8).build())
                .succeeded(true)
                .build()));
    TxnResult result = guardedTxn(client(settings(a, b))).commit();
    assertTrue(result.succeeded());
    assertEquals(8, result.revision());
    a.takeRequest();
    RecordedRequest first = a.takeRequest();
    assertEquals("POST /etcdserverpb.Cluster/MemberList", line(b.takeRequest()));
    assertEquals(first.getBody(), b.takeRequest().getBody());
    assertEquals(
        new TxnRequest.Builder()
            .compare(
                List.of(
                    new link.etcd.internal.v3.pb.Compare.Builder()
                        .target(link.etcd.internal.v3.pb.Compare.CompareTarget.MOD)
                        .key(ByteString.encodeUtf8("/a"))
                        .mod_revision(7L)
                        .build()))
            .success(
                List.of(
                    new RequestOp.Builder()
                        .request_put(
                            new PutRequest.Builder()
                                .key(ByteString.encodeUtf8("/a"))
                                .value(ByteString.encodeUtf8("2"))
                                .build())
                        .build()))
            .build(),
        GrpcAnswers.message(first, TxnRequest.ADAPTER));
  }

  @Test
  void aGuardedTxnWhoseSecondSendFailsItsComparesIsIndeterminate() {
    a.enqueue(members());
    a.enqueue(cut());
    b.enqueue(members());
    b.enqueue(
        GrpcAnswers.answer(
            new TxnResponse.Builder()
                .header(new ResponseHeader.Builder().revision(9).build())
                .build()));
    EtcdIndeterminateException e =
        assertThrows(
            EtcdIndeterminateException.class, () -> guardedTxn(client(settings(a, b))).commit());
    assertEquals(
        "The outcome of POST /etcdserverpb.KV/Txn is unknown: it reached etcd at "
            + endpoint(a)
            + ", but the connection failed before the answer arrived. Sent once more (its"
            + " mod_revision compares let it apply at most once), its compares failed, which the"
            + " first send may have caused; read the keys to find out whether it was applied",
        e.getMessage());
    assertEquals(2, b.getRequestCount());
  }

  @Test
  void anAsynchronousGuardedTxnIsSentOnceMoreToo() throws Exception {
    a.enqueue(members());
    a.enqueue(cut());
    b.enqueue(members());
    b.enqueue(
        GrpcAnswers.answer(
            new TxnResponse.Builder()
                .header(new ResponseHeader.Builder().revision(9).build())
                .build()));
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> guardedTxn(client(settings(a, b))).commitAsync().get(10, TimeUnit.SECONDS));
    assertEquals(EtcdIndeterminateException.class, e.getCause().getClass());
    assertEquals(2, b.getRequestCount());
  }

  @Test
  void withoutAllowReconnectAGuardedTxnIsNotSentAgain() {
    a.enqueue(cut());
    client =
        new EtcdV3Client(
            EtcdSettings.builder()
                .api(EtcdSettings.Api.V3)
                .host(a.getHostName())
                .port(a.getPort())
                .build());
    assertThrows(EtcdIndeterminateException.class, () -> guardedTxn(client).commit());
    assertEquals(1, a.getRequestCount());
  }

  @Test
  void theGuardRuleCountsOnlyModRevisionEqualityOnEveryWrittenKey() {
    Compare modA = Compare.modRevision("/a", Compare.Result.EQUAL, 7);
    Compare modB = Compare.modRevision("/b", Compare.Result.EQUAL, 3);
    List<Op> putA = List.of(Op.put("/a", "1"));
    assertTrue(V3RetryRule.guarded(List.of(modA), putA, List.of()));
    assertTrue(V3RetryRule.guarded(List.of(modA), List.of(Op.deleteRange("/a")), List.of()));
    assertTrue(
        V3RetryRule.guarded(List.of(modA), putA, List.of(Op.range("/a", RangeOptions.defaults()))));
    assertTrue(
        V3RetryRule.guarded(
            List.of(modA, modB), List.of(Op.put("/a", "1"), Op.put("/b", "2")), List.of()));
    assertEquals(
        List.of(false, false, false, false, false, false, false),
        List.of(
            V3RetryRule.guarded(
                List.of(modA), List.of(Op.put("/a", "1"), Op.put("/b", "2")), List.of()),
            V3RetryRule.guarded(
                List.of(Compare.modRevision("/a", Compare.Result.EQUAL, 0)), putA, List.of()),
            V3RetryRule.guarded(
                List.of(Compare.modRevision("/a", Compare.Result.LESS, 8)), putA, List.of()),
            V3RetryRule.guarded(
                List.of(Compare.createRevision("/a", Compare.Result.EQUAL, 0)), putA, List.of()),
            V3RetryRule.guarded(
                List.of(Compare.version("/a", Compare.Result.EQUAL, 2)), putA, List.of()),
            V3RetryRule.guarded(List.of(modA), putA, List.of(Op.put("/c", "1"))),
            V3RetryRule.guarded(List.of(modA.withRangeEnd("/b")), putA, List.of())));
  }

  // ---- plumbing

  private static EtcdV3Client.Txn guardedTxn(EtcdV3Client client) {
    return client
        .txn()
        .when(Compare.modRevision("/a", Compare.Result.EQUAL, 7))
        .then(Op.put("/a", "2"));
  }

  private EtcdV3Client client(EtcdSettings.Builder settings) {
    client = new EtcdV3Client(settings.build());
    return client;
  }

  private static EtcdSettings.Builder settings(MockWebServer... servers) {
    return EtcdSettings.builder()
        .api(EtcdSettings.Api.V3)
        .endpoints(
            java.util.Arrays.stream(servers)
                .map(server -> server.getHostName() + ":" + server.getPort())
                .toList())
        .allowReconnect(true)
        .useProxies(true);
  }

  private static String endpoint(MockWebServer server) {
    return "http://" + server.getHostName() + ":" + server.getPort();
  }

  private static String line(RecordedRequest request) {
    return request.getMethod() + " " + request.getUrl().encodedPath();
  }

  private static MockResponse members() {
    return GrpcAnswers.ok(CLUSTER);
  }

  private static MockResponse cut() {
    return new MockResponse.Builder()
        .addHeader("content-type", "application/grpc")
        .onResponseStart(new SocketEffect.CloseSocket())
        .build();
  }
}
