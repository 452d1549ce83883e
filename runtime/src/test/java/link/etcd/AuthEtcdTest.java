package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import link.etcd.conf.ConfDriver;
import link.etcd.driver.EtcdConfDriver;
import link.etcd.middleware.EtcdMiddleware;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Basic auth against etcd's v2 auth, enabled here on an etcd of this class's own: a root user, and
 * a user whose role may only read and write {@code /app/*}; the guest role loses its access.
 */
final class AuthEtcdTest {
  private static final String ROOT_PASSWORD = "r00t-pa55";
  private static final String ALICE_PASSWORD = "al1ce-pa55";

  private static EtcdProcess etcd;

  @BeforeAll
  static void enableAuth() throws Exception {
    etcd = EtcdProcess.start();
    put(
        "/v2/auth/users/root",
        "{\"user\":\"root\",\"password\":\"" + ROOT_PASSWORD + "\"}",
        null,
        201);
    put(
        "/v2/auth/roles/app",
        "{\"role\":\"app\",\"permissions\":{\"kv\":{\"read\":[\"/app/*\"],\"write\":[\"/app/*\"]}}}",
        null,
        201);
    put(
        "/v2/auth/users/alice",
        "{\"user\":\"alice\",\"password\":\"" + ALICE_PASSWORD + "\",\"roles\":[\"app\"]}",
        null,
        200);
    put("/v2/auth/enable", "", null, 200);
    put(
        "/v2/auth/roles/guest",
        "{\"role\":\"guest\",\"revoke\":{\"kv\":{\"read\":[\"/*\"],\"write\":[\"/*\"]}}}",
        "root:" + ROOT_PASSWORD,
        200);
  }

  @AfterAll
  static void stop() {
    if (etcd != null) {
      etcd.close();
    }
  }

  private static void put(String path, String body, String credentials, int expected)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(etcd.clientUrl() + path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body));
    if (credentials != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(expected, response.statusCode(), path + ": " + response.body());
  }

  private static EtcdSettings.Builder settings() {
    return EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort());
  }

  @Test
  void aWatchOfAKeyTheUserMayNotReadEndsAndTellsTheListener() throws Exception {
    BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
    try (EtcdClient alice =
            new EtcdClient(settings().username("alice").password(ALICE_PASSWORD).build());
        Watcher watcher =
            alice.watch("/other/key", WatchOptions.defaults().withFromIndex(1), events::add)) {
      WatchEvent.Failed failed = (WatchEvent.Failed) events.poll(10, TimeUnit.SECONDS);
      assertEquals(EtcdError.UNAUTHORIZED, failed.error().error());
      assertEquals(
          "The watch of /other/key ended at index 1: The request requires user authentication:"
              + " Insufficient credentials (etcd error 110, index 0)",
          failed.error().getMessage());
      assertEquals(1, failed.index());
      assertFalse(watcher.isOpen());
      assertNull(events.poll(300, TimeUnit.MILLISECONDS), "an event after the end");
    }
  }

  @Test
  void aWatchWhosePermissionIsRevokedEndsAndTellsTheListenerAndTheConfDriver() throws Exception {
    put(
        "/v2/auth/roles/watcher",
        "{\"role\":\"watcher\",\"permissions\":{\"kv\":{\"read\":[\"/w/*\"],\"write\":[]}}}",
        "root:" + ROOT_PASSWORD,
        201);
    put(
        "/v2/auth/users/bob",
        "{\"user\":\"bob\",\"password\":\"b0b-pa55\",\"roles\":[\"watcher\"]}",
        "root:" + ROOT_PASSWORD,
        200);
    BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
    BlockingQueue<RuntimeException> ends = new LinkedBlockingQueue<>();
    try (EtcdClient root =
            new EtcdClient(settings().username("root").password(ROOT_PASSWORD).build());
        EtcdMiddleware bob =
            new EtcdMiddleware(settings().username("bob").password("b0b-pa55").build())) {
      root.write("/w/conf/HTTP/port", "80");
      Watcher watcher = bob.client().watch("/w/k", WatchOptions.defaults(), events::add);
      ConfDriver.Subscription conf = new EtcdConfDriver(bob).watch("/w/conf", () -> {}, ends::add);
      put(
          "/v2/auth/roles/watcher",
          "{\"role\":\"watcher\",\"revoke\":{\"kv\":{\"read\":[\"/w/*\"]}}}",
          "root:" + ROOT_PASSWORD,
          200);
      root.write("/w/k", "v");
      root.write("/w/conf/HTTP/port", "81");
      WatchEvent last = events.poll(10, TimeUnit.SECONDS);
      if (last instanceof WatchEvent.Change) {
        last = events.poll(10, TimeUnit.SECONDS);
      }
      assertEquals(EtcdError.UNAUTHORIZED, ((WatchEvent.Failed) last).error().error());
      assertFalse(watcher.isOpen());
      RuntimeException ended = ends.poll(10, TimeUnit.SECONDS);
      assertEquals(EtcdError.UNAUTHORIZED, ((EtcdException) ended).error());
      conf.close();
    }
  }

  @Test
  void aUserMayUseWhatItsRoleAllows() {
    try (EtcdMiddleware alice =
        new EtcdMiddleware(settings().username("alice").password(ALICE_PASSWORD).build())) {
      alice.set("/app/config", Map.of("port", "8080"));
      assertEquals(Map.of("port", "8080"), alice.get("/app/config"));
    }
  }

  @Test
  void aUserIsRefusedWhatItsRoleDoesNotAllow() {
    try (EtcdClient alice =
        new EtcdClient(settings().username("alice").password(ALICE_PASSWORD).build())) {
      EtcdException e = assertUnauthorized(() -> alice.write("/other/key", "v"));
      // etcd 3.4 sends errorCode 110 with this refusal (MockWebServer tests cover the variant
      // without a code).
      assertEquals(
          "The request requires user authentication: Insufficient credentials (etcd error 110, index 0)",
          e.getMessage());
      assertEquals(110, e.serverCode());
      assertFalse(e.getMessage().contains(ALICE_PASSWORD));
    }
  }

  @Test
  void withoutCredentialsTheGuestIsRefused() {
    try (EtcdClient guest = new EtcdClient(settings().build())) {
      assertUnauthorized(() -> guest.read("/app/config"));
    }
  }

  @Test
  void aWrongPasswordIsRefusedWithoutShowingIt() {
    String wrong = "wr0ng-pa55";
    EtcdSettings settings = settings().username("alice").password(wrong).build();
    try (EtcdClient client = new EtcdClient(settings)) {
      EtcdException e = assertUnauthorized(() -> client.read("/app"));
      assertFalse(e.getMessage().contains(wrong), e.getMessage());
      assertFalse(client.toString().contains(wrong), client.toString());
      assertFalse(settings.toString().contains(wrong), settings.toString());
    }
  }

  @Test
  void rootMayDoEverything() {
    try (EtcdClient root =
        new EtcdClient(settings().username("root").password(ROOT_PASSWORD).build())) {
      root.write("/anywhere/key", "v");
      assertTrue(root.read("/anywhere/key").node().value().equals("v"));
    }
  }

  @Test
  void credentialsNeverReachTheLogs() throws Exception {
    List<String> logged = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            logged.add(new SimpleFormatter().format(record));
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    capture.setLevel(Level.ALL);
    Logger library = Logger.getLogger("link.etcd");
    Level previous = library.getLevel();
    library.setLevel(Level.ALL);
    library.addHandler(capture);
    String wrong = "wr0ng-l0gged?";
    try (EtcdClient alice =
            new EtcdClient(settings().username("alice").password(ALICE_PASSWORD).build());
        EtcdClient intruder = new EtcdClient(settings().username("alice").password(wrong).build());
        Watcher refused =
            alice.watch("/other", WatchOptions.defaults().withFromIndex(1), event -> {})) {
      assertUnauthorized(() -> intruder.write("/app/x", "v"));
      assertUnauthorized(() -> alice.write("/other/x", "v"));
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (logged.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertFalse(refused.isOpen(), "a refused watch ends");
    } finally {
      library.removeHandler(capture);
      library.setLevel(previous);
    }
    assertFalse(logged.isEmpty(), "the refused watch logged nothing");
    for (String record : logged) {
      assertFalse(
          record.contains(ALICE_PASSWORD)
              || record.contains(wrong)
              || record.contains(ROOT_PASSWORD),
          record);
      assertFalse(record.contains("Authorization") || record.contains("Basic "), record);
    }
  }

  private static EtcdException assertUnauthorized(Executable call) {
    EtcdException e = assertThrows(EtcdException.class, call);
    assertEquals(EtcdError.UNAUTHORIZED, e.error(), e.getMessage());
    return e;
  }
}
