package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import link.etcd.EtcdClient;
import link.etcd.EtcdSettings;
import link.etcd.EtcdV3Client;
import link.etcd.middleware.EtcdMiddleware;
import link.etcd.testing.EtcdExtension;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/** The shop on Spring Boot 4 against etcd on the v2 API, its keys written as etcdctl writes them. */
@ExtendWith(EtcdExtension.class)
class ShopApplicationTest {
  @Test
  void readsFollowsAndServesItsConfigurationFromEtcd(EtcdProcess etcd) {
    EtcdSettings settings = EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort()).build();
    try (EtcdClient etcdctl = new EtcdClient(settings)) {
      etcdctl.write("/config/application/greeting/text", "hello from application");
      etcdctl.write("/config/application,prod/greeting/text", "hello from application,prod");
      etcdctl.write("/config/shop/greeting/text", "hello from shop");
      etcdctl.write("/config/application,prod/limits/max", "3");
      etcdctl.write("/config/shop,prod/limits/max", "7");
      etcdctl.write("/config/shop/hosts/1", "alpha");
      etcdctl.write("/config/shop/hosts/2", "beta");
      etcdctl.write("/shop/shop.conf/SHOP/workers", "4");

      try (ConfigurableApplicationContext shop = start(etcd.host(), etcd.clientPort(), "--spring.profiles.active=prod")) {
        Environment env = shop.getEnvironment();
        assertEquals("hello from shop", env.getProperty("greeting.text"));   // over application.properties too
        assertEquals("7", env.getProperty("limits.max"));
        assertEquals("alpha", env.getProperty("hosts[0]"));
        assertEquals(List.of("alpha", "beta"), Binder.get(env).bind("hosts", Bindable.listOf(String.class)).get());
        assertEquals(7, shop.getBean(Limits.class).getMax());
        assertEquals("hello from shop", shop.getBean(Greeter.class).greet());
        assertEquals(4, shop.getBean(ShopConfig.class).getWorkers());
        assertEquals(settings.endpoints(), shop.getBean(EtcdMiddleware.class).settings().endpoints());
        assertEquals(0, shop.getBeansOfType(EtcdV3Client.class).size());   // v2
        assertEquals(Status.UP, shop.getBean("etcdHealthIndicator", HealthIndicator.class).health().getStatus());

        etcdctl.write("/config/shop/greeting/text", "changed");
        etcdctl.write("/config/shop,prod/limits/max", "9");
        etcdctl.write("/shop/shop.conf/SHOP/workers", "5");
        within5s("changed", () -> env.getProperty("greeting.text"));
        within5s("changed", () -> shop.getBean(Greeter.class).greet());
        within5s(9, () -> shop.getBean(Limits.class).getMax());
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
