package link.etcd.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import link.etcd.EtcdClient;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.EtcdSettings;
import link.etcd.ReadOptions;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How {@link EtcdMiddleware} spreads a tree write over concurrent requests, and how it reads
 * answers.
 */
final class EtcdMiddlewareRequestTest {
  private static final String NOT_FOUND =
      "{\"errorCode\":100,\"message\":\"Key not found\",\"cause\":\"/t\"," + "\"index\":7}";
  private static final String NOT_A_FILE =
      "{\"errorCode\":102,\"message\":\"Not a file\",\"cause\":\"%s\"," + "\"index\":9}";

  @StartStop private final MockWebServer server = new MockWebServer();

  private EtcdMiddleware middleware;

  @AfterEach
  void close() {
    if (middleware != null) {
      middleware.close();
    }
  }

  private EtcdMiddleware middleware(int perHostPoolSize) {
    middleware =
        new EtcdMiddleware(
            EtcdSettings.builder()
                .host(server.getHostName())
                .port(server.getPort())
                .perHostPoolSize(perHostPoolSize)
                .build());
    return middleware;
  }

  private static Map<String, Object> leaves(int count) {
    Map<String, Object> tree = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      tree.put("k" + i, "v" + i);
    }
    return tree;
  }

  private static MockResponse ok(RecordedRequest request) {
    return new MockResponse.Builder()
        .code(200)
        .body(
            "{\"action\":\"set\",\"node\":{\"key\":\""
                + request.getUrl().encodedPath().substring("/v2/keys".length())
                + "\",\"value\":\"v\"}}")
        .build();
  }

  /**
   * Answers the plan's first read with "key not found", and every other request with {@code
   * answer}.
   */
  private void dispatch(Function<RecordedRequest, MockResponse> answer) {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if (request.getMethod().equals("GET")) {
              return new MockResponse.Builder().code(404).body(NOT_FOUND).build();
            }
            return answer.apply(request);
          }
        });
  }

  @Test
  void aTreeWriteHasAtMostPerHostPoolSizeRequestsInFlight() {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    AtomicInteger puts = new AtomicInteger();
    CountDownLatch firstWave = new CountDownLatch(4);
    dispatch(
        request -> {
          maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          firstWave.countDown();
          await(firstWave);
          try {
            Thread.sleep(5);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          puts.incrementAndGet();
          inFlight.decrementAndGet();
          return ok(request);
        });
    middleware(4).set("/t", leaves(40));
    assertEquals(40, puts.get());
    assertEquals(4, maxInFlight.get());
  }

  @Test
  void requestsInFlightWhenOneFailsAreAwaitedAndReported() {
    CountDownLatch allArrived = new CountDownLatch(3);
    dispatch(
        request -> {
          allArrived.countDown();
          await(allArrived);
          String path = request.getUrl().encodedPath();
          return path.endsWith("/k1") ? notAFile(path) : ok(request);
        });
    EtcdPartialWriteException e =
        assertThrows(EtcdPartialWriteException.class, () -> middleware(3).set("/t", leaves(3)));
    assertEquals(List.of("PUT /t/k0", "PUT /t/k2"), e.done());
    assertEquals(List.of("PUT /t/k1"), e.failed());
    assertEquals(List.of(), e.notDone());
    assertEquals(
        "The tree write at /t stopped part way: PUT /t/k1 failed (Not a file: /t/k1 (etcd error 102,"
            + " index 9)); 2 request(s) done [PUT /t/k0, PUT /t/k2], 0 not sent []. Write the tree again to finish it.",
        e.getMessage());
  }

  @Test
  void aValueEtcdRefusesAsTooLargeIsNotReportedAsFixedByWritingAgain() {
    dispatch(
        request ->
            request.getUrl().encodedPath().endsWith("/k1")
                ? new MockResponse.Builder()
                    .code(400)
                    .body(
                        "{\"errorCode\":210,\"message\":\"Invalid POST form\","
                            + "\"cause\":\"http: POST too large\",\"index\":0}")
                    .build()
                : ok(request));
    EtcdPartialWriteException e =
        assertThrows(EtcdPartialWriteException.class, () -> middleware(1).set("/t", leaves(3)));
    assertEquals(EtcdError.TOO_LARGE, e.error());
    assertEquals(
        "The tree write at /t stopped part way: PUT /t/k1 failed (Invalid POST form: http: POST too large"
            + " (etcd error 210, index 0)); 1 request(s) done [PUT /t/k0], 1 not sent [PUT /t/k2]. etcd refuses PUT /t/k1"
            + " as too large, so writing the tree again cannot finish it: make that value smaller (keep large data"
            + " elsewhere and store a reference in etcd), then write the tree.",
        e.getMessage());
  }

  @Test
  void everyFailureInFlightIsReportedAndNothingMoreIsSent() {
    CountDownLatch allArrived = new CountDownLatch(3);
    AtomicInteger puts = new AtomicInteger();
    dispatch(
        request -> {
          puts.incrementAndGet();
          allArrived.countDown();
          await(allArrived);
          String path = request.getUrl().encodedPath();
          if (!path.endsWith("/k1")) {
            return notAFile(path);
          }
          try {
            Thread.sleep(
                500); // the failures arrive first, so the permit k1 frees finds the write stopped
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return ok(request);
        });
    EtcdPartialWriteException e =
        assertThrows(EtcdPartialWriteException.class, () -> middleware(3).set("/t", leaves(10)));
    assertEquals(3, puts.get());
    assertEquals(List.of("PUT /t/k1"), e.done());
    assertEquals(Set.of("PUT /t/k0", "PUT /t/k2"), Set.copyOf(e.failed()));
    assertEquals(1, e.getSuppressed().length);
    assertEquals(
        EtcdError.NOT_A_FILE, assertInstanceOf(EtcdException.class, e.getSuppressed()[0]).error());
    List<String> notSent = new ArrayList<>();
    for (int i = 3; i < 10; i++) {
      notSent.add("PUT /t/k" + i);
    }
    assertEquals(notSent, e.notDone());
    assertTrue(e.getMessage().contains(" and 1 more failed [PUT /t/k"), e.getMessage());
  }

  @Test
  void whenNothingWasAppliedTheFirstFailureIsThrownAsItIs() {
    CountDownLatch allArrived = new CountDownLatch(2);
    dispatch(
        request -> {
          allArrived.countDown();
          await(allArrived);
          return notAFile(request.getUrl().encodedPath());
        });
    EtcdException e = assertThrows(EtcdException.class, () -> middleware(2).set("/t", leaves(5)));
    assertSame(EtcdException.class, e.getClass());
    assertEquals(EtcdError.NOT_A_FILE, e.error());
    assertEquals(1, e.getSuppressed().length);
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void getMapsEveryAnswerAsReadDoes() {
    MockResponse noV2 = new MockResponse.Builder().code(404).body("404 page not found\n").build();
    List<MockResponse> answers =
        List.of(
            new MockResponse.Builder().code(404).body(NOT_FOUND).build(),
            noV2,
            new MockResponse.Builder().code(500).body("<html>oops</html>").build(),
            new MockResponse.Builder()
                .code(401)
                .body("{\"message\":\"Insufficient credentials\"}")
                .build(),
            new MockResponse.Builder()
                .code(200)
                .body("{\"action\":\"get\",\"node\":{\"key\":\"/t\",\"dir\":tr")
                .build(),
            new MockResponse.Builder().code(200).body("{\"action\":\"get\"}").build(),
            new MockResponse.Builder().code(200).body("[]").build());
    EtcdMiddleware middleware = middleware(10);
    EtcdClient client = middleware.client();
    for (MockResponse answer : answers) {
      // A 404 that is not JSON is followed by GET /version, to name the server; here it answers 404
      // too.
      for (int i = 0; i < (answer == noV2 ? 4 : 2); i++) {
        server.enqueue(answer);
      }
      EtcdException byRead =
          assertThrows(
              EtcdException.class,
              () -> client.read("/t", ReadOptions.defaults().withRecursive(true)));
      EtcdException byGet = assertThrows(EtcdException.class, () -> middleware.get("/t"));
      assertSame(byRead.getClass(), byGet.getClass());
      assertEquals(byRead.getMessage(), byGet.getMessage());
      assertEquals(byRead.error(), byGet.error());
      assertEquals(byRead.serverCode(), byGet.serverCode());
      assertEquals(byRead.index(), byGet.index());
    }
  }

  @Test
  void getDecodesNestedDirectoriesListsAndUnknownFields() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body(
                "{\"action\":\"get\",\"node\":{\"key\":\"/t\","
                    + "\"dir\":true,\"nodes\":[{\"key\":\"/t/a\",\"value\":\"1\",\"ttl\":5,\"expiration\":\"x\"},"
                    + "{\"key\":\"/t/l\",\"dir\":true,\"nodes\":[{\"key\":\"/t/l/10\",\"value\":\"ten\"},"
                    + "{\"key\":\"/t/l/9\",\"value\":\"nine\"},{\"key\":\"/t/l/010\",\"value\":\"ten again\"}]},"
                    + "{\"key\":\"/t/items\",\"dir\":true,\"nodes\":[{\"key\":\"/t/items/10\",\"value\":\"j\"},"
                    + "{\"key\":\"/t/items/2\",\"value\":\"b\"},"
                    + items(1)
                    + items(3)
                    + items(4)
                    + items(5)
                    + items(6)
                    + items(7)
                    + items(8)
                    + items(9).replaceFirst(",$", "")
                    + "]},"
                    + "{\"nodes\":[],\"key\":\"/t/m\",\"dir\":true},{\"key\":\"/t/n\",\"value\":null,\"extra\":{\"a\":[1]}}],"
                    + "\"modifiedIndex\":3,\"createdIndex\":3}}")
            .build());
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("a", "1");
    Map<String, Object> notItems = new LinkedHashMap<>();
    notItems.put("10", "ten");
    notItems.put("9", "nine");
    notItems.put("010", "ten again");
    expected.put("l", notItems);
    expected.put("items", List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"));
    expected.put("m", Map.of());
    expected.put("n", "");
    assertEquals(expected, middleware(10).get("/t"));
  }

  @Test
  void getAsksForNoSortAndOrdersEachDirectoryItself() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body(
                "{\"action\":\"get\",\"node\":{\"key\":\"/t\","
                    + "\"dir\":true,\"nodes\":[{\"key\":\"/t/b\",\"value\":\"2\"},{\"key\":\"/t/\uD83D\uDE00\",\"value\":\"5\"},"
                    + "{\"key\":\"/t/\uFF5E\",\"value\":\"4\"},{\"key\":\"/t/a\",\"dir\":true,\"nodes\":["
                    + "{\"key\":\"/t/a/y\",\"value\":\"y\"},{\"key\":\"/t/a/x\",\"value\":\"x\"}]},"
                    + "{\"key\":\"/t/B\",\"value\":\"3\"}]}}")
            .build());
    @SuppressWarnings("unchecked")
    Map<String, Object> tree = (Map<String, Object>) middleware(10).get("/t");
    assertEquals("/v2/keys/t?recursive=true", server.takeRequest().getTarget());
    assertEquals(List.of("B", "a", "b", "\uFF5E", "\uD83D\uDE00"), List.copyOf(tree.keySet()));
    @SuppressWarnings("unchecked")
    Map<String, Object> a = (Map<String, Object>) tree.get("a");
    assertEquals(List.of("x", "y"), List.copyOf(a.keySet()));
  }

  /**
   * One item of the directory {@code /t/items}, named {@code n}, holding the n-th letter; a comma
   * follows.
   */
  private static String items(int n) {
    return "{\"key\":\"/t/items/" + n + "\",\"value\":\"" + (char) ('a' + n - 1) + "\"},";
  }

  private static MockResponse notAFile(String path) {
    String key = path.substring("/v2/keys".length());
    return new MockResponse.Builder().code(403).body(String.format(NOT_A_FILE, key)).build();
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(10, TimeUnit.SECONDS), "requests did not arrive together");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
