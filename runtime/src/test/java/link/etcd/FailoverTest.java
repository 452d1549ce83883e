package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import link.etcd.middleware.EtcdMiddleware;
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
 * Which requests move to the next endpoint, which fail as indeterminate, and the cluster-id checks.
 */
final class FailoverTest {
  private static final String NODE =
      "{\"action\":\"set\",\"node\":{\"key\":\"/a\",\"value\":\"1\","
          + "\"modifiedIndex\":5,\"createdIndex\":5}}";

  @StartStop private final MockWebServer a = new MockWebServer();
  @StartStop private final MockWebServer b = new MockWebServer();

  private EtcdClient client;

  @AfterEach
  void closeClient() {
    if (client != null) {
      client.close();
    }
  }

  @Test
  void aGetIsRetriedOnTheNextEndpointAfterAReset() throws Exception {
    a.enqueue(cut());
    b.enqueue(ok("c1"));
    assertEquals("1", client(a, b).read("/a").node().value());
    assertEquals(1, a.getRequestCount());
    assertEquals("GET /v2/keys/a", line(b.takeRequest()));
  }

  @Test
  void aGetIsRetriedOnTheNextEndpointAfterAnHttp5xx() throws Exception {
    a.enqueue(
        new MockResponse.Builder()
            .code(500)
            .body(
                "{\"errorCode\":300,\"message\":\"Raft Internal Error\","
                    + "\"cause\":\"etcdserver: request timed out\",\"index\":0}")
            .build());
    b.enqueue(ok("c1"));
    assertEquals("1", client(a, b).read("/a").node().value());
    assertEquals("GET /v2/keys/a", line(b.takeRequest()));
  }

  @Test
  void anUnhealthyAnswerIsNotRetried() {
    a.enqueue(new MockResponse.Builder().code(503).body("{\"health\":\"false\"}").build());
    b.enqueue(new MockResponse.Builder().body("{\"health\":\"true\"}").build());
    assertFalse(client(a, b).health());
    assertEquals(0, b.getRequestCount());
  }

  @Test
  void aPlainPutIsRetriedOnTheNextEndpointAfterItsAnswerWasLost() throws Exception {
    a.enqueue(members("c1"));
    a.enqueue(cut());
    b.enqueue(members("c1"));
    b.enqueue(ok("c1"));
    assertEquals("1", client(a, b).write("/a", "1").node().value());
    assertEquals("GET /v2/members", line(a.takeRequest()));
    assertEquals("PUT /v2/keys/a", line(a.takeRequest()));
    assertEquals("GET /v2/members", line(b.takeRequest()));
    assertEquals("PUT /v2/keys/a", line(b.takeRequest()));
  }

  @Test
  void aPutWithPrevIndexIsRetried() throws Exception {
    a.enqueue(members("c1"));
    a.enqueue(cut());
    b.enqueue(members("c1"));
    b.enqueue(ok("c1"));
    client(a, b).compareAndSwap("/a", "1", 4);
    b.takeRequest();
    assertEquals("value=1&prevIndex=4", b.takeRequest().getBody().utf8());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"POST", "create-only PUT", "prevValue PUT", "DELETE"})
  void aRequestThatIsNotIdempotentIsNotRetriedAndIsIndeterminate(String kind) throws Exception {
    a.enqueue(members("c1"));
    a.enqueue(cut());
    b.enqueue(ok("c1"));
    EtcdClient client = client(a, b);
    Consumer<EtcdClient> call =
        switch (kind) {
          case "POST" -> c -> c.append("/q", "job");
          case "create-only PUT" ->
              c -> c.write("/a", "1", WriteOptions.defaults().withPrevExist(false));
          case "prevValue PUT" -> c -> c.compareAndSwap("/a", "2", "1");
          default -> c -> c.delete("/a");
        };
    EtcdIndeterminateException e =
        assertThrows(EtcdIndeterminateException.class, () -> call.accept(client));
    assertEquals(endpoint(a), e.endpoint());
    assertInstanceOf(IOException.class, e.getCause().getCause());
    assertEquals("GET /v2/members", line(a.takeRequest()));
    String sent = line(a.takeRequest());
    assertEquals(2, a.getRequestCount());
    assertEquals(0, b.getRequestCount());
    assertTrue(
        e.getMessage()
            .startsWith(
                "The outcome of "
                    + sent
                    + " is unknown: it reached etcd at "
                    + endpoint(a)
                    + ", but the connection failed before the answer arrived ("),
        e.getMessage());
    System.out.println(
        "[failover] lost answer to "
            + kind
            + ": requests seen by the server "
            + a.getRequestCount()
            + " (1 members check + 1 "
            + sent
            + "), by the next endpoint "
            + b.getRequestCount());
  }

  @Test
  void anAsynchronousReadIsRetriedToo() throws Exception {
    a.enqueue(cut());
    b.enqueue(ok("c1"));
    assertEquals(
        "1",
        client(a, b)
            .readAsync("/a", ReadOptions.defaults())
            .get(10, TimeUnit.SECONDS)
            .node()
            .value());
    assertEquals("GET /v2/keys/a", line(b.takeRequest()));
  }

  @Test
  void aWatchThatReachedTheServerIsNotRetried() {
    a.enqueue(cut());
    b.enqueue(ok("c1"));
    EtcdConnectionException e =
        assertThrows(EtcdConnectionException.class, () -> client(a, b).watchOnce("/a", 0, false));
    assertFalse(e instanceof EtcdIndeterminateException, e.toString());
    assertEquals(1, a.getRequestCount());
    assertEquals(0, b.getRequestCount());
  }

  @Test
  void aRefusedConnectionMovesAPostToTheNextEndpoint() throws Exception {
    int closed = closedPort();
    client = new EtcdClient(settings(List.of("127.0.0.1:" + closed, endpointOf(b))).build());
    b.enqueue(members("c1"));
    b.enqueue(ok("c1"));
    assertEquals("/a", client.append("/q", "job").node().key());
    assertEquals("GET /v2/members", line(b.takeRequest()));
    assertEquals("POST /v2/keys/q", line(b.takeRequest()));
    assertEquals(2, b.getRequestCount());
  }

  @Test
  void retriesStopAtTheDeadline() {
    List<String> refused = List.of("127.0.0.1:" + closedPort(), "127.0.0.1:" + closedPort());
    client = new EtcdClient(settings(refused).retryDeadline(Duration.ofMillis(800)).build());
    long start = System.nanoTime();
    EtcdConnectionException e =
        assertThrows(EtcdConnectionException.class, () -> client.read("/a"));
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.println(
        "[failover] two refusing endpoints, retry deadline 800 ms: gave up after "
            + millis
            + " ms, "
            + "at least "
            + (e.getCause().getSuppressed().length + 1)
            + " attempts");
    assertInstanceOf(ConnectException.class, e.getCause());
    assertTrue(millis >= 700 && millis < 3000, millis + " ms");
    assertTrue(
        e.getCause().getSuppressed().length >= 4,
        "attempts: " + e.getCause().getSuppressed().length);
    assertTrue(
        e.getMessage()
            .startsWith(
                "Cannot talk to etcd at http://"
                    + refused.get(0)
                    + ", http://"
                    + refused.get(1)
                    + " for GET /v2/keys/a: "),
        e.getMessage());
  }

  @Test
  void withoutAllowReconnectNothingIsRetried() {
    a.enqueue(cut());
    a.enqueue(ok("c1"));
    client = new EtcdClient(EtcdSettings.builder().host(a.getHostName()).port(a.getPort()).build());
    assertThrows(EtcdConnectionException.class, () -> client.read("/a"));
    assertEquals(1, a.getRequestCount());
  }

  @Test
  void aWriteIsNotSentToAnEndpointOfAnotherCluster() throws Exception {
    b.enqueue(members("other"));
    a.enqueue(members("c1"));
    a.enqueue(ok("c1"));
    client =
        new EtcdClient(
            settings(List.of(endpointOf(b), endpointOf(a))).expectedClusterId("c1").build());
    EtcdClusterIdChangedException e =
        assertThrows(EtcdClusterIdChangedException.class, () -> client.write("/a", "1"));
    assertEquals(
        "etcd at "
            + endpoint(b)
            + " belongs to cluster other, not c1 (expected_cluster_id); PUT"
            + " /v2/keys/a was not sent. That endpoint is no longer used; check that every endpoint is a member of"
            + " cluster c1",
        e.getMessage());
    assertEquals("c1", e.expectedClusterId());
    assertEquals("other", e.actualClusterId());
    assertEquals("GET /v2/members", line(b.takeRequest()));
    assertEquals(1, b.getRequestCount());

    assertEquals("1", client.write("/a", "1").node().value());
    assertEquals("GET /v2/members", line(a.takeRequest()));
    assertEquals("PUT /v2/keys/a", line(a.takeRequest()));
    assertEquals(1, b.getRequestCount());
  }

  @Test
  void anEndpointWithoutAClusterIdIsCheckedOnceOnly() throws Exception {
    a.enqueue(new MockResponse.Builder().body("{\"members\":[]}").build());
    a.enqueue(new MockResponse.Builder().body(NODE).build());
    a.enqueue(new MockResponse.Builder().body(NODE).build());
    EtcdClient client = client(a);
    client.write("/a", "1");
    client.write("/a", "1");
    assertEquals("GET /v2/members", line(a.takeRequest()));
    assertEquals("PUT /v2/keys/a", line(a.takeRequest()));
    assertEquals("PUT /v2/keys/a", line(a.takeRequest()));
  }

  @Test
  void aLearnedClusterIdChangeIsRaisedOncePerChange() {
    client = new EtcdClient(EtcdSettings.builder().host(a.getHostName()).port(a.getPort()).build());
    a.enqueue(ok("c1"));
    a.enqueue(ok("c2"));
    a.enqueue(ok("c2"));
    a.enqueue(ok("c1"));
    client.read("/a");
    EtcdClusterIdChangedException e =
        assertThrows(EtcdClusterIdChangedException.class, () -> client.read("/a"));
    assertEquals(
        "etcd at "
            + endpoint(a)
            + " belongs to cluster c2, not c1 (the cluster id this client learned"
            + " first); GET /v2/keys/a was answered by it, and the answer discarded. This client now holds to cluster"
            + " c2; set expected_cluster_id to refuse any other cluster",
        e.getMessage());
    client.read("/a");
    EtcdClusterIdChangedException back =
        assertThrows(EtcdClusterIdChangedException.class, () -> client.read("/a"));
    assertEquals("c2", back.expectedClusterId());
    assertEquals("c1", back.actualClusterId());
  }

  @Test
  void membersAreLearnedAndUsedWhenTheSeedIsGone() throws Exception {
    a.enqueue(
        new MockResponse.Builder()
            .addHeader("X-Etcd-Cluster-Id", "c1")
            .body(
                "{\"members\":[{\"id\":\"1\",\"name\":\"a\",\"clientURLs\":[\""
                    + endpoint(a)
                    + "\"]},"
                    + "{\"id\":\"2\",\"name\":\"b\",\"clientURLs\":[\""
                    + endpoint(b)
                    + "\"]}]}")
            .build());
    a.enqueue(ok("c1"));
    b.enqueue(members("c1"));
    b.enqueue(ok("c1"));
    client =
        new EtcdClient(
            EtcdSettings.builder()
                .host(a.getHostName())
                .port(a.getPort())
                .allowReconnect(true)
                .build());
    client.read("/a");
    assertEquals("GET /v2/members", line(a.takeRequest()));
    a.close();
    assertEquals("1", client.read("/a").node().value());
    assertEquals("GET /v2/members", line(b.takeRequest()));
    assertEquals("GET /v2/keys/a", line(b.takeRequest()));
  }

  @Test
  void withUseProxiesOnlyTheConfiguredEndpointsAreUsed() throws Exception {
    a.enqueue(ok("c1"));
    client =
        new EtcdClient(
            EtcdSettings.builder()
                .host(a.getHostName())
                .port(a.getPort())
                .allowReconnect(true)
                .useProxies(true)
                .build());
    client.read("/a");
    assertEquals("GET /v2/keys/a", line(a.takeRequest()));
    assertEquals(1, a.getRequestCount());
  }

  @Test
  void quorumReadsPutsQuorumTrueOnEveryRead() throws Exception {
    client =
        new EtcdClient(
            EtcdSettings.builder()
                .host(a.getHostName())
                .port(a.getPort())
                .quorumReads(true)
                .build());
    a.enqueue(ok("c1"));
    a.enqueue(
        new MockResponse.Builder()
            .body("{\"action\":\"get\",\"node\":{\"key\":\"/m/x\",\"value\":\"1\"}}")
            .build());
    client.read("/a");
    assertEquals("/v2/keys/a?quorum=true", a.takeRequest().getTarget());
    try (EtcdMiddleware middleware = new EtcdMiddleware(client.settings())) {
      assertEquals("1", middleware.get("/m/x"));
    }
    assertEquals("/v2/keys/m/x?recursive=true&quorum=true", a.takeRequest().getTarget());
  }

  private EtcdClient client(MockWebServer... servers) {
    client =
        new EtcdClient(
            settings(java.util.Arrays.stream(servers).map(FailoverTest::endpointOf).toList())
                .build());
    return client;
  }

  private static EtcdSettings.Builder settings(List<String> endpoints) {
    return EtcdSettings.builder().endpoints(endpoints).allowReconnect(true).useProxies(true);
  }

  private static String endpointOf(MockWebServer server) {
    return server.getHostName() + ":" + server.getPort();
  }

  private static String endpoint(MockWebServer server) {
    return "http://" + endpointOf(server);
  }

  private static String line(RecordedRequest request) {
    return request.getMethod() + " " + request.getUrl().encodedPath();
  }

  private static MockResponse ok(String clusterId) {
    return new MockResponse.Builder().addHeader("X-Etcd-Cluster-Id", clusterId).body(NODE).build();
  }

  private static MockResponse members(String clusterId) {
    return new MockResponse.Builder()
        .addHeader("X-Etcd-Cluster-Id", clusterId)
        .body("{\"members\":[]}")
        .build();
  }

  private static MockResponse cut() {
    return new MockResponse.Builder()
        .body(NODE)
        .onResponseStart(new SocketEffect.CloseSocket())
        .build();
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
