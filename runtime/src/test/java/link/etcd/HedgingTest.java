package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import link.etcd.EtcdV3Types.Op;
import link.etcd.EtcdV3Types.PutOptions;
import link.etcd.EtcdV3Types.RangeOptions;
import link.etcd.internal.http.Hedging;
import link.etcd.internal.v3.pb.KeyValue;
import link.etcd.internal.v3.pb.RangeResponse;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Protocol;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which requests are hedged (sent to another member as well when they wait long, the first answer
 * winning), which never are, and the hedge of a request whose member another call saw fail. Two
 * servers stand for two members; a held answer never comes.
 */
final class HedgingTest {
  private static final String NODE =
      "{\"action\":\"set\",\"node\":{\"key\":\"/a\",\"value\":\"1\","
          + "\"modifiedIndex\":5,\"createdIndex\":5}}";
  private static final String HEADER =
      "\"header\":{\"cluster_id\":\"1\",\"member_id\":\"2\",\"revision\":\"9\",\"raft_term\":\"2\"}";

  /** Started by {@link #settings}: HTTP/1.1 for v2, HTTP/2 with prior knowledge for v3's gRPC. */
  private final MockWebServer a = new MockWebServer();

  private final MockWebServer b = new MockWebServer();
  private final Member memberA = new Member();
  private final Member memberB = new Member();
  private final HedgeLog hedges = new HedgeLog();
  private AutoCloseable client;

  @AfterEach
  void close() throws Exception {
    if (client != null) {
      client.close();
    }
    hedges.close();
    a.close();
    b.close();
  }

  @Test
  void aPutThatWaitsPastTheHedgeDelayIsAlsoSentToTheOtherMemberWhichAnswersFirst() {
    memberA.keys.add(held());
    EtcdClient etcd = v2(Duration.ofSeconds(5));
    long start = System.nanoTime();
    assertEquals("1", etcd.write("/a", "1").node().value());
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(List.of("PUT /v2/keys/a"), memberA.seen);
    assertEquals(List.of("PUT /v2/keys/a"), memberB.seen);
    assertEquals(1, hedges.count(), hedges.messages().toString());
    assertTrue(
        hedges
            .messages()
            .get(0)
            .matches(
                "Sent PUT /v2/keys/a to "
                    + endpoint(b)
                    + " as well, after \\d+ ms: past the hedge delay of 300 ms"),
        hedges.messages().get(0));
    assertTrue(millis >= Hedging.FLOOR_MILLIS && millis < 3000, millis + " ms");

    // The member that answered first takes the next calls.
    etcd.write("/a", "2");
    assertEquals(1, memberA.seen.size());
    assertEquals(List.of("PUT /v2/keys/a", "PUT /v2/keys/a"), memberB.seen);
  }

  @Test
  void aReadOfAKeyIsHedged() {
    memberA.keys.add(held());
    EtcdClient etcd = v2(Duration.ofSeconds(5));
    assertEquals("1", etcd.read("/a", ReadOptions.defaults().withQuorum(true)).node().value());
    assertEquals(List.of("GET /v2/keys/a"), memberB.seen);
    assertEquals(1, hedges.count());
  }

  @Test
  void aPutWithPrevIndexIsHedged() {
    memberA.keys.add(held());
    v2(Duration.ofSeconds(5)).compareAndSwap("/a", "1", 4);
    assertEquals(List.of("PUT /v2/keys/a"), memberB.seen);
    assertEquals(1, hedges.count());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"POST", "create-only PUT", "prevValue PUT", "dir PUT", "DELETE"})
  void aRequestThatIsNotIdempotentIsNeverHedged(String kind) {
    memberA.keys.add(held());
    EtcdClient etcd = v2(Duration.ofSeconds(1));
    Consumer<EtcdClient> call =
        switch (kind) {
          case "POST" -> c -> c.append("/q", "job");
          case "create-only PUT" ->
              c -> c.write("/a", "1", WriteOptions.defaults().withPrevExist(false));
          case "prevValue PUT" -> c -> c.compareAndSwap("/a", "2", "1");
          case "dir PUT" -> c -> c.write("/a", null, WriteOptions.defaults().withDir(true));
          default -> c -> c.delete("/a");
        };
    assertThrows(EtcdIndeterminateException.class, () -> call.accept(etcd));
    assertEquals(1, memberA.seen.size());
    assertEquals(List.of(), memberB.seen);
    assertEquals(0, hedges.count(), hedges.messages().toString());
  }

  @Test
  void aTreeReadIsNotHedgedOnTimeButRetriedAfterTheReadTimeout() {
    memberA.keys.add(held());
    EtcdClient etcd = v2(Duration.ofSeconds(1));
    long start = System.nanoTime();
    etcd.read("/a", ReadOptions.defaults().withRecursive(true));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(List.of("GET /v2/keys/a"), memberB.seen);
    assertEquals(0, hedges.count(), hedges.messages().toString());
    assertTrue(millis >= 1000, millis + " ms");
  }

  @Test
  void aWatchIsNeverHedged() throws Exception {
    memberA.keys.add(held());
    EtcdClient etcd = v2(Duration.ofSeconds(5));
    CompletableFuture<EtcdResponse> watch = etcd.watchOnceAsync("/a", 7, false);
    Thread.sleep(4 * Hedging.FLOOR_MILLIS);
    assertFalse(watch.isDone());
    assertEquals(List.of("GET /v2/keys/a"), memberA.seen);
    assertEquals(List.of(), memberB.seen);
    assertEquals(0, hedges.count());
  }

  @Test
  void aV3RangeOfOneKeyIsHedged() {
    memberA.keys.add(heldGrpc());
    EtcdV3Client etcd = v3(Duration.ofSeconds(5));
    assertEquals(1, etcd.range("/a").count());
    assertEquals(List.of("POST /etcdserverpb.KV/Range"), memberB.seen);
    assertEquals(1, hedges.count());
  }

  @Test
  void aV3RangeOfAPrefixIsNotHedged() {
    memberA.keys.add(heldGrpc());
    EtcdV3Client etcd = v3(Duration.ofSeconds(1));
    etcd.range("/a/", RangeOptions.defaults().withRangeEnd(EtcdV3Client.prefixEnd("/a/")));
    assertEquals(List.of("POST /etcdserverpb.KV/Range"), memberB.seen);
    assertEquals(0, hedges.count(), hedges.messages().toString());
  }

  @Test
  void aV3PutIsHedged() {
    memberA.keys.add(heldGrpc());
    EtcdV3Client etcd = v3(Duration.ofSeconds(5));
    etcd.put("/a", "1");
    assertEquals(List.of("POST /etcdserverpb.KV/Put"), memberB.seen);
    assertEquals(1, hedges.count());
  }

  @Test
  void aV3PutWithPrevKvIsNotHedged() {
    memberA.keys.add(heldGrpc());
    EtcdV3Client etcd = v3(Duration.ofSeconds(1));
    assertThrows(
        EtcdIndeterminateException.class,
        () -> etcd.put("/a", "1", PutOptions.defaults().withPrevKv(true)));
    assertEquals(List.of(), memberB.seen);
    assertEquals(0, hedges.count());
  }

  @Test
  void aV3TxnIsNotHedged() {
    memberA.keys.add(heldGrpc());
    EtcdV3Client etcd = v3(Duration.ofSeconds(1));
    assertThrows(
        EtcdIndeterminateException.class, () -> etcd.txn().then(Op.put("/a", "1")).commit());
    assertEquals(List.of(), memberB.seen);
    assertEquals(0, hedges.count());
  }

  @Test
  void aRequestWaitingOnAMemberAnotherCallSawFailIsHedgedAtOnce() throws Exception {
    memberA.keys.add(held());
    memberA.keys.add(
        new MockResponse.Builder()
            .body(NODE)
            .onResponseStart(new SocketEffect.CloseSocket())
            .build());
    EtcdClient etcd = v2(Duration.ofSeconds(5));
    CompletableFuture<EtcdResponse> waiting = etcd.readAsync("/a", ReadOptions.defaults());
    awaitSeen(memberA, 1);
    // The connection to the member is cut under this read: that member is gone.
    etcd.read("/b");
    waiting.get(5, TimeUnit.SECONDS);
    assertEquals(List.of("GET /v2/keys/a", "GET /v2/keys/b"), memberA.seen);
    assertEquals(1, hedges.count(), hedges.messages().toString());
    assertTrue(
        hedges.messages().get(0).endsWith(": " + endpoint(a) + " was seen failing"),
        hedges.messages().get(0));
  }

  @Test
  void anInterruptEndsAHedgedCallAndEveryAttemptOfItPromptly() throws Exception {
    memberA.keys.add(held());
    memberB.keys.add(held());
    EtcdClient etcd = v2(Duration.ofSeconds(5));
    CompletableFuture<EtcdException> failure = new CompletableFuture<>();
    Thread writer =
        new Thread(
            () -> {
              try {
                etcd.write("/a", "1");
                failure.completeExceptionally(new AssertionError("the call returned"));
              } catch (EtcdException e) {
                failure.complete(Thread.currentThread().isInterrupted() ? e : null);
              }
            });
    writer.start();
    awaitSeen(memberB, 1);
    long start = System.nanoTime();
    writer.interrupt();
    EtcdException e = failure.get(5, TimeUnit.SECONDS);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(EtcdError.CANCELLED, e.error(), "the interrupt flag was cleared, or " + e);
    assertTrue(millis < 1000, millis + " ms");
    assertEquals(1, hedges.count());
  }

  @Test
  void closeEndsAHedgedCall() throws Exception {
    memberA.keys.add(held());
    memberB.keys.add(held());
    EtcdClient etcd = v2(Duration.ofSeconds(5));
    CompletableFuture<EtcdResponse> read = etcd.readAsync("/a", ReadOptions.defaults());
    awaitSeen(memberB, 1);
    long start = System.nanoTime();
    etcd.close();
    assertThrows(Exception.class, () -> read.get(5, TimeUnit.SECONDS));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < 1000, millis + " ms");
  }

  /** Waits until {@code member} has seen {@code count} key requests, for at most 10 s. */
  private static void awaitSeen(Member member, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (member.seen.size() < count) {
      assertTrue(System.nanoTime() < deadline, "key requests seen: " + member.seen);
      Thread.sleep(5);
    }
  }

  private EtcdClient v2(Duration readTimeout) {
    EtcdClient etcd = new EtcdClient(settings(readTimeout).build());
    client = etcd;
    return etcd;
  }

  private EtcdV3Client v3(Duration readTimeout) {
    a.setProtocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
    b.setProtocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
    EtcdV3Client etcd = new EtcdV3Client(settings(readTimeout).api(EtcdSettings.Api.V3).build());
    client = etcd;
    return etcd;
  }

  private EtcdSettings.Builder settings(Duration readTimeout) {
    a.setDispatcher(memberA);
    b.setDispatcher(memberB);
    try {
      a.start();
      b.start();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return EtcdSettings.builder()
        .endpoints(List.of(endpointOf(a), endpointOf(b)))
        .allowReconnect(true)
        .useProxies(true)
        .readTimeout(readTimeout);
  }

  private static String endpointOf(MockWebServer server) {
    return server.getHostName() + ":" + server.getPort();
  }

  private static String endpoint(MockWebServer server) {
    return "http://" + endpointOf(server);
  }

  private static MockResponse held() {
    return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
  }

  /**
   * A gRPC answer that never comes: on HTTP/2 the headers are held back (etcd sends them with the
   * answer).
   */
  private static MockResponse heldGrpc() {
    return new MockResponse.Builder()
        .addHeader("content-type", "application/grpc")
        .headersDelay(1, TimeUnit.HOURS)
        .build();
  }

  private static MockResponse ok() {
    return new MockResponse.Builder().addHeader("X-Etcd-Cluster-Id", "c1").body(NODE).build();
  }

  /**
   * One member: answers member lists at once, and key requests with the answers queued in {@link
   * #keys}, then with a node (v2) or one key (v3). Records the key requests.
   */
  private static final class Member extends Dispatcher {
    final BlockingQueue<MockResponse> keys = new LinkedBlockingQueue<>();
    final List<String> seen = new CopyOnWriteArrayList<>();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getUrl().encodedPath();
      if (path.equals("/etcdserverpb.Cluster/MemberList")) {
        return GrpcAnswers.ok("1");
      }
      if (path.endsWith("/members")) {
        return new MockResponse.Builder()
            .addHeader("X-Etcd-Cluster-Id", "c1")
            .body("{\"members\":[]," + HEADER + "}")
            .build();
      }
      seen.add(request.getMethod() + " " + path);
      MockResponse queued = keys.poll();
      if (queued != null) {
        return queued;
      }
      if (path.startsWith("/etcdserverpb.")) {
        return GrpcAnswers.answer(
            new RangeResponse.Builder()
                .header(GrpcAnswers.header("1"))
                .kvs(
                    List.of(
                        new KeyValue.Builder()
                            .key(ByteString.encodeUtf8("/a"))
                            .value(ByteString.encodeUtf8("1"))
                            .create_revision(2)
                            .mod_revision(2)
                            .version(1)
                            .build()))
                .count(1)
                .build());
      }
      return ok();
    }
  }
}
