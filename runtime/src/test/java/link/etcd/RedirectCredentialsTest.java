package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Basic-auth credentials follow a redirect within one origin, and never to another one. */
final class RedirectCredentialsTest {
  private static final String BODY =
      "{\"action\":\"set\",\"node\":{\"key\":\"/a\",\"value\":\"v\"}}";

  private final MockWebServer first = new MockWebServer();
  private final MockWebServer second = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    first.start();
    second.start();
  }

  @AfterEach
  void stop() {
    first.close();
    second.close();
  }

  private EtcdClient client() {
    return new EtcdClient(
        EtcdSettings.builder()
            .host(first.getHostName())
            .port(first.getPort())
            .username("root")
            .password("secret")
            .build());
  }

  @Test
  void credentialsAreNotSentToAnotherOrigin() throws Exception {
    second.enqueue(new MockResponse.Builder().code(201).body(BODY).build());
    first.enqueue(
        new MockResponse.Builder()
            .code(307)
            .addHeader("Location", second.url("/v2/keys/a").toString())
            .build());
    try (EtcdClient client = client()) {
      assertEquals("v", client.write("/a", "v").node().value());
    }
    RecordedRequest original = first.takeRequest(1, TimeUnit.SECONDS);
    RecordedRequest redirected = second.takeRequest(1, TimeUnit.SECONDS);
    assertNotNull(original.getHeaders().get("Authorization"));
    assertEquals("PUT", redirected.getMethod());
    assertNull(redirected.getHeaders().get("Authorization"));
  }

  @Test
  void credentialsFollowARedirectWithinTheOrigin() throws Exception {
    first.enqueue(new MockResponse.Builder().code(307).addHeader("Location", "/v2/keys/b").build());
    first.enqueue(new MockResponse.Builder().code(201).body(BODY).build());
    try (EtcdClient client = client()) {
      client.write("/a", "v");
    }
    first.takeRequest(1, TimeUnit.SECONDS);
    RecordedRequest redirected = first.takeRequest(1, TimeUnit.SECONDS);
    assertEquals("/v2/keys/b", redirected.getTarget());
    assertNotNull(redirected.getHeaders().get("Authorization"));
  }
}
