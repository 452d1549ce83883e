package link.etcd.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.Supplier;
import link.etcd.EtcdSettings;
import link.etcd.EtcdV3Client;
import link.etcd.spring.shop.Greeter;
import link.etcd.spring.shop.ShopApplication;
import link.etcd.testing.EtcdBinary;
import link.etcd.testing.EtcdCluster;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The imported configuration keeps following etcd while each member of a 3-member cluster (etcd
 * 3.5, v3 API) is killed and started again in turn: whichever member the watch was on, it moves to
 * another and the next change still arrives.
 */
class EtcdConfigWatchClusterTest {
  private static final Duration CHANGE_SEEN_WITHIN = Duration.ofSeconds(20);

  @Test
  void refreshGoesOnWhileMembersAreKilledAndRestarted() {
    try (EtcdCluster cluster = EtcdCluster.start(EtcdBinary.V3_5, false);
        EtcdV3Client etcdctl =
            new EtcdV3Client(
                EtcdSettings.builder()
                    .host(String.join(",", cluster.endpoints()))
                    .api(EtcdSettings.Api.V3)
                    .allowReconnect(true)
                    .build())) {
      etcdctl.put("/config/shop/greeting/text", "before");
      try (ConfigurableApplicationContext context =
          new SpringApplication(ShopApplication.class)
              .run(
                  "--spring.application.name=shop",
                  "--spring.main.web-application-type=none",
                  "--spring.config.import=etcd:",
                  "--link.etcd.host=" + String.join(",", cluster.endpoints()),
                  "--link.etcd.api=v3",
                  "--link.etcd.allow-reconnect=true",
                  "--link.etcd.config.watch.delay=200ms")) {
        assertEquals("before", context.getEnvironment().getProperty("greeting.text"));
        for (int member = 0; member < 3; member++) {
          cluster.kill(member);
          String value = "member " + member + " down";
          etcdctl.put("/config/shop/greeting/text", value);
          awaitEquals(value, () -> context.getBean(Greeter.class).text());
          cluster.restart(member);
        }
        etcdctl.put("/config/shop/greeting/text", "all back");
        awaitEquals("all back", () -> context.getEnvironment().getProperty("greeting.text"));
      }
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
