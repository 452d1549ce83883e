package link.etcd.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import link.etcd.EtcdClient;
import link.etcd.EtcdSettings;
import link.etcd.EtcdV3Client;
import link.etcd.conf.ConfDriver;
import link.etcd.conf.ReloadListener;
import link.etcd.middleware.EtcdMiddleware;
import link.etcd.processor.Everything.Color;
import link.etcd.testing.EtcdExtension;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Generated accessors over a real etcd, through {@code of(EtcdMiddleware)}. */
@ExtendWith(EtcdExtension.class)
final class EtcdAccessorTest {
  private static EtcdSettings settings(EtcdProcess etcd) {
    return settings(etcd, EtcdSettings.Api.V2);
  }

  private static EtcdSettings settings(EtcdProcess etcd, EtcdSettings.Api api) {
    return EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort()).api(api).build();
  }

  /** The keys as stored, read and written below the middleware through the API under test. */
  private record Raw(EtcdSettings settings) implements AutoCloseable {
    String read(String key) {
      if (settings.api() == EtcdSettings.Api.V3) {
        try (EtcdV3Client client = new EtcdV3Client(settings)) {
          return client.range(key).kvs().get(0).value();
        }
      }
      try (EtcdClient client = new EtcdClient(settings)) {
        return client.read(key).node().value();
      }
    }

    void write(String key, String value) {
      if (settings.api() == EtcdSettings.Api.V3) {
        try (EtcdV3Client client = new EtcdV3Client(settings)) {
          client.put(key, value);
        }
        return;
      }
      try (EtcdClient client = new EtcdClient(settings)) {
        client.write(key, value);
      }
    }

    @Override
    public void close() {}
  }

  @ParameterizedTest
  @EnumSource(EtcdSettings.Api.class)
  void seedExampleEndToEnd(EtcdSettings.Api api, EtcdProcess etcd) {
    try (EtcdMiddleware middleware = new EtcdMiddleware(settings(etcd, api));
        Raw raw = new Raw(settings(etcd, api))) {
      MyConfigurableAccessor conf = MyConfigurableAccessor.of(middleware);
      assertNull(conf.myparam());

      conf.setMyparam("hello");
      assertEquals("hello", raw.read("/myproject/myconfigurable.conf/MYCONF/myparam"));
      assertEquals("hello", conf.myparam());

      raw.write("/myproject/myconfigurable.conf/MYCONF/myparam", "changed outside");
      assertEquals("hello", conf.myparam());
      conf.reload();
      assertEquals("changed outside", conf.myparam());

      raw.write("/myproject/myconfigurable.conf/MYCONF/myparam", "=py:'from python'");
      conf.reload();
      assertEquals("from python", conf.myparam());
    }
  }

  @ParameterizedTest
  @EnumSource(EtcdSettings.Api.class)
  void everyTypeRoundTripsThroughEtcd(EtcdSettings.Api api, EtcdProcess etcd) {
    try (EtcdMiddleware middleware = new EtcdMiddleware(settings(etcd, api));
        Raw raw = new Raw(settings(etcd, api))) {
      EverythingAccessor conf = EverythingAccessor.of(middleware);
      assertEquals(8080, conf.port());
      assertEquals(List.of(1, 2), conf.ports());

      conf.edit()
          .text("hello")
          .enabled(true)
          .port(9090)
          .big(9_000_000_000L)
          .color(Color.RED)
          .timeout(Duration.ofSeconds(45))
          .endpoint(URI.create("http://localhost:2379"))
          .hosts(List.of("a", "b", "c"))
          .colors(List.of(Color.GREEN))
          .proxy(URI.create("http://proxy:3128"))
          .password("hunter2")
          .apply();
      conf.setHosts(List.of("d"));

      EverythingAccessor fresh = EverythingAccessor.of(middleware);
      assertEquals("hello", fresh.text());
      assertTrue(fresh.isEnabled());
      assertEquals(9090, fresh.port());
      assertEquals(9_000_000_000L, fresh.big());
      assertEquals(Color.RED, fresh.color());
      assertEquals(Duration.ofSeconds(45), fresh.timeout());
      assertEquals(URI.create("http://localhost:2379"), fresh.endpoint());
      assertEquals(List.of("d"), fresh.hosts());
      assertEquals(List.of(Color.GREEN), fresh.colors());
      assertEquals(Optional.of(URI.create("http://proxy:3128")), fresh.proxy());
      assertEquals("hunter2", fresh.password());
      assertEquals("45s", raw.read("/myproject/everything.conf/MAIN/timeout"));
      assertEquals("d", raw.read("/myproject/everything.conf/MAIN/hosts/1"));
      assertEquals("hunter2", raw.read("/myproject/everything.conf/SECURITY/password"));
    }
  }

  @Test
  void autoReloadTakesOutsideChangesAndKeepsTheLastGoodValueOnAnInvalidOne(EtcdProcess etcd)
      throws Exception {
    String port = "/myproject/reloadable.conf/MAIN/port";
    BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    try (EtcdMiddleware middleware = new EtcdMiddleware(settings(etcd));
        EtcdClient raw = new EtcdClient(settings(etcd))) {
      ReloadableAccessor conf = ReloadableAccessor.of(middleware);
      conf.setPort(9000);
      conf.addReloadListener(
          new ReloadListener() {
            @Override
            public void reloaded() {
              heard.add("reloaded");
            }

            @Override
            public void failed(RuntimeException error) {
              heard.add("failed: " + error.getMessage());
            }
          });
      ConfDriver.Subscription reloading = conf.autoReload();
      try {
        assertEquals(9000, conf.port());

        long started = System.nanoTime();
        raw.write(port, "9001");
        assertTrue(waitFor(() -> conf.port() == 9001), "the change was not seen within 10 s");
        long seenMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals("reloaded", heard.poll(10, TimeUnit.SECONDS));

        raw.write(port, "not a number");
        String failure = heard.poll(10, TimeUnit.SECONDS);
        while ("reloaded".equals(failure)) {
          failure = heard.poll(10, TimeUnit.SECONDS);
        }
        assertEquals(
            "failed: Expected an int but was \"not a number\" at /myproject/reloadable.conf/MAIN/port",
            failure);
        assertEquals(9001, conf.port());

        raw.write(port, "9002");
        assertTrue(
            waitFor(() -> conf.port() == 9002),
            "the valid value after the invalid one was not taken");
        System.out.printf(
            "autoReload: an outside change seen after %d ms; an invalid value kept 9001 and was"
                + " reported%n",
            seenMillis);
      } finally {
        reloading.close();
      }
      raw.write(port, "9003");
      Thread.sleep(500);
      assertEquals(9002, conf.port(), "closed, yet reloading");
    }
  }

  private static boolean waitFor(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }
}
