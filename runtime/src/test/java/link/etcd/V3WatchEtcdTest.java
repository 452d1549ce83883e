package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
 * {@link EtcdV3Client#watch} on real etcd 3.4 and on 3.5 without {@code --enable-v2}: order, resume
 * across a killed member, compaction, permission denied, token expiry. Each test works under its
 * own key prefix.
 */
final class V3WatchEtcdTest {
  private static final AtomicLong PREFIXES = new AtomicLong();
  private static final Duration WAIT = Duration.ofSeconds(20);

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
    private final BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();

    Suite(EtcdProcess etcd, EtcdBinary binary) {
      this.etcd = etcd;
      this.binary = binary;
    }

    EtcdSettings.Builder settings() {
      return EtcdSettings.builder()
          .api(EtcdSettings.Api.V3)
          .host(etcd.host())
          .port(etcd.clientPort());
    }

    @BeforeEach
    void open(TestInfo test) {
      prefix =
          "/v3-watch-test/"
              + test.getTestMethod().orElseThrow().getName()
              + "-"
              + PREFIXES.incrementAndGet();
      client = new EtcdV3Client(settings().build());
    }

    @AfterEach
    void close() {
      client.close();
    }

    @Test
    void changesArriveInRevisionOrderWithTheirActions() throws Exception {
      try (Watcher watcher =
          client.watch(prefix, WatchOptions.defaults().withRecursive(true), events::add)) {
        client.put(prefix + "/a", "1");
        client.put(prefix + "/a", "2");
        client.put(prefix + "-sibling", "not under " + prefix);
        client.put(prefix + "/b/c", "3");
        client.deleteRange(prefix + "/a");
        List<String> seen = new ArrayList<>();
        long last = 0;
        for (int i = 0; i < 4; i++) {
          WatchEvent.V3Change change = assertInstanceOf(WatchEvent.V3Change.class, next());
          assertTrue(change.index() > last, "revisions increase");
          last = change.index();
          EtcdV3Client.KeyValue kv = change.kv();
          EtcdV3Client.KeyValue before = change.prevKv();
          seen.add(
              change.type()
                  + " "
                  + kv.key()
                  + "="
                  + kv.value()
                  + " v"
                  + kv.version()
                  + " created@"
                  + (kv.createRevision() == 0 ? "-" : kv.createRevision() - change.index())
                  + " before="
                  + (before == null ? "none" : before.value() + " v" + before.version()));
        }
        assertEquals(
            List.of(
                "PUT " + prefix + "/a=1 v1 created@0 before=none",
                "PUT " + prefix + "/a=2 v2 created@-1 before=1 v1",
                "PUT " + prefix + "/b/c=3 v1 created@0 before=none",
                "DELETE " + prefix + "/a= v0 created@- before=2 v2"),
            seen);
        assertEquals(last + 1, watcher.nextIndex());
        assertTrue(watcher.isOpen());
      }
      assertEquals(null, events.poll(300, TimeUnit.MILLISECONDS));
    }

    @Test
    void aWatchWithoutPrevKvDeliversTheChangesWithoutTheKeyBefore() throws Exception {
      WatchOptions options = WatchOptions.defaults().withRecursive(true).withPrevKv(false);
      try (Watcher watcher = client.watch(prefix, options, events::add)) {
        client.put(prefix + "/a", "1");
        client.put(prefix + "/a", "2");
        client.deleteRange(prefix + "/a");
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          WatchEvent.V3Change change = assertInstanceOf(WatchEvent.V3Change.class, next());
          seen.add(change.type() + " " + change.kv().value() + " before=" + change.prevKv());
        }
        assertEquals(
            List.of("PUT 1 before=null", "PUT 2 before=null", "DELETE  before=null"), seen);
        assertTrue(watcher.isOpen());
      }
    }

    @Test
    void aListenerAskingWhereTheWatcherStandsSeesTheRevisionAfterItsEvent() throws Exception {
      AtomicReference<Watcher> self = new AtomicReference<>();
      BlockingQueue<String> seen = new LinkedBlockingQueue<>();
      try (Watcher watcher =
          client.watch(
              prefix,
              WatchOptions.defaults().withRecursive(true),
              event -> seen.add(event.index() + " then " + self.get().nextIndex()))) {
        self.set(watcher);
        long first = client.put(prefix + "/a", "1").revision();
        long second = client.put(prefix + "/a", "2").revision();
        assertEquals(
            first + " then " + (first + 1), seen.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(
            second + " then " + (second + 1), seen.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS));
      }
    }

    @Test
    void aWatchFromACompactedRevisionResyncsOnceThenGoesOn() throws Exception {
      long first = client.put(prefix + "/k", "1").revision();
      client.put(prefix + "/k", "2");
      client.put(prefix + "/dir/", "");
      long last = client.put(prefix + "/dir/x", "3").revision();
      client.compact(last, true);
      try (Watcher watcher =
          client.watch(
              prefix,
              WatchOptions.defaults().withRecursive(true).withFromIndex(first),
              events::add)) {
        WatchEvent.V3Resync resync = assertInstanceOf(WatchEvent.V3Resync.class, next());
        assertTrue(resync.index() >= last);
        assertEquals(
            List.of(prefix + "/dir/x=3", prefix + "/k=2"),
            resync.kvs().stream().map(kv -> kv.key() + "=" + kv.value()).toList(),
            "the keys at the resync's revision, without the marker " + prefix + "/dir/");
        client.put(prefix + "/k", "4");
        WatchEvent.V3Change change = assertInstanceOf(WatchEvent.V3Change.class, next());
        assertEquals("4", change.kv().value());
        assertEquals("2", change.prevKv().value());
        assertTrue(watcher.isOpen());
      }
    }

    @Test
    void permissionDeniedEndsTheWatchWithOneFailedEventAndAnExpiredTokenIsRenewed()
        throws Exception {
      try (EtcdProcess secured =
          EtcdProcess.builder().binary(binary).v2(false).flags("--auth-token-ttl=2").start()) {
        enableAuth(secured.clientUrl());
        EtcdSettings reader =
            EtcdSettings.builder()
                .api(EtcdSettings.Api.V3)
                .host(secured.host())
                .port(secured.clientPort())
                .username("reader")
                .password("reader-pw")
                .build();
        EtcdSettings root =
            EtcdSettings.builder()
                .api(EtcdSettings.Api.V3)
                .host(secured.host())
                .port(secured.clientPort())
                .username("root")
                .password("root-pw")
                .build();
        try (EtcdV3Client readerClient = new EtcdV3Client(reader);
            EtcdV3Client rootClient = new EtcdV3Client(root)) {
          // From a given revision: without one, watch() would first read /secret, and fail at once.
          Watcher denied =
              readerClient.watch(
                  "/secret",
                  WatchOptions.defaults().withRecursive(true).withFromIndex(1),
                  events::add);
          WatchEvent.Failed failed = assertInstanceOf(WatchEvent.Failed.class, next());
          assertEquals(EtcdError.PERMISSION_DENIED, failed.error().error());
          assertEquals(
              "etcd cancelled the watch of /secret ("
                  + permissionDenied()
                  + "); grant the user a role"
                  + " that may read /secret and everything under it",
              failed.error().getMessage());
          assertFalse(denied.isOpen());
          assertEquals(null, events.poll(500, TimeUnit.MILLISECONDS), "no retry loop");

          // The token lives 2 s unused; the stream is renewed after 4 s of silence, with a stale
          // token by then.
          Watcher allowed =
              readerClient.watch(
                  "/allowed",
                  WatchOptions.defaults()
                      .withRecursive(true)
                      .withPollTimeout(Duration.ofSeconds(4)),
                  events::add);
          Thread.sleep(6_500);
          rootClient.put("/allowed/after-expiry", "yes");
          WatchEvent.V3Change change = assertInstanceOf(WatchEvent.V3Change.class, next());
          assertEquals("/allowed/after-expiry", change.key());
          assertTrue(allowed.isOpen());
          allowed.close();
        }
      }
    }

    private String permissionDenied() {
      return "rpc error: code = PermissionDenied desc = etcdserver: permission denied";
    }

    @Test
    void aWatchResumesAcrossAKilledAndRestartedMemberWithNoGapAndNoDuplicate() throws Exception {
      int writes = 300;
      try (EtcdCluster cluster = EtcdCluster.start(binary, false)) {
        EtcdSettings.Builder clusterSettings =
            EtcdSettings.builder()
                .api(EtcdSettings.Api.V3)
                .host(String.join(",", cluster.endpoints()))
                .allowReconnect(true);
        // The watcher talks to member 0 first; the writer to member 1 first.
        List<String> writerEndpoints =
            List.of(
                cluster.endpoints().get(1), cluster.endpoints().get(2), cluster.endpoints().get(0));
        try (EtcdV3Client watching = new EtcdV3Client(clusterSettings.build());
            EtcdV3Client writer =
                new EtcdV3Client(
                    EtcdSettings.builder()
                        .api(EtcdSettings.Api.V3)
                        .host(String.join(",", writerEndpoints))
                        .allowReconnect(true)
                        .build());
            Watcher watcher =
                watching.watch(prefix, WatchOptions.defaults().withRecursive(true), events::add)) {
          long started = System.nanoTime();
          for (int i = 0; i < writes; i++) {
            create(writer, prefix + "/k" + i, Integer.toString(i));
            if (i == writes / 3) {
              cluster.kill(0);
            }
            if (i == 2 * writes / 3) {
              cluster.restart(0);
            }
          }
          List<String> values = new ArrayList<>();
          long last = 0;
          int duplicates = 0;
          while (values.size() < writes) {
            WatchEvent.V3Change change = assertInstanceOf(WatchEvent.V3Change.class, next());
            if (change.index() <= last) {
              duplicates++;
            }
            last = change.index();
            values.add(change.kv().value());
          }
          List<String> expected = new ArrayList<>();
          for (int i = 0; i < writes; i++) {
            expected.add(Integer.toString(i));
          }
          System.out.printf(
              "v3 watch across a killed member (%s): %d writes, %d events, %d duplicates,"
                  + " %d missing, %.1f s%n",
              binary == EtcdBinary.DEFAULT ? "etcd 3.4" : "etcd 3.5",
              writes,
              values.size(),
              duplicates,
              expected.stream().filter(v -> !values.contains(v)).count(),
              (System.nanoTime() - started) / 1e9);
          assertEquals(expected, values);
          assertEquals(0, duplicates);
          assertTrue(watcher.isOpen());
        }
      }
    }

    /**
     * Creates {@code key}; a create is safe to repeat when etcd's answer was lost or it had no
     * leader.
     */
    static void create(EtcdV3Client writer, String key, String value) throws InterruptedException {
      for (int attempt = 1; ; attempt++) {
        try {
          writer
              .txn()
              .when(EtcdV3Client.Compare.createRevision(key, EtcdV3Client.Compare.Result.EQUAL, 0))
              .then(EtcdV3Client.Op.put(key, value))
              .commit();
          return;
        } catch (EtcdException e) {
          if (!(e.retryable() || e.error() == EtcdError.OUTCOME_UNKNOWN) || attempt == 50) {
            throw e;
          }
          Thread.sleep(100);
        }
      }
    }

    private WatchEvent next() throws InterruptedException {
      WatchEvent event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertNotNull(event, "no event within " + WAIT);
      return event;
    }

    /**
     * root (role root) and reader (may read /allowed/ only), then auth on: what etcdctl would do.
     */
    private static void enableAuth(String url) throws Exception {
      post(url, "/v3/auth/role/add", "{\"name\":\"root\"}");
      post(url, "/v3/auth/user/add", "{\"name\":\"root\",\"password\":\"root-pw\"}");
      post(url, "/v3/auth/user/grant", "{\"user\":\"root\",\"role\":\"root\"}");
      post(url, "/v3/auth/role/add", "{\"name\":\"allowed-reader\"}");
      post(
          url,
          "/v3/auth/role/grant",
          "{\"name\":\"allowed-reader\",\"perm\":{\"permType\":\"READ\",\"key\":\""
              + base64("/allowed")
              + "\",\"range_end\":\""
              + base64("/allowed0")
              + "\"}}");
      post(url, "/v3/auth/user/add", "{\"name\":\"reader\",\"password\":\"reader-pw\"}");
      post(url, "/v3/auth/user/grant", "{\"user\":\"reader\",\"role\":\"allowed-reader\"}");
      post(url, "/v3/auth/enable", "{}");
    }

    private static String base64(String text) {
      return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void post(String url, String path, String json) throws Exception {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url + path))
                      .POST(HttpRequest.BodyPublishers.ofString(json))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), path + ": " + response.body());
    }
  }
}
