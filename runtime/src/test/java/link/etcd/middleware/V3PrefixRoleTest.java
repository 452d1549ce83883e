package link.etcd.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.EtcdSettings;
import link.etcd.EtcdV3Client;
import link.etcd.EtcdV3Types.DeleteRangeOptions;
import link.etcd.testing.EtcdBinary;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A user whose role is {@code readwrite --prefix=true /app/}, as operators scope roles, on etcd 3.5
 * (v3 only) with auth enabled: every tree call under {@code /app/} works, since a write compares
 * and reads only keys inside the subtree it writes; and {@link TreeSync} diffs, applies, reads the
 * history of and rolls back {@code /app} and a path below it, though the role reaches neither the
 * key {@code /app} itself nor anything above it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class V3PrefixRoleTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

  private EtcdProcess etcd;

  @BeforeAll
  void startEtcdWithAuth() throws Exception {
    etcd = EtcdProcess.builder().binary(EtcdBinary.V3_5).v2(false).start();
    post("/v3/auth/role/add", "{\"name\":\"root\"}");
    post("/v3/auth/user/add", "{\"name\":\"root\",\"password\":\"r00t-pw\"}");
    post("/v3/auth/user/grant", "{\"user\":\"root\",\"role\":\"root\"}");
    post("/v3/auth/role/add", "{\"name\":\"app-rw\"}");
    post(
        "/v3/auth/role/grant",
        "{\"name\":\"app-rw\",\"perm\":{\"permType\":\"READWRITE\",\"key\":\""
            + base64("/app/")
            + "\",\"range_end\":\""
            + base64("/app0")
            + "\"}}");
    post("/v3/auth/user/add", "{\"name\":\"bob\",\"password\":\"b0b-pw\"}");
    post("/v3/auth/user/grant", "{\"user\":\"bob\",\"role\":\"app-rw\"}");
    post("/v3/auth/enable", "{}");
  }

  @AfterAll
  void stop() {
    if (etcd != null) {
      etcd.close();
    }
  }

  private void post(String path, String json) throws IOException, InterruptedException {
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(etcd.clientUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), answer.body());
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private EtcdMiddleware as(String user, String password) {
    return new EtcdMiddleware(
        EtcdSettings.builder()
            .api(EtcdSettings.Api.V3)
            .host(etcd.clientUrl())
            .username(user)
            .password(password)
            .build());
  }

  @Test
  void aPrefixScopedRoleWritesEveryTreeCallUnderItsPrefix() {
    try (EtcdMiddleware bob = as("bob", "b0b-pw")) {
      bob.set("/app/cfg", Map.of("port", "80", "db", Map.of("host", "h")));
      bob.merge("/app/cfg", Map.of("debug", "on"));
      bob.set("/app/cfg/db/host", "h2");
      bob.merge("/app/cfg/deep/er/still", Map.of("x", "1"));
      bob.append("/app/queue", "job");
      assertEquals(
          Map.of(
              "port",
              "80",
              "db",
              Map.of("host", "h2"),
              "debug",
              "on",
              "deep",
              Map.of("er", Map.of("still", Map.of("x", "1")))),
          bob.get("/app/cfg"));
      assertEquals(List.of("job"), bob.get("/app/queue", List.class));
      assertEquals(true, bob.contains("/app/cfg/db"));
      assertEquals(java.util.Optional.empty(), bob.ttl("/app/cfg/db"));
      bob.set("/app/cfg", Map.of("port", "81"));
      assertEquals(Map.of("port", "81"), bob.get("/app/cfg"));
      bob.delete("/app/cfg");
      EtcdException outside = assertThrows(EtcdException.class, () -> bob.set("/other", "x"));
      assertEquals(EtcdError.PERMISSION_DENIED, outside.error());
    }
    try (EtcdMiddleware root = as("root", "r00t-pw")) {
      assertEquals(List.of("job"), root.get("/app/queue", List.class));
      assertEquals(false, root.contains("/app/cfg"));
    }
  }

  @Test
  void aPrefixScopedRoleDiffsAppliesReadsHistoryAndRollsBackItsTree() {
    try (EtcdMiddleware root = as("root", "r00t-pw")) {
      root.v3Client()
          .deleteRange(
              "/app", DeleteRangeOptions.defaults().withRangeEnd(EtcdV3Client.prefixEnd("/app")));
    }
    try (EtcdMiddleware bob = as("bob", "b0b-pw")) {
      TreeSync sync = new TreeSync(bob);
      Map<String, Object> first = new LinkedHashMap<>();
      first.put("port", "80");
      first.put("hosts", List.of("a", "b"));
      TreeDiff diff = sync.diff("/app", first);
      assertEquals(
          List.of("+ /app/hosts/1 = a", "+ /app/hosts/2 = b", "+ /app/port = 80"),
          diff.changes().stream().map(TreeChange::toString).toList());
      sync.apply(diff);
      assertEquals(first, bob.get("/app"));
      assertTrue(sync.diff("/app", first).isEmpty());
      long firstRevision = bob.v3Client().range("/app/port").kvs().get(0).modRevision();

      TreeDiff second = sync.diff("/app", Map.of("port", "81"));
      assertEquals(
          List.of("- /app/hosts/1", "- /app/hosts/2", "~ /app/port: 80 -> 81"),
          second.changes().stream().map(TreeChange::toString).toList());
      sync.apply(second);
      assertEquals(Map.of("port", "81"), bob.get("/app"));

      TreeDiff stale = sync.diff("/app", Map.of("port", "82"));
      bob.v3Client().put("/app/extra", "by another writer");
      EtcdException changed = assertThrows(EtcdException.class, () -> sync.apply(stale));
      assertEquals(EtcdError.COMPARE_FAILED, changed.error());
      bob.v3Client().deleteRange("/app/extra");

      // Newest first: the other writer's delete and put, the second apply, the first apply (the
      // class's other test may have written under /app before).
      List<Long> since =
          sync.history("/app", 20).revisions().stream()
              .map(TreeHistory.Revision::revision)
              .filter(revision -> revision >= firstRevision)
              .toList();
      assertEquals(4, since.size(), since.toString());
      assertEquals(firstRevision, since.get(3));

      TreeDiff back = sync.rollback("/app", firstRevision);
      assertEquals(
          List.of("+ /app/hosts/1 = a", "+ /app/hosts/2 = b", "~ /app/port: 81 -> 80"),
          back.changes().stream().map(TreeChange::toString).toList());
      assertEquals(first, bob.get("/app"));

      sync.apply(sync.diff("/app/svc/deep", Map.of("x", "1")));
      assertEquals(Map.of("x", "1"), bob.get("/app/svc/deep"));
      EtcdException outside =
          assertThrows(EtcdException.class, () -> sync.diff("/other", Map.of("x", "1")));
      assertEquals(EtcdError.PERMISSION_DENIED, outside.error());
    }
    try (EtcdMiddleware root = as("root", "r00t-pw")) {
      assertEquals(false, root.contains("/other"));
      assertEquals("80", root.get("/app/port"));
    }
  }
}
