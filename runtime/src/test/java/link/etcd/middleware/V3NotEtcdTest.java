package link.etcd.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.EtcdSettings;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Protocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server that is not etcd answers {@code 200 {}} to every request: every tree call on the v3 API
 * fails with an {@link EtcdException} saying the answer is not etcd's, never with a wrong result or
 * a raw {@code ArrayIndexOutOfBoundsException}.
 */
final class V3NotEtcdTest {
  @StartStop private final MockWebServer server = h2c();

  /** HTTP/2 with prior knowledge, as the v3 client speaks to an {@code http://} endpoint. */
  private static MockWebServer h2c() {
    MockWebServer server = new MockWebServer();
    server.setProtocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
    return server;
  }

  private EtcdMiddleware middleware;

  @BeforeEach
  void open() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body("{}")
                .build();
          }
        });
    middleware =
        new EtcdMiddleware(
            EtcdSettings.builder()
                .api(EtcdSettings.Api.V3)
                .host(server.getHostName())
                .port(server.getPort())
                .build());
  }

  @AfterEach
  void close() {
    middleware.close();
  }

  private void assertNotEtcd(String call, Consumer<EtcdMiddleware> use) {
    EtcdException e = assertThrows(EtcdException.class, () -> use.accept(middleware), call);
    assertEquals(EtcdError.UNKNOWN, e.error(), call + ": " + e.getMessage());
    assertEquals(
        true,
        e.getMessage().contains("is not etcd's")
            && e.getMessage().contains(server.getHostName() + ":" + server.getPort()),
        call + ": " + e.getMessage());
  }

  @Test
  void everyTreeCallSaysTheAnswerIsNotEtcds() {
    assertNotEtcd("get", m -> m.get("/a"));
    assertNotEtcd("contains", m -> m.contains("/a"));
    assertNotEtcd("set", m -> m.set("/a", Map.of("b", "1")));
    assertNotEtcd("set with a ttl", m -> m.set("/a", new Expiring("1", Duration.ofSeconds(5))));
    assertNotEtcd("merge", m -> m.merge("/a/b", Map.of("c", "1")));
    assertNotEtcd("delete", m -> m.delete("/a"));
    assertNotEtcd("ttl", m -> m.ttl("/a"));
    assertNotEtcd("append", m -> m.append("/q", "x"));
    assertNotEtcd("get a list", m -> m.get("/q", List.class));
  }
}
