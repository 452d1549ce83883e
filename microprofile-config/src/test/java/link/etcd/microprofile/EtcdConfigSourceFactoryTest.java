package link.etcd.microprofile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import link.etcd.EtcdSettings;
import link.etcd.EtcdV3Client;
import link.etcd.testing.Etcd;
import link.etcd.testing.EtcdBinary;
import link.etcd.testing.EtcdExtension;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The etcd config source under SmallRye Config, against etcd 3.5 on the v3 API. */
@ExtendWith(EtcdExtension.class)
class EtcdConfigSourceFactoryTest {
  @Test
  void readsTheApplicationsContextsAndFollowsEtcd(
      @Etcd(binary = EtcdBinary.V3_5, v2 = false) EtcdProcess etcd) {
    EtcdSettings settings =
        EtcdSettings.builder()
            .host(etcd.host())
            .port(etcd.clientPort())
            .api(EtcdSettings.Api.V3)
            .build();
    try (EtcdV3Client etcdctl = new EtcdV3Client(settings)) {
      etcdctl.put("/mp/application/greeting/text", "hello from application");
      etcdctl.put("/mp/application/shared", "from application");
      etcdctl.put("/mp/shop/greeting/text", "hello from shop");
      etcdctl.put("/mp/shop/hosts/1", "alpha");
      etcdctl.put("/mp/shop/hosts/2", "beta");

      SmallRyeConfig config =
          config(
              Map.of(
                  "link.etcd.host", etcd.host(),
                  "link.etcd.port", Integer.toString(etcd.clientPort()),
                  "link.etcd.api", "v3",
                  "link.etcd.config.prefix", "/mp",
                  "link.etcd.config.name", "shop",
                  "greeting.text", "from the properties"));

      assertEquals("hello from shop", config.getValue("greeting.text", String.class));
      assertEquals("from application", config.getValue("shared", String.class));
      assertEquals(List.of("alpha", "beta"), config.getValues("hosts", String.class));
      assertEquals(
          270,
          config.getConfigValue("greeting.text").getSourceOrdinal(),
          config.getConfigValue("greeting.text").getSourceName());

      etcdctl.put("/mp/shop/greeting/text", "changed");
      within(
          Duration.ofSeconds(10), "changed", () -> config.getValue("greeting.text", String.class));
    }
  }

  @Test
  void stopsNamingTheEndpointWhenEtcdIsDown() throws IOException {
    int port = unusedPort();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                config(
                    Map.of(
                        "link.etcd.host", "127.0.0.1",
                        "link.etcd.port", Integer.toString(port),
                        "link.etcd.api", "v3",
                        "link.etcd.config.name", "shop")));
    assertEquals(
        "Cannot read /config/application and /config/shop from etcd at http://127.0.0.1:"
            + port
            + ": "
            + e.getCause().getMessage()
            + "; start etcd or point link.etcd.host and link.etcd.port at it,"
            + " or set link.etcd.config.optional=true to go on without it",
        e.getMessage());
  }

  @Test
  void goesOnWithoutEtcdWhenOptional() throws IOException {
    Map<String, String> properties = new HashMap<>();
    properties.put("link.etcd.host", "127.0.0.1");
    properties.put("link.etcd.port", Integer.toString(unusedPort()));
    properties.put("link.etcd.config.optional", "true");
    properties.put("greeting.text", "from the properties");
    SmallRyeConfig config = config(properties);
    assertEquals("from the properties", config.getValue("greeting.text", String.class));
    assertEquals(Optional.empty(), config.getOptionalValue("hosts", String.class));
  }

  private static SmallRyeConfig config(Map<String, String> properties) {
    return new SmallRyeConfigBuilder()
        .withSources(new PropertiesConfigSource(properties, "test.properties", 100))
        .addDiscoveredSources()
        .build();
  }

  private static int unusedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static <T> void within(Duration bound, T expected, Supplier<T> actual) {
    long deadline = System.nanoTime() + bound.toNanos();
    T last = actual.get();
    while (!expected.equals(last) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      last = actual.get();
    }
    assertTrue(
        expected.equals(last), "expected " + expected + " within " + bound + " but was " + last);
  }
}
