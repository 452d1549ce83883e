package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import link.etcd.internal.v2.LeanWritePath;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lean path a client hands the tree writer ({@link EtcdClient#leanWritePath()}): {@link
 * LeanWritePath#writeUnread} and {@link LeanWritePath#deleteUnread} send exactly the requests the
 * Retrofit interface defines for {@link EtcdClient#writeAsync} and {@link EtcdClient#deleteAsync}
 * (method, target, body, every header), and fail with the same exceptions; its read ({@link
 * LeanWritePath#readTree}) sends and answers what {@link EtcdClient#read} does.
 */
final class UnreadWritesRequestTest {
  private static final String NODE =
      "{\"action\":\"set\",\"node\":{\"key\":\"/a\",\"value\":\"1\","
          + "\"modifiedIndex\":5,\"createdIndex\":5}}";
  private static final List<String> KEYS =
      List.of("/a", "a/b", "/with space/ü/%/x+y", "/q?x=1#f", "/", "/.x/..y");

  @StartStop private final MockWebServer server = new MockWebServer();

  private @Nullable EtcdClient client;

  @AfterEach
  void closeClient() {
    if (client != null) {
      client.close();
    }
  }

  @Test
  void writesAreTheRequestsOfTheRetrofitInterface() throws Exception {
    List<WriteOptions> options =
        List.of(
            WriteOptions.defaults(),
            WriteOptions.defaults().withTtl(Duration.ofSeconds(30)),
            WriteOptions.defaults()
                .withPrevExist(true)
                .withPrevValue("old & new=1")
                .withPrevIndex(7L),
            WriteOptions.defaults().withPrevExist(false),
            WriteOptions.defaults().withTtl(Duration.ofSeconds(5)).withRefresh(true));
    EtcdClient client =
        client(EtcdSettings.builder().host(server.getHostName()).port(server.getPort()).build());
    for (String key : KEYS) {
      for (WriteOptions option : options) {
        String value = option.refresh() ? null : "v=1&ü %";
        assertSame(
            () -> client.writeAsync(key, value, option),
            () -> client.leanWritePath().writeUnread(key, value, option));
      }
      WriteOptions dir = WriteOptions.defaults().withDir(true).withTtl(Duration.ofSeconds(60));
      assertSame(
          () -> client.writeAsync(key, null, dir),
          () -> client.leanWritePath().writeUnread(key, null, dir));
      WriteOptions updateDir = WriteOptions.defaults().withDir(true).withPrevExist(true);
      assertSame(
          () -> client.writeAsync(key, null, updateDir),
          () -> client.leanWritePath().writeUnread(key, null, updateDir));
    }
  }

  @Test
  void deletesAreTheRequestsOfTheRetrofitInterface() throws Exception {
    List<DeleteOptions> options =
        List.of(
            DeleteOptions.defaults(),
            DeleteOptions.defaults().withRecursive(true),
            DeleteOptions.defaults().withDir(true).withPrevValue("a b&c").withPrevIndex(3L));
    EtcdClient client =
        client(EtcdSettings.builder().host(server.getHostName()).port(server.getPort()).build());
    for (String key : KEYS) {
      for (DeleteOptions option : options) {
        assertSame(
            () -> client.deleteAsync(key, option),
            () -> client.leanWritePath().deleteUnread(key, option));
      }
    }
  }

  @Test
  void theTreeReadIsTheRequestAndAnswerOfTheRetrofitInterface() throws Exception {
    ReadOptions tree = ReadOptions.defaults().withRecursive(true).withSorted(true);
    String answer =
        "{\"action\":\"get\",\"node\":{\"key\":\"/a\",\"dir\":true,\"nodes\":["
            + "{\"key\":\"/a/b\",\"value\":\"1\",\"modifiedIndex\":5,\"createdIndex\":4,"
            + "\"ttl\":30,\"expiration\":\"2026-11-26T16:00:00Z\"}],"
            + "\"modifiedIndex\":3,\"createdIndex\":3}}";
    for (boolean quorum : List.of(false, true)) {
      EtcdClient client =
          client(
              EtcdSettings.builder()
                  .host(server.getHostName())
                  .port(server.getPort())
                  .quorumReads(quorum)
                  .build());
      for (String key : KEYS) {
        EtcdResponse[] responses = new EtcdResponse[2];
        server.enqueue(
            new MockResponse.Builder().addHeader("X-Etcd-Index", "9").body(answer).build());
        server.enqueue(
            new MockResponse.Builder().addHeader("X-Etcd-Index", "9").body(answer).build());
        assertSameRequests(
            () -> responses[0] = client.read(key, tree),
            () -> responses[1] = client.leanWritePath().readTree(key));
        assertEquals(responses[0], responses[1]);
      }
      client.close();
    }
  }

  @Test
  void aMissingTreeFailsAsTheRetrofitPathDoes() throws Exception {
    EtcdClient client =
        client(EtcdSettings.builder().host(server.getHostName()).port(server.getPort()).build());
    String error = "{\"errorCode\":100,\"message\":\"Key not found\",\"cause\":\"/a\",\"index\":7}";
    server.enqueue(new MockResponse.Builder().code(404).body(error).build());
    server.enqueue(new MockResponse.Builder().code(404).body(error).build());
    ReadOptions tree = ReadOptions.defaults().withRecursive(true).withSorted(true);
    EtcdKeyNotFoundException expected =
        assertThrows(EtcdKeyNotFoundException.class, () -> client.read("/a", tree));
    EtcdKeyNotFoundException actual =
        assertThrows(EtcdKeyNotFoundException.class, () -> client.leanWritePath().readTree("/a"));
    assertEquals(expected.getMessage(), actual.getMessage());
    assertEquals("Key not found: /a (etcd error 100, index 7)", actual.getMessage());
  }

  @Test
  void credentialsGoAlike() throws Exception {
    EtcdClient client =
        client(
            EtcdSettings.builder()
                .host(server.getHostName())
                .port(server.getPort())
                .username("root")
                .password("pw")
                .build());
    WriteOptions ttl = WriteOptions.defaults().withTtl(Duration.ofSeconds(9));
    assertSame(
        () -> client.writeAsync("/a", "1", ttl),
        () -> client.leanWritePath().writeUnread("/a", "1", ttl));
  }

  @Test
  void anErrorOfEtcdFailsAsTheRetrofitPathDoes() throws Exception {
    EtcdClient client =
        client(EtcdSettings.builder().host(server.getHostName()).port(server.getPort()).build());
    String error = "{\"errorCode\":102,\"message\":\"Not a file\",\"cause\":\"/a/b\",\"index\":12}";
    server.enqueue(new MockResponse.Builder().code(403).body(error).build());
    server.enqueue(new MockResponse.Builder().code(403).body(error).build());
    ExecutionException expected =
        assertThrows(
            ExecutionException.class,
            () ->
                client.writeAsync("/a/b", "1", WriteOptions.defaults()).get(10, TimeUnit.SECONDS));
    EtcdException etcd =
        assertThrows(
            EtcdException.class,
            () -> client.leanWritePath().writeUnread("/a/b", "1", WriteOptions.defaults()));
    assertEquals(expected.getCause().getMessage(), etcd.getMessage());
    assertEquals(EtcdError.NOT_A_FILE, etcd.error());
    assertEquals("Not a file: /a/b (etcd error 102, index 12)", etcd.getMessage());
  }

  @Test
  void aFailedConnectionFailsAsTheRetrofitPathDoes() throws Exception {
    int port = server.getPort();
    server.close();
    EtcdClient client = client(EtcdSettings.builder().host("127.0.0.1").port(port).build());
    ExecutionException expected =
        assertThrows(
            ExecutionException.class,
            () -> client.deleteAsync("/a", DeleteOptions.defaults()).get(10, TimeUnit.SECONDS));
    EtcdException actual =
        assertThrows(
            EtcdException.class,
            () -> client.leanWritePath().deleteUnread("/a", DeleteOptions.defaults()));
    assertEquals(expected.getCause().getClass(), actual.getClass());
    assertEquals(
        expected.getCause().getMessage().replaceAll("\\(.*\\)", "()"),
        actual.getMessage().replaceAll("\\(.*\\)", "()"));
  }

  @Test
  void aDirectoryWithAValueIsRefusedBeforeAnythingIsSent() {
    EtcdClient client =
        client(EtcdSettings.builder().host(server.getHostName()).port(server.getPort()).build());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                client
                    .leanWritePath()
                    .writeUnread("/a", "1", WriteOptions.defaults().withDir(true)));
    assertEquals("A directory has no value; pass null as the value of /a", e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  private void assertSame(Runnable retrofit, Runnable unread) throws Exception {
    server.enqueue(new MockResponse.Builder().body(NODE).build());
    server.enqueue(new MockResponse.Builder().body(NODE).build());
    assertSameRequests(retrofit, unread);
  }

  /** Runs both, each answered by the next enqueued answer, and compares their requests. */
  private void assertSameRequests(Runnable retrofit, Runnable unread) throws Exception {
    retrofit.run();
    RecordedRequest expected = server.takeRequest();
    unread.run();
    RecordedRequest actual = server.takeRequest();
    assertEquals(
        expected.getMethod() + " " + expected.getTarget(),
        actual.getMethod() + " " + actual.getTarget());
    assertEquals(body(expected), body(actual), expected.getTarget());
    assertEquals(
        expected.getHeaders().toString(), actual.getHeaders().toString(), expected.getTarget());
  }

  private static @Nullable String body(RecordedRequest request) {
    return request.getBody() == null ? null : request.getBody().utf8();
  }

  private EtcdClient client(EtcdSettings settings) {
    client = new EtcdClient(settings);
    return client;
  }
}
