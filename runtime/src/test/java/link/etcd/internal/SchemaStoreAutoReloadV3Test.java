package link.etcd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import link.etcd.EtcdSettings;
import link.etcd.conf.ConfDriver;
import link.etcd.conf.Configuration;
import link.etcd.conf.ReloadListener;
import link.etcd.driver.EtcdConfDriver;
import link.etcd.middleware.EtcdMiddleware;
import link.etcd.testing.Etcd;
import link.etcd.testing.EtcdBinary;
import link.etcd.testing.EtcdExtension;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a generated accessor's {@code autoReload} does ({@link SchemaStore#autoReload} over {@link
 * EtcdConfDriver}) on the v3 API, on real etcd 3.4 and on 3.5 without {@code --enable-v2}: a change
 * written by another client is taken, and a value that does not convert is refused with the last
 * good one kept.
 */
final class SchemaStoreAutoReloadV3Test {
  private static final AtomicLong APPS = new AtomicLong();

  @Nested
  @ExtendWith(EtcdExtension.class)
  final class Etcd34 extends Suite {
    Etcd34(EtcdProcess etcd) {
      super(etcd);
    }
  }

  @Nested
  @ExtendWith(EtcdExtension.class)
  final class Etcd35WithoutV2 extends Suite {
    Etcd35WithoutV2(@Etcd(binary = EtcdBinary.V3_5, v2 = false) EtcdProcess etcd) {
      super(etcd);
    }
  }

  abstract static class Suite {
    private final EtcdProcess etcd;

    Suite(EtcdProcess etcd) {
      this.etcd = etcd;
    }

    @Test
    void aChangeFromAnotherClientIsReloadedAndABadValueIsRefused() throws Exception {
      EtcdSettings settings =
          EtcdSettings.builder()
              .api(EtcdSettings.Api.V3)
              .host(etcd.host())
              .port(etcd.clientPort())
              .build();
      String app = "reload-v3-" + APPS.incrementAndGet();
      BlockingQueue<String> heard = new LinkedBlockingQueue<>();
      try (EtcdMiddleware middleware = new EtcdMiddleware(settings);
          EtcdMiddleware other = new EtcdMiddleware(settings)) {
        EtcdConfDriver driver = new EtcdConfDriver(middleware);
        EtcdConfDriver writer = new EtcdConfDriver(other);
        writer.save("/" + app + "/app.conf", Configuration.empty().with("HTTP", "port", "80"));
        SchemaStore store = new SchemaStore(driver, List.of(app + "/app.conf"));
        store.addListener(
            new ReloadListener() {
              @Override
              public void reloaded() {
                heard.add("reloaded " + store.raw("HTTP", "port"));
              }

              @Override
              public void failed(RuntimeException error) {
                heard.add("failed " + error.getMessage());
              }
            });
        ConfDriver.Subscription reload =
            store.autoReload(
                candidate ->
                    candidate.get(SchemaStore.Param.of("HTTP", "port", ConfValues::parseInt)));
        assertEquals("80", store.raw("HTTP", "port"));

        writer.save("/" + app + "/app.conf", Configuration.empty().with("HTTP", "port", "81"));
        assertEquals("reloaded 81", next(heard));
        writer.save("/" + app + "/app.conf", Configuration.empty().with("HTTP", "port", "eighty"));
        assertEquals(
            "failed Expected an int but was \"eighty\" at /" + app + "/app.conf/HTTP/port",
            next(heard));
        assertEquals("81", store.raw("HTTP", "port"));
        reload.close();
        writer.save("/" + app + "/app.conf", Configuration.empty().with("HTTP", "port", "82"));
        assertEquals(null, heard.poll(1, TimeUnit.SECONDS), "no reload after close");
      }
    }

    private static String next(BlockingQueue<String> heard) throws InterruptedException {
      String event = heard.poll(20, TimeUnit.SECONDS);
      assertNotNull(event, "nothing heard within 20 s");
      return event;
    }
  }
}
