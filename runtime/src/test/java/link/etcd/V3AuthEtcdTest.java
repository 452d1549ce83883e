package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import link.etcd.EtcdV3Types.RangeOptions;
import link.etcd.testing.EtcdBinary;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * v3 auth against real etcd 3.4 and 3.5 (v3 only) with auth enabled: a root user and a user whose
 * role may only read {@code /pub/}. Each version runs on a member of its own, since auth is
 * cluster-wide.
 */
final class V3AuthEtcdTest {
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  final class Etcd34 extends Suite {
    Etcd34() {
      super(EtcdBinary.DEFAULT);
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  final class Etcd35WithoutV2 extends Suite {
    Etcd35WithoutV2() {
      super(EtcdBinary.V3_5);
    }
  }

  abstract static class Suite {
    private static final HttpClient HTTP =
        HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    private final EtcdBinary binary;
    private EtcdProcess etcd;

    Suite(EtcdBinary binary) {
      this.binary = binary;
    }

    @BeforeAll
    void startEtcdWithAuth() throws Exception {
      etcd = EtcdProcess.builder().binary(binary).v2(false).start();
      post("/v3/auth/role/add", "{\"name\":\"root\"}");
      post("/v3/auth/user/add", "{\"name\":\"root\",\"password\":\"r00t-pw\"}");
      post("/v3/auth/user/grant", "{\"user\":\"root\",\"role\":\"root\"}");
      post("/v3/auth/role/add", "{\"name\":\"reader\"}");
      post(
          "/v3/auth/role/grant",
          "{\"name\":\"reader\",\"perm\":{\"permType\":\"READ\",\"key\":\""
              + base64("/pub/")
              + "\",\"range_end\":\""
              + base64("/pub0")
              + "\"}}");
      post("/v3/auth/user/add", "{\"name\":\"alice\",\"password\":\"al1ce-pw\"}");
      post("/v3/auth/user/grant", "{\"user\":\"alice\",\"role\":\"reader\"}");
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
      return Base64.getEncoder()
          .encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private EtcdSettings.Builder settings() {
      return EtcdSettings.builder().api(EtcdSettings.Api.V3).host(etcd.clientUrl());
    }

    @Test
    void theRightPasswordWritesAndReads() {
      try (EtcdV3Client root =
          new EtcdV3Client(settings().username("root").password("r00t-pw").build())) {
        root.put("/pub/a/1", "1");
        assertEquals("1", root.range("/pub/a/1").kvs().get(0).value());
      }
      try (EtcdV3Client alice =
          new EtcdV3Client(settings().username("alice").password("al1ce-pw").build())) {
        assertEquals(
            List.of("/pub/a/1"),
            alice
                .range(
                    "/pub/a/",
                    RangeOptions.defaults().withRangeEnd(EtcdV3Client.prefixEnd("/pub/a/")))
                .kvs()
                .stream()
                .map(EtcdV3Client.KeyValue::key)
                .toList());
      }
    }

    @Test
    void aWrongPasswordIsRefusedWithoutEchoingIt() {
      List<LogRecord> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
      Handler capture =
          new Handler() {
            @Override
            public void publish(LogRecord record) {
              logged.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
          };
      Logger root = Logger.getLogger("");
      root.addHandler(capture);
      Level level = root.getLevel();
      root.setLevel(Level.ALL);
      try (EtcdV3Client wrong =
          new EtcdV3Client(settings().username("root").password("wr0ng-pw").build())) {
        EtcdException e = assertThrows(EtcdException.class, () -> wrong.range("/pub/a"));
        assertEquals(EtcdError.UNAUTHORIZED, e.error());
        assertEquals(
            "etcd refused to authenticate at "
                + etcd.clientUrl()
                + " (POST /etcdserverpb.Auth/Authenticate):"
                + " etcdserver: authentication failed, invalid user ID or password (gRPC code 3); check the username"
                + " and password",
            e.getMessage());
        assertFalse(wrong.toString().contains("wr0ng-pw"), wrong.toString());
      } finally {
        root.removeHandler(capture);
        root.setLevel(level);
      }
      for (LogRecord record : logged) {
        assertFalse(String.valueOf(record.getMessage()).contains("wr0ng-pw"), record.getMessage());
      }
    }

    @Test
    void withoutCredentialsEtcdSaysAuthIsOn() {
      try (EtcdV3Client anonymous = new EtcdV3Client(settings().build())) {
        EtcdException e = assertThrows(EtcdException.class, () -> anonymous.range("/pub/a"));
        assertEquals(EtcdError.UNAUTHORIZED, e.error());
        assertEquals(
            "etcdserver: user name is empty (gRPC code 3, POST /etcdserverpb.KV/Range); this etcd has auth enabled:"
                + " set username and password",
            e.getMessage());
      }
    }

    @Test
    void aRoleWithoutWriteIsDenied() {
      try (EtcdV3Client alice =
          new EtcdV3Client(settings().username("alice").password("al1ce-pw").build())) {
        EtcdException e = assertThrows(EtcdException.class, () -> alice.put("/pub/b", "2"));
        assertEquals(EtcdError.PERMISSION_DENIED, e.error());
        assertEquals(
            "etcdserver: permission denied (gRPC code 7, POST /etcdserverpb.KV/Put); grant the user a role that"
                + " allows it",
            e.getMessage());
      }
    }

    @Test
    void theTokenIsReusedAcrossCallsAndAsyncCalls() throws Exception {
      try (EtcdV3Client root =
          new EtcdV3Client(settings().username("root").password("r00t-pw").build())) {
        for (int i = 0; i < 5; i++) {
          root.putAsync("/pub/n" + i, "v", EtcdV3Client.PutOptions.defaults()).get();
        }
        assertEquals(
            5,
            root.range("/pub/n", RangeOptions.defaults().withRangeEnd("/pub/o").withCountOnly(true))
                .count());
      }
    }
  }
}
