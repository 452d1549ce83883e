package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import link.etcd.testing.Etcd;
import link.etcd.testing.EtcdBinary;
import link.etcd.testing.EtcdCluster;
import link.etcd.testing.EtcdExtension;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The one Watch stream of a v3 client, on real etcd 3.4 and 3.5 without {@code --enable-v2}: many
 * watches go on one stream (counted by etcd itself, in its {@code /metrics}: gRPC Watch streams
 * started, watchers and watch streams open); closing one watcher cancels its watch in etcd and the
 * others keep delivering; a compacted watch resyncs beside the others; every watch resumes with no
 * change lost or repeated when the member it talks to is killed and restarted.
 */
final class V3WatchStreamEtcdTest {
  private static final AtomicLong PREFIXES = new AtomicLong();
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Pattern WATCH_STREAMS_STARTED =
      Pattern.compile(
          "(?m)^grpc_server_started_total\\{grpc_method=\"Watch\",grpc_service=\"etcdserverpb.Watch\","
              + "grpc_type=\"bidi_stream\"} (\\d+)$");
  private static final Pattern WATCHERS =
      Pattern.compile("(?m)^etcd_debugging_mvcc_watcher_total (\\d+)$");
  private static final Pattern OPEN_STREAMS =
      Pattern.compile("(?m)^etcd_debugging_mvcc_watch_stream_total (\\d+)$");

  @Nested
  @ExtendWith(EtcdExtension.class)
  final class Etcd34 extends Suite {
    Etcd34(EtcdProcess etcd) {
      super(etcd, EtcdBinary.DEFAULT);
    }
  }

  @Nested
  @ExtendWith(EtcdExtension.class)
  final class Etcd35WithoutV2 extends Suite {
    Etcd35WithoutV2(@Etcd(binary = EtcdBinary.V3_5, v2 = false) EtcdProcess etcd) {
      super(etcd, EtcdBinary.V3_5);
    }
  }

  abstract static class Suite {
    private final EtcdProcess etcd;
    private final EtcdBinary binary;
    private String prefix;
    private EtcdV3Client client;

    Suite(EtcdProcess etcd, EtcdBinary binary) {
      this.etcd = etcd;
      this.binary = binary;
    }

    @BeforeEach
    void open(TestInfo test) {
      prefix =
          "/v3-watch-stream/"
              + test.getTestMethod().orElseThrow().getName()
              + "-"
              + PREFIXES.incrementAndGet();
      client =
          new EtcdV3Client(
              EtcdSettings.builder()
                  .api(EtcdSettings.Api.V3)
                  .host(etcd.host())
                  .port(etcd.clientPort())
                  .build());
    }

    @AfterEach
    void close() {
      client.close();
    }

    @Test
    void twentyWatchesShareOneStreamAndAClosedOneIsCancelledInEtcd() throws Exception {
      int count = 20;
      long startedBefore = metric(WATCH_STREAMS_STARTED);
      long watchersBefore = metric(WATCHERS);
      List<Watcher> watchers = new ArrayList<>();
      List<BlockingQueue<WatchEvent>> events = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        BlockingQueue<WatchEvent> queue = new LinkedBlockingQueue<>();
        events.add(queue);
        watchers.add(client.watch(prefix + "/k" + i, queue::add));
      }
      awaitMetric(WATCHERS, n -> n >= watchersBefore + count, "20 more watchers in etcd");
      for (int i = 0; i < count; i++) {
        client.put(prefix + "/k" + i, "first " + i);
      }
      for (int i = 0; i < count; i++) {
        assertEquals(prefix + "/k" + i + "=first " + i, change(events.get(i)));
      }
      assertEquals(
          1,
          metric(WATCH_STREAMS_STARTED) - startedBefore,
          "etcd saw one Watch stream for " + count + " watches");

      long watchersOpen = metric(WATCHERS);
      watchers.get(0).close();
      assertFalse(watchers.get(0).isOpen());
      awaitMetric(
          WATCHERS, n -> n == watchersOpen - 1, "one watcher fewer in etcd after the cancel");
      for (int i = 0; i < count; i++) {
        client.put(prefix + "/k" + i, "second " + i);
      }
      for (int i = 1; i < count; i++) {
        assertEquals(prefix + "/k" + i + "=second " + i, change(events.get(i)));
        assertTrue(watchers.get(i).isOpen());
      }
      assertNull(events.get(0).poll(300, TimeUnit.MILLISECONDS), "the closed watch is quiet");
      assertEquals(1, metric(WATCH_STREAMS_STARTED) - startedBefore, "still the one stream");

      long streamsOpen = metric(OPEN_STREAMS);
      watchers.forEach(Watcher::close);
      awaitMetric(
          OPEN_STREAMS, n -> n <= streamsOpen - 1, "the stream ends with the last watch closed");
      client.put(prefix + "/k1", "third");
      Watcher again = client.watch(prefix + "/k1", events.get(1)::add);
      client.put(prefix + "/k1", "fourth");
      assertEquals(prefix + "/k1=fourth", change(events.get(1)));
      assertEquals(
          2, metric(WATCH_STREAMS_STARTED) - startedBefore, "the next watch opened a new stream");
      again.close();
    }

    @Test
    void aCompactedWatchResyncsWhileTheOtherWatchOnTheStreamGoesOn() throws Exception {
      long first = client.put(prefix + "/old/k", "1").revision();
      long last = client.put(prefix + "/old/k", "2").revision();
      client.compact(last, true);
      long startedBefore = metric(WATCH_STREAMS_STARTED);
      BlockingQueue<WatchEvent> live = new LinkedBlockingQueue<>();
      BlockingQueue<WatchEvent> old = new LinkedBlockingQueue<>();
      try (Watcher liveWatch =
              client.watch(
                  prefix + "/live", WatchOptions.defaults().withRecursive(true), live::add);
          Watcher oldWatch =
              client.watch(
                  prefix + "/old",
                  WatchOptions.defaults().withRecursive(true).withFromIndex(first),
                  old::add)) {
        WatchEvent.V3Resync resync = assertInstanceOf(WatchEvent.V3Resync.class, next(old));
        assertEquals(
            List.of(prefix + "/old/k=2"),
            resync.kvs().stream().map(kv -> kv.key() + "=" + kv.value()).toList());
        assertTrue(resync.revision() >= last);
        client.put(prefix + "/live/a", "x");
        client.put(prefix + "/old/k", "3");
        assertEquals(prefix + "/live/a=x", change(live));
        assertEquals(prefix + "/old/k=3", change(old));
        assertTrue(liveWatch.isOpen() && oldWatch.isOpen());
        assertEquals(1, metric(WATCH_STREAMS_STARTED) - startedBefore, "one stream for both");
      }
    }

    @Test
    void everyWatchResumesAcrossAKilledAndRestartedMemberWithNoChangeLostOrRepeated()
        throws Exception {
      int watches = 10;
      int rounds = 30;
      try (EtcdCluster cluster = EtcdCluster.start(binary, false)) {
        List<String> writerEndpoints =
            List.of(
                cluster.endpoints().get(1), cluster.endpoints().get(2), cluster.endpoints().get(0));
        try (EtcdV3Client watching =
                new EtcdV3Client(
                    EtcdSettings.builder()
                        .api(EtcdSettings.Api.V3)
                        .host(String.join(",", cluster.endpoints()))
                        .allowReconnect(true)
                        .build());
            EtcdV3Client writer =
                new EtcdV3Client(
                    EtcdSettings.builder()
                        .api(EtcdSettings.Api.V3)
                        .host(String.join(",", writerEndpoints))
                        .allowReconnect(true)
                        .build())) {
          List<BlockingQueue<WatchEvent>> events = new ArrayList<>();
          List<Watcher> watchers = new ArrayList<>();
          for (int w = 0; w < watches; w++) {
            BlockingQueue<WatchEvent> queue = new LinkedBlockingQueue<>();
            events.add(queue);
            watchers.add(
                watching.watch(
                    prefix + "/w" + w, WatchOptions.defaults().withRecursive(true), queue::add));
          }
          long started = System.nanoTime();
          for (int round = 0; round < rounds; round++) {
            for (int w = 0; w < watches; w++) {
              V3WatchEtcdTest.Suite.create(
                  writer, prefix + "/w" + w + "/r" + round, Integer.toString(round));
            }
            if (round == rounds / 3) {
              cluster.kill(0);
            }
            if (round == 2 * rounds / 3) {
              cluster.restart(0);
            }
          }
          List<String> expected = new ArrayList<>();
          for (int round = 0; round < rounds; round++) {
            expected.add(Integer.toString(round));
          }
          for (int w = 0; w < watches; w++) {
            List<String> values = new ArrayList<>();
            long lastRevision = 0;
            while (values.size() < rounds) {
              WatchEvent.V3Change change =
                  assertInstanceOf(WatchEvent.V3Change.class, next(events.get(w)));
              assertTrue(change.index() > lastRevision, "no change twice: " + change);
              lastRevision = change.index();
              values.add(change.kv().value());
            }
            assertEquals(expected, values, "watch " + w);
            assertNull(events.get(w).poll(100, TimeUnit.MILLISECONDS), "nothing more");
            assertTrue(watchers.get(w).isOpen());
          }
          System.out.printf(
              "v3 watch stream across a killed member (%s): %d watches x %d writes, every change"
                  + " once and in order, %.1f s%n",
              binary == EtcdBinary.DEFAULT ? "etcd 3.4" : "etcd 3.5",
              watches,
              rounds,
              (System.nanoTime() - started) / 1e9);
        }
      }
    }

    private long metric(Pattern pattern) throws Exception {
      HttpResponse<String> metrics =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(etcd.clientUrl() + "/metrics")).build(),
                  HttpResponse.BodyHandlers.ofString());
      Matcher found = pattern.matcher(metrics.body());
      assertTrue(found.find(), "etcd's /metrics has no " + pattern);
      return Long.parseLong(found.group(1));
    }

    private void awaitMetric(Pattern pattern, LongPredicate until, String what) throws Exception {
      long deadline = System.nanoTime() + WAIT.toNanos();
      long value;
      while (!until.test(value = metric(pattern))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(what + ": still " + value + " after " + WAIT);
        }
        Thread.sleep(50);
      }
    }

    private static WatchEvent next(BlockingQueue<WatchEvent> events) throws InterruptedException {
      WatchEvent event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertNotNull(event, "no event within " + WAIT);
      return event;
    }

    private static String change(BlockingQueue<WatchEvent> events) throws InterruptedException {
      WatchEvent.V3Change change = assertInstanceOf(WatchEvent.V3Change.class, next(events));
      return change.key() + "=" + change.kv().value();
    }
  }
}
