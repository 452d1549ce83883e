package link.etcd.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.EtcdSettings;
import link.etcd.testing.EtcdBinary;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A user whose role is {@code readwrite --prefix=true /app/}, as operators scope roles, on etcd 3.5
 * (v3 only) with auth enabled: every tree call under {@code /app/} works, since a write compares
 * and reads only keys inside the subtree it writes.
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
}
