package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import link.etcd.EtcdSettings;
import link.etcd.EtcdV3Client;
import link.etcd.middleware.EtcdMiddleware;
import link.etcd.testing.EtcdExtension;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The shop without spring-cloud-context or Actuator, against etcd 3.4 on the v3 API: the Environment follows etcd and
 * the application hears of each change.
 */
@ExtendWith(EtcdExtension.class)
class ShopApplicationTest {
  @Test
  void readsFollowsAndServesItsConfigurationFromEtcd(EtcdProcess etcd) {
    EtcdSettings settings =
        EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort()).api(EtcdSettings.Api.V3).build();
    try (EtcdV3Client etcdctl = new EtcdV3Client(settings)) {
      etcdctl.put("/config/application/greeting/text", "hello from application");
      etcdctl.put("/config/application,prod/greeting/text", "hello from application,prod");
      etcdctl.put("/config/shop/greeting/text", "hello from shop");
      etcdctl.put("/config/application,prod/limits/max", "3");
      etcdctl.put("/config/shop,prod/limits/max", "7");
      etcdctl.put("/config/shop/hosts/1", "alpha");
      etcdctl.put("/config/shop/hosts/2", "beta");
      etcdctl.put("/shop/shop.conf/SHOP/workers", "4");

      try (ConfigurableApplicationContext shop = start(etcd.host(), etcd.clientPort(), "--spring.profiles.active=prod")) {
        Environment env = shop.getEnvironment();
        assertEquals("hello from shop", env.getProperty("greeting.text"));   // over application.properties too
        assertEquals("7", env.getProperty("limits.max"));
        assertEquals("alpha", env.getProperty("hosts[0]"));
        assertEquals(List.of("alpha", "beta"), Binder.get(env).bind("hosts", Bindable.listOf(String.class)).get());
        assertEquals(7, shop.getBean(Limits.class).max());
        assertEquals(4, shop.getBean(ShopConfig.class).getWorkers());
        assertEquals(settings.endpoints(), shop.getBean(EtcdMiddleware.class).settings().endpoints());
        assertEquals(1, shop.getBeansOfType(EtcdV3Client.class).size());
        assertEquals(false, shop.containsBean("etcdHealthIndicator"));   // no Actuator

        etcdctl.put("/config/shop/greeting/text", "changed");
        etcdctl.put("/config/shop,prod/limits/max", "9");
        etcdctl.put("/shop/shop.conf/SHOP/workers", "5");
        within5s("changed", () -> env.getProperty("greeting.text"));
        within5s("9", () -> env.getProperty("limits.max"));
        within5s(true, () -> shop.getBean(ChangeLog.class).changed().containsAll(List.of("/config/shop", "/config/shop,prod")));
        within5s(5, () -> shop.getBean(ShopConfig.class).getWorkers());
      }
    }
  }

  @Test
  void startsWithoutEtcdWhenTheImportIsOptional() throws IOException {
    try (ConfigurableApplicationContext shop = start("127.0.0.1", unusedPort(), "--spring.config.import=optional:etcd:")) {
      assertEquals("hello from application.properties", shop.getEnvironment().getProperty("greeting.text"));
    }
  }

  @Test
  void stopsNamingTheEndpointWhenEtcdIsDown() throws IOException {
    int port = unusedPort();
    RuntimeException e = assertThrows(RuntimeException.class,
        () -> start("127.0.0.1", port, "--link.etcd.config.retry.max-attempts=2", "--link.etcd.config.retry.initial-interval=100ms"));
    assertEquals("Cannot read /config/shop for spring.config.import=etcd: from etcd at http://127.0.0.1:" + port
        + " (2 attempts, see link.etcd.config.retry.*): " + e.getCause().getMessage()
        + "; start etcd or point link.etcd.host and link.etcd.port at it, or import optional:etcd: to start without it",
        e.getMessage());
  }

  /** Starts the shop as its main method does, with etcd at host:port. */
  private static ConfigurableApplicationContext start(String host, int port, String... args) {
    List<String> all = new ArrayList<>(List.of("--link.etcd.host=" + host, "--link.etcd.port=" + port));
    all.addAll(List.of(args));
    return SpringApplication.run(ShopApplication.class, all.toArray(String[]::new));
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
