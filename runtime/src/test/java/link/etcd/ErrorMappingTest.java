package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How etcd's errors, odd answers and transport faults become {@link EtcdException}s. */
final class ErrorMappingTest {
  @StartStop private final MockWebServer server = new MockWebServer();

  private EtcdClient client;

  @AfterEach
  void closeClient() {
    if (client != null) {
      client.close();
    }
  }

  // ---- etcd's error codes ----

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "100, NOT_FOUND, EtcdKeyNotFoundException, 404, Key not found",
    "101, COMPARE_FAILED, EtcdCompareFailedException, 412, Compare failed",
    "102, NOT_A_FILE, EtcdException, 403, Not a file",
    "104, NOT_A_DIRECTORY, EtcdException, 403, Not a directory",
    "105, ALREADY_EXISTS, EtcdNodeExistsException, 412, Key already exists",
    "107, ROOT_READ_ONLY, EtcdException, 403, Root is read only",
    "108, DIRECTORY_NOT_EMPTY, EtcdException, 403, Directory not empty",
    "110, UNAUTHORIZED, EtcdException, 401, The request requires user authentication",
    "200, INVALID_REQUEST, EtcdException, 400, Value is Required in POST form",
    "201, INVALID_REQUEST, EtcdException, 400, PrevValue is Required in POST form",
    "202, INVALID_REQUEST, EtcdException, 400, The given TTL in POST form is not a number",
    "203, INVALID_REQUEST, EtcdException, 400, The given index in POST form is not a number",
    "209, INVALID_REQUEST, EtcdException, 400, Invalid field",
    "210, INVALID_REQUEST, EtcdException, 400, Invalid POST form",
    "211, INVALID_REQUEST, EtcdException, 400, Value provided on refresh",
    "212, INVALID_REQUEST, EtcdException, 400, A TTL must be provided on refresh",
    "300, INTERNAL, EtcdException, 500, Raft Internal Error",
    "301, UNAVAILABLE, EtcdException, 500, During Leader Election",
    "400, UNAVAILABLE, EtcdException, 400, watcher is cleared due to etcd recovery",
    "401, COMPACTED, EtcdException, 400, The event in requested index is outdated and cleared",
  })
  void errorCodesMapToTheirErrors(
      int code, EtcdError error, String exception, int status, String message) {
    server.enqueue(error(status, code, message, "/a", 7));
    EtcdException e = assertThrows(EtcdException.class, () -> client().read("/a"));
    assertEquals("link.etcd." + exception, e.getClass().getName());
    assertEquals(error, e.error());
    assertEquals(code, e.serverCode());
    assertEquals(message, e.serverMessage());
    assertEquals("/a", e.detail());
    assertEquals(7, e.index());
    assertNull(e.getCause());
    assertEquals(message + ": /a (etcd error " + code + ", index 7)", e.getMessage());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "UNAVAILABLE, true",
    "INTERNAL, true",
    "TIMEOUT, true",
    "CONNECTION, true",
    "NOT_FOUND, false",
    "COMPACTED, false",
    "OUTCOME_UNKNOWN, false",
    "UNKNOWN, false",
  })
  void onlyErrorsThatMayPassAreRetryable(EtcdError error, boolean retryable) {
    assertEquals(retryable, error.retryable());
  }

  @Test
  void valueErrorsMapByEtcdsOwnCodes() {
    server.enqueue(
        error(400, 201, "PrevValue is Required in POST form", "\"prevValue\" cannot be empty", 0));
    EtcdException e = assertThrows(EtcdException.class, this::write);
    assertEquals(EtcdError.INVALID_REQUEST, e.error());
    assertEquals(201, e.serverCode());
    assertEquals("\"prevValue\" cannot be empty", e.detail());
    assertEquals(
        "PrevValue is Required in POST form: \"prevValue\" cannot be empty (etcd error 201, index 0)",
        e.getMessage());
  }

  @Test
  void keyNotFoundNamesTheKeyAskedForWithEtcdsCauseBesideIt() {
    server.enqueue(error(404, 100, "Key not found", "/definitely", 12));
    EtcdKeyNotFoundException e =
        assertThrows(EtcdKeyNotFoundException.class, () -> client().read("/definitely/missing"));
    assertEquals("/definitely/missing", e.key());
    assertEquals("/definitely", e.detail());
    assertEquals(
        "Key not found: /definitely/missing (etcd's cause: /definitely; etcd error 100, index 12)",
        e.getMessage());
  }

  @Test
  void anUnknownErrorCodeIsAPlainEtcdException() {
    server.enqueue(error(500, 500, "Internal Server Error", null, 3));
    EtcdException e = assertThrows(EtcdException.class, () -> client().read("/a"));
    assertSame(EtcdException.class, e.getClass());
    assertEquals(EtcdError.UNKNOWN, e.error());
    assertEquals(500, e.serverCode());
    assertNull(e.detail());
    assertEquals("Internal Server Error (etcd error 500, index 3)", e.getMessage());
  }

  @Test
  void eventIndexClearedArrivingWithHttp400() {
    server.enqueue(
        new MockResponse.Builder()
            .code(400)
            .addHeader("X-Etcd-Index", "2007")
            .body(
                "{\"errorCode\":401,\"message\":\"The event in requested index is outdated and cleared\","
                    + "\"cause\":\"the requested history has been cleared [1008/1]\",\"index\":2007}\n")
            .build());
    EtcdException e = assertThrows(EtcdException.class, () -> client().watchOnce("/a", 1, false));
    assertEquals(EtcdError.COMPACTED, e.error());
    assertEquals(401, e.serverCode());
    assertEquals("the requested history has been cleared [1008/1]", e.detail());
    assertEquals(2007, e.index());
    assertEquals(
        "The event in requested index is outdated and cleared: the requested history has been cleared"
            + " [1008/1] (etcd error 401, index 2007)",
        e.getMessage());
  }

  @Test
  void theIndexComesFromTheHeaderWhenTheBodyHasNone() {
    server.enqueue(
        new MockResponse.Builder()
            .code(404)
            .addHeader("X-Etcd-Index", "42")
            .body("{\"errorCode\":100,\"message\":\"Key not found\",\"cause\":\"/a\"}")
            .build());
    EtcdKeyNotFoundException e =
        assertThrows(EtcdKeyNotFoundException.class, () -> client().read("/a"));
    assertEquals(42, e.index());
  }

  @Test
  void insufficientCredentialsWithoutErrorCodeIsUnauthorized() {
    server.enqueue(
        new MockResponse.Builder()
            .code(401)
            .body("{\"message\":\"Insufficient credentials\"}\n")
            .build());
    EtcdException e = assertThrows(EtcdException.class, () -> client().read("/a"));
    assertEquals(
        "etcd refused GET /v2/keys/a (HTTP 401: Insufficient credentials); check the username and"
            + " password, and the user's roles",
        e.getMessage());
    assertEquals(EtcdError.UNAUTHORIZED, e.error());
    assertEquals(EtcdException.NO_SERVER_CODE, e.serverCode());
  }

  @Test
  void aForbiddenTextAnswerIsPermissionDenied() {
    server.enqueue(new MockResponse.Builder().code(403).body("forbidden\n").build());
    EtcdException e = assertThrows(EtcdException.class, () -> client().write("/a", "1"));
    assertEquals(EtcdError.PERMISSION_DENIED, e.error());
    assertEquals(
        "etcd refused PUT /v2/keys/a (HTTP 403: forbidden); check the username and password, and the"
            + " user's roles",
        e.getMessage());
  }

  @Test
  void a404PageNotFoundSaysToEnableV2() {
    server.enqueue(
        new MockResponse.Builder()
            .code(404)
            .addHeader("Content-Type", "text/plain; charset=utf-8")
            .body("404 page not found\n")
            .build());
    server.enqueue(
        new MockResponse.Builder()
            .body("{\"etcdserver\":\"3.5.16\",\"etcdcluster\":\"3.5.0\"}")
            .build());
    EtcdException e = assertThrows(EtcdException.class, () -> client().read("/a"));
    assertSame(EtcdException.class, e.getClass());
    assertEquals(EtcdError.UNSUPPORTED, e.error());
    assertEquals(EtcdException.NO_SERVER_CODE, e.serverCode());
    assertEquals(
        "etcd 3.5.16 at "
            + origin()
            + " does not serve the v2 API (GET /v2/keys/a answered 404 page not"
            + " found); start it with --enable-v2=true, or set api = v3",
        e.getMessage());
  }

  @Test
  void a404FromEtcd36SaysV2IsRemovedAndToSetApiV3() {
    server.enqueue(new MockResponse.Builder().code(404).body("404 page not found\n").build());
    server.enqueue(
        new MockResponse.Builder()
            .body("{\"etcdserver\":\"3.6.4\",\"etcdcluster\":\"3.6.0\"}")
            .build());
    EtcdException e = assertThrows(EtcdException.class, () -> client().read("/a"));
    assertEquals(
        "etcd 3.6.4 at "
            + origin()
            + " does not serve the v2 API (removed in etcd 3.6; GET /v2/keys/a"
            + " answered 404 page not found); set api = v3",
        e.getMessage());
  }

  @Test
  void a404FromAServerWithoutVersionSaysBothFixes() {
    server.enqueue(new MockResponse.Builder().code(404).body("404 page not found\n").build());
    server.enqueue(new MockResponse.Builder().code(404).body("404 page not found\n").build());
    EtcdException e = assertThrows(EtcdException.class, () -> client().read("/a"));
    assertEquals(
        "The server at "
            + origin()
            + " does not serve the v2 API (GET /v2/keys/a answered 404 page not"
            + " found); start etcd with --enable-v2=true, or set api = v3",
        e.getMessage());
  }

  private String origin() {
    return "http://" + server.getHostName() + ":" + server.getPort();
  }

  @Test
  void anEmpty404SaysToEnableV2() {
    server.enqueue(new MockResponse.Builder().code(404).build());
    server.enqueue(
        new MockResponse.Builder()
            .body("{\"etcdserver\":\"3.4.23\",\"etcdcluster\":\"3.4.0\"}")
            .build());
    EtcdException e = assertThrows(EtcdException.class, () -> client().members());
    assertEquals(
        "etcd 3.4.23 at "
            + origin()
            + " does not serve the v2 API (GET /v2/members answered 404 (empty"
            + " body)); start it with --enable-v2=true, or set api = v3",
        e.getMessage());
  }

  @Test
  void a500WithHtmlShowsAnExcerpt() {
    server.enqueue(
        new MockResponse.Builder()
            .code(500)
            .addHeader("Content-Type", "text/html")
            .body("<html>\n  <body><h1>Internal error</h1></body>\n</html>\n")
            .build());
    EtcdException e = assertThrows(EtcdException.class, () -> client().delete("/a"));
    assertSame(EtcdException.class, e.getClass());
    assertEquals(
        "etcd answered DELETE /v2/keys/a with HTTP 500: <html> <body><h1>Internal error</h1></body>"
            + " </html>",
        e.getMessage());
  }

  @Test
  void aLongErrorBodyIsCutTo200Characters() {
    server.enqueue(new MockResponse.Builder().code(502).body("x".repeat(5000)).build());
    EtcdException e = assertThrows(EtcdException.class, () -> client().read("/a"));
    assertEquals(
        "etcd answered GET /v2/keys/a with HTTP 502: " + "x".repeat(200) + "...", e.getMessage());
  }

  @Test
  void malformedJsonOnA200IsAnEtcdException() {
    server.enqueue(new MockResponse.Builder().body("{\"action\":get}").build());
    EtcdException e = assertThrows(EtcdException.class, () -> client().read("/a"));
    assertSame(EtcdException.class, e.getClass());
    assertTrue(
        e.getMessage().startsWith("etcd's answer to GET /v2/keys/a could not be read: "),
        e.getMessage());
    assertTrue(e.getCause() instanceof IOException, String.valueOf(e.getCause()));
  }

  @Test
  void truncatedJsonOnA200IsABadAnswerNotAConnectionFailure() {
    server.enqueue(new MockResponse.Builder().body("{\"action\":\"get\",\"node\":").build());
    EtcdException e = assertThrows(EtcdException.class, () -> client().read("/a"));
    assertSame(EtcdException.class, e.getClass());
    assertTrue(
        e.getMessage().startsWith("etcd's answer to GET /v2/keys/a could not be read: "),
        e.getMessage());
  }

  @Test
  void htmlOnA200IsAnEtcdException() {
    server.enqueue(new MockResponse.Builder().body("<html>proxy login</html>").build());
    EtcdException e = assertThrows(EtcdException.class, () -> client().read("/a"));
    assertTrue(
        e.getMessage().startsWith("etcd's answer to GET /v2/keys/a could not be read: "),
        e.getMessage());
  }

  @Test
  void aStreamedAnswerCutShortSaysWhatHappened() {
    server.enqueue(
        new MockResponse.Builder()
            .body("{\"action\":\"get\",\"node\":{\"key\":\"/a\",\"dir\":true,\"nodes\":[")
            .build());
    EtcdException e = assertThrows(EtcdException.class, () -> client().readValues("/a"));
    assertEquals(
        "etcd's answer to GET /v2/keys/a could not be read: End of input in etcd's JSON answer",
        e.getMessage());
  }

  @Test
  void aJsonAnswerWithoutNodeIsAnEtcdException() {
    server.enqueue(new MockResponse.Builder().body("{}").build());
    EtcdException e = assertThrows(EtcdException.class, () -> client().read("/a"));
    assertEquals(
        "etcd's answer to GET /v2/keys/a could not be read: etcd's answer has no node",
        e.getMessage());
  }

  @Test
  void aJsonAnswerOfTheWrongShapeIsAnEtcdException() {
    server.enqueue(new MockResponse.Builder().body("{\"node\":[1,2]}").build());
    EtcdException e = assertThrows(EtcdException.class, () -> client().read("/a"));
    assertTrue(
        e.getMessage().startsWith("etcd's answer to GET /v2/keys/a could not be read: "),
        e.getMessage());
  }

  // ---- transport faults ----

  @Test
  void aConnectionCutAtTheStartIsAConnectionException() {
    server.enqueue(
        new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
    EtcdConnectionException e =
        assertThrows(EtcdConnectionException.class, () -> client().read("/a"));
    assertConnectionFailure(e, "GET /v2/keys/a");
  }

  @Test
  void aConnectionCutAfterTheRequestIsAConnectionException() {
    server.enqueue(
        new MockResponse.Builder()
            .body("{}")
            .onResponseStart(new SocketEffect.CloseSocket())
            .build());
    EtcdConnectionException e =
        assertThrows(EtcdConnectionException.class, () -> client().write("/a", "1"));
    assertConnectionFailure(e, "PUT /v2/keys/a");
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aConnectionCutInTheBodyIsAConnectionException() {
    server.enqueue(
        new MockResponse.Builder()
            .body("{\"action\":\"get\",\"node\":{\"key\":\"/a\"}}" + " ".repeat(64 * 1024))
            .onResponseBody(new SocketEffect.CloseSocket())
            .build());
    EtcdConnectionException e =
        assertThrows(EtcdConnectionException.class, () -> client().read("/a"));
    assertConnectionFailure(e, "GET /v2/keys/a");
  }

  @Test
  void aRefusedConnectionIsAConnectionException() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    client = new EtcdClient(EtcdSettings.builder().host("127.0.0.1").port(port).build());
    EtcdConnectionException e =
        assertThrows(EtcdConnectionException.class, () -> client.read("/a"));
    assertInstanceOf(ConnectException.class, e.getCause());
    assertEquals(
        "Cannot talk to etcd at http://127.0.0.1:"
            + port
            + " for GET /v2/keys/a: "
            + e.getCause()
            + "; is etcd running there?",
        e.getMessage());
    assertEquals(EtcdError.CONNECTION, e.error());
    assertEquals(EtcdException.NO_SERVER_CODE, e.serverCode());
  }

  @Test
  void aRefusedConnectionOnTheDefaultPortSaysEtcd3ListensOn2379() {
    client = new EtcdClient(EtcdSettings.builder().host("127.0.0.1").build());
    EtcdConnectionException e =
        assertThrows(EtcdConnectionException.class, () -> client.read("/a"));
    assertInstanceOf(ConnectException.class, e.getCause());
    assertEquals(
        "Cannot talk to etcd at http://127.0.0.1:4001 for GET /v2/keys/a: "
            + e.getCause()
            + "; is etcd running there? etcd 3 listens on port 2379 by default (4001 was etcd 2's): set port = 2379",
        e.getMessage());
  }

  @Test
  void lateHeadersBeyondTheReadTimeoutAreATimeout() {
    client = new EtcdClient(settings().readTimeout(Duration.ofMillis(300)).build());
    server.enqueue(new MockResponse.Builder().body("{}").headersDelay(3, TimeUnit.SECONDS).build());
    EtcdTimeoutException e = assertThrows(EtcdTimeoutException.class, () -> client.read("/a"));
    assertEquals(
        "etcd at http://"
            + server.getHostName()
            + ":"
            + server.getPort()
            + " did not answer GET"
            + " /v2/keys/a in time (read_timeout); the request may or may not have been applied",
        e.getMessage());
    assertInstanceOf(IOException.class, e.getCause());
  }

  @Test
  void aSlowBodyBeyondTheReadTimeoutIsATimeout() {
    client = new EtcdClient(settings().readTimeout(Duration.ofMillis(300)).build());
    server.enqueue(
        new MockResponse.Builder()
            .body("{\"action\":\"get\",\"node\":{\"key\":\"/a\",\"value\":\"1\"}}")
            .throttleBody(8, 1, TimeUnit.SECONDS)
            .build());
    assertThrows(EtcdTimeoutException.class, () -> client.read("/a"));
  }

  @Test
  void aReadTimeoutOfZeroWaits() {
    client = new EtcdClient(settings().readTimeout(Duration.ZERO).build());
    server.enqueue(
        new MockResponse.Builder()
            .body("{\"action\":\"get\",\"node\":{\"key\":\"/a\"}}")
            .headersDelay(500, TimeUnit.MILLISECONDS)
            .build());
    assertEquals("/a", client.read("/a").node().key());
  }

  // ---- the same exceptions through the async forms ----

  @Test
  void asyncErrorCodesMapToTheSameExceptions() {
    server.enqueue(error(404, 100, "Key not found", "/a", 7));
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> client().readAsync("/a", ReadOptions.defaults()).get(10, TimeUnit.SECONDS));
    EtcdKeyNotFoundException cause = assertInstanceOf(EtcdKeyNotFoundException.class, e.getCause());
    assertEquals("Key not found: /a (etcd error 100, index 7)", cause.getMessage());
  }

  @Test
  void asyncJoinGivesTheExceptionAsCompletionCause() {
    server.enqueue(error(412, 101, "Compare failed", "[old != new]", 9));
    CompletableFuture<EtcdResponse> future = client().compareAndSwapAsync("/a", "x", "old");
    CompletionException e = assertThrows(CompletionException.class, future::join);
    assertInstanceOf(EtcdCompareFailedException.class, e.getCause());
  }

  @Test
  void asyncUnauthorized() {
    server.enqueue(
        new MockResponse.Builder()
            .code(401)
            .body("{\"message\":\"Insufficient credentials\"}")
            .build());
    ExecutionException e =
        assertThrows(
            ExecutionException.class, () -> client().membersAsync().get(10, TimeUnit.SECONDS));
    assertEquals(
        EtcdError.UNAUTHORIZED, assertInstanceOf(EtcdException.class, e.getCause()).error());
  }

  @Test
  void asyncV2Disabled() {
    server.enqueue(new MockResponse.Builder().code(404).body("404 page not found\n").build());
    server.enqueue(
        new MockResponse.Builder()
            .body("{\"etcdserver\":\"3.5.16\",\"etcdcluster\":\"3.5.0\"}")
            .build());
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () ->
                client().writeAsync("/a", "1", WriteOptions.defaults()).get(10, TimeUnit.SECONDS));
    assertEquals(
        "etcd 3.5.16 at "
            + origin()
            + " does not serve the v2 API (PUT /v2/keys/a answered 404 page not"
            + " found); start it with --enable-v2=true, or set api = v3",
        e.getCause().getMessage());
  }

  @Test
  void asyncMalformedJson() {
    server.enqueue(new MockResponse.Builder().body("not json").build());
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> client().readAsync("/a", ReadOptions.defaults()).get(10, TimeUnit.SECONDS));
    EtcdException cause = assertInstanceOf(EtcdException.class, e.getCause());
    assertTrue(
        cause.getMessage().startsWith("etcd's answer to GET /v2/keys/a could not be read: "),
        cause.getMessage());
  }

  @Test
  void asyncCutConnection() {
    server.enqueue(
        new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> client().deleteAsync("/a", DeleteOptions.defaults()).get(10, TimeUnit.SECONDS));
    EtcdIndeterminateException lost =
        assertInstanceOf(EtcdIndeterminateException.class, e.getCause());
    String endpoint = "http://" + server.getHostName() + ":" + server.getPort();
    assertEquals(endpoint, lost.endpoint());
    assertTrue(
        lost.getMessage()
            .startsWith(
                "The outcome of DELETE /v2/keys/a is unknown: it reached etcd at "
                    + endpoint
                    + ", but the connection failed before the answer arrived ("),
        lost.getMessage());
    assertTrue(
        lost.getMessage()
            .endsWith(
                "). It was not retried, since repeating it could apply it twice; read"
                    + " the key to find out whether it was applied"),
        lost.getMessage());
  }

  @Test
  void asyncTimeout() {
    client = new EtcdClient(settings().readTimeout(Duration.ofMillis(300)).build());
    server.enqueue(new MockResponse.Builder().body("{}").headersDelay(3, TimeUnit.SECONDS).build());
    ExecutionException e =
        assertThrows(
            ExecutionException.class, () -> client.versionAsync().get(10, TimeUnit.SECONDS));
    assertInstanceOf(EtcdTimeoutException.class, e.getCause());
  }

  @Test
  void asyncRefusedConnection() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    client = new EtcdClient(EtcdSettings.builder().host("127.0.0.1").port(port).build());
    ExecutionException e =
        assertThrows(
            ExecutionException.class, () -> client.healthAsync().get(10, TimeUnit.SECONDS));
    EtcdConnectionException cause = assertInstanceOf(EtcdConnectionException.class, e.getCause());
    assertInstanceOf(ConnectException.class, cause.getCause());
  }

  // ---- helpers ----

  private EtcdResponse write() {
    return client().write("/a", "1");
  }

  private void assertConnectionFailure(EtcdConnectionException e, String request) {
    assertInstanceOf(IOException.class, e.getCause());
    String prefix =
        "Cannot talk to etcd at http://"
            + server.getHostName()
            + ":"
            + server.getPort()
            + " for "
            + request
            + ": ";
    assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
    assertTrue(e.getMessage().endsWith("; is etcd running there?"), e.getMessage());
  }

  private EtcdClient client() {
    if (client == null) {
      client = new EtcdClient(settings().build());
    }
    return client;
  }

  private EtcdSettings.Builder settings() {
    return EtcdSettings.builder().host(server.getHostName()).port(server.getPort());
  }

  private static MockResponse error(
      int status, int code, String message, String cause, long index) {
    String body =
        "{\"errorCode\":"
            + code
            + ",\"message\":\""
            + message
            + "\""
            + (cause == null ? "" : ",\"cause\":\"" + cause.replace("\"", "\\\"") + "\"")
            + ",\"index\":"
            + index
            + "}\n";
    return new MockResponse.Builder()
        .code(status)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }
}
