package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The requests a {@link Watcher} sends, and how it resumes, re-polls and resyncs, against scripted
 * answers.
 */
final class WatcherRequestTest {
  private static final String CLEARED =
      "{\"errorCode\":401,\"message\":\"The event in requested index is outdated"
          + " and cleared\",\"cause\":\"the requested history has been cleared [1008/5]\",\"index\":2007}";

  @StartStop private final MockWebServer server = new MockWebServer();

  private final BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
  private EtcdClient client;
  private Watcher watcher;

  @AfterEach
  void close() {
    if (watcher != null) {
      watcher.close();
    }
    if (client != null) {
      client.close();
    }
  }

  @Test
  void resumesAtModifiedIndexPlusOne() throws Exception {
    server.enqueue(event("/a", "x", 7));
    server.enqueue(event("/a", "y", 9));
    watch("/a", WatchOptions.defaults().withFromIndex(5));

    assertTarget("/v2/keys/a?wait=true&waitIndex=5");
    assertTarget("/v2/keys/a?wait=true&waitIndex=8");
    assertTarget("/v2/keys/a?wait=true&waitIndex=10");
    assertEquals("x", change(next()).node().value());
    assertEquals("y", change(next()).node().value());
    assertEquals(10, watcher.nextIndex());
  }

  @Test
  void fromNowReadsTheKeyFirstAndWatchesFromTheIndexAfterIt() throws Exception {
    server.enqueue(
        json(
                200,
                "{\"action\":\"get\",\"node\":{\"key\":\"/a\",\"value\":\"1\",\"modifiedIndex\":3}}")
            .newBuilder()
            .addHeader("X-Etcd-Index", "41")
            .build());
    watch("/a", WatchOptions.defaults());

    assertTarget("/v2/keys/a");
    assertTarget("/v2/keys/a?wait=true&waitIndex=42");
  }

  @Test
  void fromNowOnAMissingKeyWatchesFromTheErrorsIndex() throws Exception {
    server.enqueue(
        json(
            404,
            "{\"errorCode\":100,\"message\":\"Key not found\",\"cause\":\"/a\",\"index\":12}"));
    watch("/a", WatchOptions.defaults());

    assertTarget("/v2/keys/a");
    assertTarget("/v2/keys/a?wait=true&waitIndex=13");
  }

  @Test
  void eventIndexClearedMakesOneRecursiveReadAndDeliversOneResync() throws Exception {
    server.enqueue(json(400, CLEARED));
    server.enqueue(
        json(
                200,
                "{\"action\":\"get\",\"node\":{\"key\":\"/d\",\"dir\":true,\"nodes\":["
                    + "{\"key\":\"/d/k\",\"value\":\"v\",\"modifiedIndex\":2000}]}}")
            .newBuilder()
            .addHeader("X-Etcd-Index", "2007")
            .build());
    server.enqueue(event("/d/k", "w", 2010));
    watch("/d", WatchOptions.defaults().withRecursive(true).withFromIndex(5));

    assertTarget("/v2/keys/d?recursive=true&wait=true&waitIndex=5");
    assertTarget("/v2/keys/d?recursive=true&sorted=true");
    assertTarget("/v2/keys/d?recursive=true&wait=true&waitIndex=2008");
    assertTarget("/v2/keys/d?recursive=true&wait=true&waitIndex=2011");
    WatchEvent.Resync resync = assertInstanceOf(WatchEvent.Resync.class, next());
    assertEquals(2007, resync.index());
    assertEquals("v", resync.snapshot().nodes().get(0).value());
    assertEquals("w", change(next()).node().value());
    assertNull(events.poll());
  }

  @Test
  void aPollWhoseIndexWentBackwardsIsCancelledForAResync() throws Exception {
    server.enqueue(
        json(
                200,
                "{\"action\":\"get\",\"node\":{\"key\":\"/a\",\"value\":\"1\",\"modifiedIndex\":3}}")
            .newBuilder()
            .addHeader("X-Etcd-Index", "41")
            .build());
    // etcd wiped: the poll for index 42 would wait until etcd's new history reaches 42; its headers
    // say 3.
    server.enqueue(
        event("/a", "late", 42)
            .newBuilder()
            .addHeader("X-Etcd-Index", "3")
            .bodyDelay(60, TimeUnit.SECONDS)
            .build());
    server.enqueue(
        json(
                200,
                "{\"action\":\"get\",\"node\":{\"key\":\"/a\",\"value\":\"new\",\"modifiedIndex\":4}}")
            .newBuilder()
            .addHeader("X-Etcd-Index", "4")
            .build());
    watch("/a", WatchOptions.defaults());

    assertTarget("/v2/keys/a");
    assertTarget("/v2/keys/a?wait=true&waitIndex=42");
    assertTarget("/v2/keys/a");
    assertTarget("/v2/keys/a?wait=true&waitIndex=5");
    WatchEvent.Resync resync = assertInstanceOf(WatchEvent.Resync.class, next());
    assertEquals(4, resync.index());
    assertEquals("new", resync.snapshot().value());
    assertEquals(5, watcher.nextIndex());
  }

  @Test
  void resyncOfAKeyThatIsGoneHasNoSnapshot() throws Exception {
    server.enqueue(json(400, CLEARED));
    server.enqueue(
        json(
            404,
            "{\"errorCode\":100,\"message\":\"Key not found\",\"cause\":\"/a\",\"index\":30}"));
    watch("/a", WatchOptions.defaults().withFromIndex(1));

    assertTarget("/v2/keys/a?wait=true&waitIndex=1");
    assertTarget("/v2/keys/a");
    assertTarget("/v2/keys/a?wait=true&waitIndex=31");
    assertEquals(new WatchEvent.Resync(null, 30), next());
  }

  @Test
  void anEmptyAnswerOrAClosedConnectionIsPolledAgainAtTheSameIndex() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).build());
    server.enqueue(
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(event("/a", "x", 7));
    watch("/a", WatchOptions.defaults().withFromIndex(5));

    assertTarget("/v2/keys/a?wait=true&waitIndex=5");
    assertTarget("/v2/keys/a?wait=true&waitIndex=5");
    assertTarget("/v2/keys/a?wait=true&waitIndex=5");
    assertEquals("x", change(next()).node().value());
    assertTarget("/v2/keys/a?wait=true&waitIndex=8");
  }

  @Test
  void aPollLongerThanThePollTimeoutIsEndedAndPolledAgain() throws Exception {
    server.enqueue(event("/a", "late", 7).newBuilder().headersDelay(5, TimeUnit.SECONDS).build());
    server.enqueue(event("/a", "x", 7));
    long started = System.nanoTime();
    watch("/a", WatchOptions.defaults().withFromIndex(5).withPollTimeout(Duration.ofSeconds(1)));

    assertTarget("/v2/keys/a?wait=true&waitIndex=5");
    assertTarget("/v2/keys/a?wait=true&waitIndex=5");
    assertEquals("x", change(next()).node().value());
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertTrue(millis >= 1000 && millis < 4500, "re-polled after " + millis + " ms");
  }

  @Test
  void aFailedPollIsRetriedAfterABackoff() throws Exception {
    server.enqueue(
        json(500, "{\"errorCode\":300,\"message\":\"Raft Internal Error\",\"index\":6}"));
    server.enqueue(
        json(400, "{\"errorCode\":400,\"message\":\"watcher is cleared due to etcd recovery\"}"));
    server.enqueue(event("/a", "x", 7));
    watch("/a", WatchOptions.defaults().withFromIndex(5));

    assertTarget("/v2/keys/a?wait=true&waitIndex=5");
    assertTarget("/v2/keys/a?wait=true&waitIndex=5");
    assertTarget("/v2/keys/a?wait=true&waitIndex=5");
    assertEquals("x", change(next()).node().value());
  }

  @Test
  void aThrowingListenerDoesNotStopTheWatcher() throws Exception {
    server.enqueue(event("/a", "x", 7));
    server.enqueue(event("/a", "y", 8));
    AtomicInteger calls = new AtomicInteger();
    watch(
        "/a",
        WatchOptions.defaults().withFromIndex(5),
        event -> {
          events.add(event);
          if (calls.incrementAndGet() == 1) {
            throw new IllegalStateException("listener bug");
          }
        });

    assertEquals("x", change(next()).node().value());
    assertEquals("y", change(next()).node().value());
    assertTrue(watcher.isOpen());
  }

  @Test
  void closeCancelsThePollInFlight() throws Exception {
    watch("/a", WatchOptions.defaults().withFromIndex(5));
    assertTarget("/v2/keys/a?wait=true&waitIndex=5");

    watcher.close();

    assertFalse(watcher.isOpen());
    server.enqueue(event("/a", "x", 7));
    assertNull(server.takeRequest(500, TimeUnit.MILLISECONDS));
    assertNull(events.poll(200, TimeUnit.MILLISECONDS));
  }

  @Test
  void closingTheClientEndsItsWatchers() throws Exception {
    watch("/a", WatchOptions.defaults().withFromIndex(5));
    assertTarget("/v2/keys/a?wait=true&waitIndex=5");

    client.close();

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (watcher.isOpen() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertFalse(watcher.isOpen());
  }

  @Test
  void badKeysAndOptionsAreRefusedBeforeAnyIo() {
    client =
        new EtcdClient(
            EtcdSettings.builder().host(server.getHostName()).port(server.getPort()).build());
    IllegalArgumentException key =
        assertThrows(IllegalArgumentException.class, () -> client.watch("/a/../b", events::add));
    assertEquals("Key segment '..' is not allowed in '/a/../b'", key.getMessage());
    IllegalArgumentException index =
        assertThrows(
            IllegalArgumentException.class, () -> WatchOptions.defaults().withFromIndex(-1));
    assertEquals("fromIndex must be 0 (from now) or positive but was -1", index.getMessage());
    IllegalArgumentException timeout =
        assertThrows(
            IllegalArgumentException.class,
            () -> WatchOptions.defaults().withPollTimeout(Duration.ofMillis(10)));
    assertEquals("pollTimeout must be at least 1 s but was PT0.01S", timeout.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  private void watch(String key, WatchOptions options) {
    watch(key, options, events::add);
  }

  private void watch(
      String key, WatchOptions options, java.util.function.Consumer<WatchEvent> listener) {
    client =
        new EtcdClient(
            EtcdSettings.builder().host(server.getHostName()).port(server.getPort()).build());
    watcher = client.watch(key, options, listener);
  }

  private WatchEvent next() throws InterruptedException {
    WatchEvent event = events.poll(10, TimeUnit.SECONDS);
    assertTrue(event != null, "no event within 10 s");
    return event;
  }

  private static EtcdResponse change(WatchEvent event) {
    return assertInstanceOf(WatchEvent.Change.class, event).response();
  }

  private void assertTarget(String target) throws InterruptedException {
    RecordedRequest request = server.takeRequest(10, TimeUnit.SECONDS);
    assertTrue(request != null, "no request for " + target);
    assertEquals("GET " + target, request.getMethod() + " " + request.getTarget());
  }

  private static MockResponse event(String key, String value, long index) {
    return json(
        200,
        "{\"action\":\"set\",\"node\":{\"key\":\""
            + key
            + "\",\"value\":\""
            + value
            + "\",\"modifiedIndex\":"
            + index
            + ",\"createdIndex\":"
            + index
            + "}}");
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }
}
