package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import link.etcd.EtcdV3Client.Compare;
import link.etcd.EtcdV3Client.Op;
import link.etcd.EtcdV3Client.PutOptions;
import link.etcd.EtcdV3Client.RangeOptions;
import link.etcd.EtcdV3Client.TxnResult;
import link.etcd.internal.v3.V3RetryRule;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The v3 side of failover: members and the cluster id from {@code POST /v3/cluster/member/list}
 * (never {@code /v2/members}), and the v3 rows of the retry table.
 */
final class V3FailoverTest {
  /** 0xcdf818194e3a8c32, as the gateway writes it. */
  private static final String CLUSTER = "14841639068965178418";

  private static final String OK = "{\"header\":{\"cluster_id\":\"" + CLUSTER + "\"}}";

  @StartStop private final MockWebServer a = new MockWebServer();
  @StartStop private final MockWebServer b = new MockWebServer();

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
        json(
            "{\"header\":{\"cluster_id\":\""
                + CLUSTER
                + "\"},\"members\":[{\"ID\":\"10501334649042878790\",\"name\":\"a\",\"clientURLs\":[\""
                + endpoint(a)
                + "\"]},{\"ID\":\"17472585562463330390\",\"name\":\"b\",\"clientURLs\":[\""
                + endpoint(b)
                + "\"]},{\"ID\":\"1\",\"name\":\"learner\",\"isLearner\":true,"
                + "\"clientURLs\":[\"http://127.0.0.1:1\"]}]}"));
    a.enqueue(json(OK));
    b.enqueue(json(OK));
    b.enqueue(json(OK));
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
    assertEquals("POST /v3/cluster/member/list", line(members));
    assertEquals("{}", members.getBody().utf8());
    assertEquals("POST /v3/kv/range", line(a.takeRequest()));
    a.close();
    client.range("/a");
    assertEquals("POST /v3/cluster/member/list", line(b.takeRequest()));
    assertEquals("POST /v3/kv/range", line(b.takeRequest()));
  }

  @Test
  void noCallIsSentToAnEndpointOfAnotherClusterAndBothIdFormsCompareEqual() throws Exception {
    b.enqueue(json("{\"header\":{\"cluster_id\":\"1000\"},\"members\":[]}"));
    a.enqueue(json("{\"header\":{\"cluster_id\":\"" + CLUSTER + "\"},\"members\":[]}"));
    a.enqueue(json(OK));
    client = client(settings(b, a).expectedClusterId("0xCDF818194E3A8C32"));
    EtcdClusterIdChangedException e =
        assertThrows(EtcdClusterIdChangedException.class, () -> client.range("/a"));
    assertEquals(
        "etcd at "
            + endpoint(b)
            + " belongs to cluster 3e8, not cdf818194e3a8c32 (expected_cluster_id); POST"
            + " /v3/kv/range was not sent. That endpoint is no longer used; check that every endpoint"
            + " is a member of cluster cdf818194e3a8c32",
        e.getMessage());
    assertEquals("cdf818194e3a8c32", e.expectedClusterId());
    assertEquals("3e8", e.actualClusterId());
    assertEquals("POST /v3/cluster/member/list", line(b.takeRequest()));
    client.put("/a", "1");
    assertEquals("POST /v3/cluster/member/list", line(a.takeRequest()));
    assertEquals("POST /v3/kv/put", line(a.takeRequest()));
    assertEquals(1, b.getRequestCount());
  }

  @Test
  void aDecimalExpectedClusterIdMatchesTheHexHeaderOfV2() throws Exception {
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
    assertEquals("GET /v2/members", line(a.takeRequest()));
  }

  @Test
  void aRefusedV3MemberListVerifiesNothingAndMovesTheCallOn() throws Exception {
    a.enqueue(
        new MockResponse.Builder()
            .code(503)
            .body("{\"code\":14,\"message\":\"etcdserver: no leader\"}")
            .build());
    b.enqueue(members());
    b.enqueue(json(OK));
    client(settings(a, b)).put("/a", "1");
    assertEquals("POST /v3/cluster/member/list", line(a.takeRequest()));
    assertEquals(1, a.getRequestCount());
    assertEquals("POST /v3/cluster/member/list", line(b.takeRequest()));
    assertEquals("POST /v3/kv/put", line(b.takeRequest()));
  }

  // ---- the retry table

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"range", "put", "txn of ranges", "member list"})
  void aRepeatableCallWhoseAnswerWasLostMovesToTheNextEndpoint(String kind) throws Exception {
    a.enqueue(members());
    a.enqueue(cut());
    b.enqueue(members());
    b.enqueue(json(OK));
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
    assertEquals(first.getBody().utf8(), again.getBody().utf8());
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
    b.enqueue(json(OK));
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
    assertEquals("POST /v3/cluster/member/list", line(a.takeRequest()));
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
  void aTxnGuardedByModRevisionIsSentOnceMoreAndItsSuccessIsConclusive() throws Exception {
    a.enqueue(members());
    a.enqueue(cut());
    b.enqueue(members());
    b.enqueue(json("{\"header\":{\"revision\":\"8\"},\"succeeded\":true}"));
    TxnResult result = guardedTxn(client(settings(a, b))).commit();
    assertTrue(result.succeeded());
    assertEquals(8, result.revision());
    a.takeRequest();
    String first = a.takeRequest().getBody().utf8();
    assertEquals("POST /v3/cluster/member/list", line(b.takeRequest()));
    assertEquals(first, b.takeRequest().getBody().utf8());
    assertEquals(
        "{\"compare\":[{\"key\":\"L2E=\",\"mod_revision\":\"7\",\"result\":\"EQUAL\","
            + "\"target\":\"MOD\"}],\"success\":[{\"request_put\":{\"key\":\"L2E=\","
            + "\"value\":\"Mg==\"}}]}",
        first);
  }

  @Test
  void aGuardedTxnWhoseSecondSendFailsItsComparesIsIndeterminate() {
    a.enqueue(members());
    a.enqueue(cut());
    b.enqueue(members());
    b.enqueue(json("{\"header\":{\"revision\":\"9\"},\"succeeded\":false}"));
    EtcdIndeterminateException e =
        assertThrows(
            EtcdIndeterminateException.class, () -> guardedTxn(client(settings(a, b))).commit());
    assertEquals(
        "The outcome of POST /v3/kv/txn is unknown: it reached etcd at "
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
    b.enqueue(json("{\"header\":{\"revision\":\"9\"},\"succeeded\":false}"));
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

  private static MockResponse json(String body) {
    return new MockResponse.Builder()
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  private static MockResponse members() {
    return json("{\"header\":{\"cluster_id\":\"" + CLUSTER + "\"},\"members\":[]}");
  }

  private static MockResponse cut() {
    return new MockResponse.Builder()
        .body(OK)
        .onResponseStart(new SocketEffect.CloseSocket())
        .build();
  }
}
