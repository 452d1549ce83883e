package link.etcd.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import link.etcd.EtcdClient;
import link.etcd.EtcdSettings;
import link.etcd.EtcdV3Client;
import link.etcd.spring.actuate.EtcdHealthIndicator;
import link.etcd.spring.config.EtcdConfigDataException;
import link.etcd.spring.shop.ChangeCounter;
import link.etcd.spring.shop.Greeter;
import link.etcd.spring.shop.Limits;
import link.etcd.spring.shop.ShopApplication;
import link.etcd.spring.shop.ShopConfig;
import link.etcd.testing.Etcd;
import link.etcd.testing.EtcdBinary;
import link.etcd.testing.EtcdExtension;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * {@code spring.config.import=etcd:} against a real etcd, on both APIs, with keys written as
 * etcdctl writes them (no directory markers).
 */
@ExtendWith(EtcdExtension.class)
class EtcdConfigDataTest {
  private static final Duration CHANGE_SEEN_WITHIN = Duration.ofSeconds(10);
  private static final int BURST = 30;

  @Test
  void importsLayersListsBeansAndFollowsEtcdOnV3(
      @Etcd(binary = EtcdBinary.V3_5, v2 = false) EtcdProcess etcd) {
    EtcdSettings settings =
        EtcdSettings.builder()
            .host(etcd.host())
            .port(etcd.clientPort())
            .api(EtcdSettings.Api.V3)
            .build();
    try (EtcdV3Client client = new EtcdV3Client(settings)) {
      importsLayersListsBeansAndFollowsEtcd(etcd, "v3", (key, value) -> client.put(key, value));
    }
  }

  @Test
  void importsLayersListsBeansAndFollowsEtcdOnV2(EtcdProcess etcd) {
    EtcdSettings settings =
        EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort()).build();
    try (EtcdClient client = new EtcdClient(settings)) {
      importsLayersListsBeansAndFollowsEtcd(etcd, "v2", (key, value) -> client.write(key, value));
    }
  }

  private static void importsLayersListsBeansAndFollowsEtcd(
      EtcdProcess etcd, String api, BiConsumer<String, String> put) {
    String prefix = "/spring-" + api + "/config";
    put.accept(prefix + "/application/greeting/text", "hello from application");
    put.accept(prefix + "/shop/greeting/text", "hello from shop");
    put.accept(prefix + "/application,prod/greeting/text", "hello from application,prod");
    put.accept(prefix + "/application,prod/limits/max", "3");
    put.accept(prefix + "/shop,prod/limits/max", "7");
    put.accept(prefix + "/shop/hosts/1", "alpha");
    put.accept(prefix + "/shop/hosts/2", "beta");
    put.accept(prefix + "/application/shared/only", "from application");
    put.accept("/shop/shop.conf/SHOP/workers", "4");

    try (ConfigurableApplicationContext context =
        start(
            etcd,
            api,
            "--spring.profiles.active=prod",
            "--link.etcd.config.prefix=" + prefix,
            "--spring.config.import=etcd:")) {
      Environment env = context.getEnvironment();
      assertEquals("hello from shop", env.getProperty("greeting.text"));
      assertEquals("7", env.getProperty("limits.max"));
      assertEquals("from application", env.getProperty("shared.only"));
      assertEquals("alpha", env.getProperty("hosts[0]"));
      assertEquals(
          List.of("alpha", "beta"),
          Binder.get(env).bind("hosts", Bindable.listOf(String.class)).get());
      assertEquals(7, context.getBean(Limits.class).getMax());
      assertEquals("hello from shop", context.getBean(Greeter.class).text());
      assertEquals(4, context.getBean(ShopConfig.class).getWorkers());
      assertEquals(Status.UP, context.getBean(EtcdHealthIndicator.class).health().getStatus());
      assertEquals(api.equals("v3"), context.getBeanNamesForType(EtcdV3Client.class).length == 1);

      put.accept(prefix + "/shop/greeting/text", "changed");
      put.accept(prefix + "/shop,prod/limits/max", "9");
      put.accept("/shop/shop.conf/SHOP/workers", "5");
      awaitEquals("changed", () -> env.getProperty("greeting.text"));
      awaitEquals("changed", () -> context.getBean(Greeter.class).text());
      awaitEquals(9, () -> context.getBean(Limits.class).getMax());
      awaitEquals(5, () -> context.getBean(ShopConfig.class).getWorkers());

      ChangeCounter counter = context.getBean(ChangeCounter.class);
      int before = counter.changes();
      for (int i = 1; i <= BURST; i++) {
        put.accept(prefix + "/shop/burst", Integer.toString(i));
      }
      awaitEquals(Integer.toString(BURST), () -> env.getProperty("burst"));
      int reloads = counter.changes() - before;
      assertTrue(reloads <= 3, BURST + " writes in a burst made " + reloads + " reloads");
    }
  }

  @Test
  void optionalImportStartsWithoutEtcd() throws IOException {
    try (ConfigurableApplicationContext context =
        start(
            "127.0.0.1",
            unusedPort(),
            "v3",
            "--spring.config.import=optional:etcd:",
            "--greeting.text=from the command line")) {
      assertEquals("from the command line", context.getEnvironment().getProperty("greeting.text"));
      assertEquals(Status.DOWN, context.getBean(EtcdHealthIndicator.class).health().getStatus());
    }
  }

  @Test
  void invalidConnectionPropertyIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                start(
                    "127.0.0.1",
                    2379,
                    "v3",
                    "--link.etcd.read-timeout=x",
                    "--spring.config.import=etcd:"));
    assertEquals(
        "Invalid property link.etcd.read-timeout: read_timeout must be an integer but was 'x'",
        e.getMessage());
  }

  @Test
  void importTakesNothingAfterTheColon() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> start("127.0.0.1", 2379, "v3", "--spring.config.import=etcd:/config/shop"));
    assertEquals(
        "spring.config.import=etcd:/config/shop names something after 'etcd:', which takes"
            + " nothing: import etcd: and set link.etcd.host, link.etcd.port and"
            + " link.etcd.config.prefix",
        e.getMessage());
  }

  @Test
  void importFailsNamingTheEndpointWhenEtcdIsDown() throws IOException {
    int port = unusedPort();
    EtcdConfigDataException e =
        assertThrows(
            EtcdConfigDataException.class,
            () ->
                start(
                    "127.0.0.1",
                    port,
                    "v3",
                    "--spring.config.import=etcd:",
                    "--link.etcd.config.retry.max-attempts=2",
                    "--link.etcd.config.retry.initial-interval=100ms"));
    assertEquals(
        "Cannot read /config/shop for spring.config.import=etcd: from etcd at"
            + " http://127.0.0.1:"
            + port
            + " (2 attempts, see link.etcd.config.retry.*): "
            + e.getCause().getMessage()
            + "; start etcd or point link.etcd.host and link.etcd.port at it, or import"
            + " optional:etcd: to start without it",
        e.getMessage());
  }

  private static ConfigurableApplicationContext start(
      EtcdProcess etcd, String api, String... args) {
    return start(etcd.host(), etcd.clientPort(), api, args);
  }

  private static ConfigurableApplicationContext start(
      String host, int port, String api, String... args) {
    List<String> all = new ArrayList<>();
    all.add("--spring.application.name=shop");
    all.add("--spring.main.web-application-type=none");
    all.add("--spring.main.banner-mode=off");
    all.add("--link.etcd.host=" + host);
    all.add("--link.etcd.port=" + port);
    all.add("--link.etcd.api=" + api);
    all.add("--link.etcd.config.watch.delay=200ms");
    all.addAll(List.of(args));
    SpringApplication app = new SpringApplication(ShopApplication.class);
    app.setDefaultProperties(Map.of("greeting.text", "from the defaults"));
    return app.run(all.toArray(String[]::new));
  }

  private static int unusedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static <T> void awaitEquals(T expected, Supplier<T> actual) {
    long deadline = System.nanoTime() + CHANGE_SEEN_WITHIN.toNanos();
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
        expected.equals(last),
        "expected " + expected + " within " + CHANGE_SEEN_WITHIN + " but was " + last);
  }
}
