package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import link.etcd.EtcdSettings;
import link.etcd.EtcdV3Client;
import link.etcd.testing.Etcd;
import link.etcd.testing.EtcdBinary;
import link.etcd.testing.EtcdExtension;
import link.etcd.testing.EtcdProcess;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shop under SmallRye Config against etcd 3.5 on the v3 API, its keys written as etcdctl writes them. */
@ExtendWith(EtcdExtension.class)
class ShopTest {
  @Test
  void readsAndFollowsItsConfigurationInEtcd(@Etcd(binary = EtcdBinary.V3_5, v2 = false) EtcdProcess etcd) {
    EtcdSettings settings =
        EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort()).api(EtcdSettings.Api.V3).build();
    try (EtcdV3Client etcdctl = new EtcdV3Client(settings)) {
      etcdctl.put("/config/application/greeting/text", "hello from application");
      etcdctl.put("/config/application/limits/max", "3");
      etcdctl.put("/config/shop/greeting/text", "hello from shop");
      etcdctl.put("/config/shop/hosts/1", "alpha");
      etcdctl.put("/config/shop/hosts/2", "beta");

      Shop shop = new Shop(config(etcd.host(), etcd.clientPort(), Map.of()));
      assertEquals("hello from shop", shop.greeting());     // over application, and the properties file
      assertEquals(3, shop.maxOrders());
      assertEquals(List.of("alpha", "beta"), shop.hosts());

      etcdctl.put("/config/shop/greeting/text", "changed");
      within5s("changed", shop::greeting);
    }
  }

  @Test
  void stopsNamingTheEndpointWhenEtcdIsDown() throws IOException {
    int port = unusedPort();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> config("127.0.0.1", port, Map.of()));
    assertEquals("Cannot read /config/application and /config/shop from etcd at http://127.0.0.1:" + port + ": "
        + e.getCause().getMessage() + "; start etcd or point link.etcd.host and link.etcd.port at it,"
        + " or set link.etcd.config.optional=true to go on without it", e.getMessage());
  }

  @Test
  void goesOnWithoutEtcdWhenOptional() throws IOException {
    Config config = config("127.0.0.1", unusedPort(), Map.of("link.etcd.config.optional", "true"));
    assertEquals("hello from microprofile-config.properties", new Shop(config).greeting());
  }

  /** The configuration as ConfigProvider builds it, with etcd at host:port (as environment variables would set). */
  private static Config config(String host, int port, Map<String, String> more) {
    Map<String, String> overrides = new java.util.HashMap<>(more);
    overrides.put("link.etcd.host", host);
    overrides.put("link.etcd.port", Integer.toString(port));
    return ConfigProviderResolver.instance().getBuilder()
        .addDefaultSources()
        .addDiscoveredSources()
        .withSources(new Overrides(overrides))
        .build();
  }

  private record Overrides(Map<String, String> getProperties) implements ConfigSource {
    @Override public java.util.Set<String> getPropertyNames() { return getProperties.keySet(); }
    @Override public String getValue(String name) { return getProperties.get(name); }
    @Override public String getName() { return "test overrides"; }
    @Override public int getOrdinal() { return 300; }
  }

  private static int unusedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static <T> void within5s(T expected, Supplier<T> actual) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    T last = actual.get();
    while (!expected.equals(last) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      last = actual.get();
    }
    assertTrue(expected.equals(last), "expected " + expected + " within 5 s but was " + last);
  }
}
