package link.etcd.driver;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import link.etcd.EtcdClient;
import link.etcd.EtcdSettings;
import link.etcd.Target;
import link.etcd.conf.ConfDriver;
import link.etcd.middleware.EtcdMiddleware;
import link.etcd.testing.EtcdExtension;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The etcd driver's watch, which autoReload uses, on both APIs. */
@ExtendWith(EtcdExtension.class)
final class EtcdConfDriverWatchTest {
  @Test
  void onTheV3ApiWatchRunsOnChangeAfterAChangeUnderThePathUntilClosed() throws Exception {
    try (EtcdMiddleware middleware = new EtcdMiddleware(Target.V3_ON_34.settings());
        EtcdMiddleware other = new EtcdMiddleware(Target.V3_ON_34.settings())) {
      Semaphore changes = new Semaphore(0);
      ConfDriver.Subscription watch =
          new EtcdConfDriver(middleware)
              .watch("/watched-v3/app.conf", changes::release, error -> {});
      other.set("/watched-v3/app.conf/HTTP/port", "80");
      assertTrue(changes.tryAcquire(10, TimeUnit.SECONDS), "no call after a change");
      // One write is one txn of several keys (the value and the directory markers): wait its calls
      // out.
      while (changes.tryAcquire(300, TimeUnit.MILLISECONDS)) {
        changes.drainPermits();
      }
      other.set("/watched-v3/app.conf-other/HTTP/port", "80");
      other.set("/watched-v3/other.conf/HTTP/port", "80");
      assertFalse(
          changes.tryAcquire(300, TimeUnit.MILLISECONDS), "called for a change of another path");
      watch.close();
      watch.close();
      other.set("/watched-v3/app.conf/HTTP/port", "81");
      assertFalse(changes.tryAcquire(300, TimeUnit.MILLISECONDS), "called after close");
    }
  }

  @Test
  void watchRunsOnChangeAfterAChangeAnywhereUnderThePathUntilClosed(EtcdProcess etcd)
      throws Exception {
    EtcdSettings settings =
        EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort()).build();
    try (EtcdMiddleware middleware = new EtcdMiddleware(settings);
        EtcdClient raw = new EtcdClient(settings)) {
      Semaphore changes = new Semaphore(0);
      ConfDriver.Subscription watch =
          new EtcdConfDriver(middleware)
              .watch(
                  "/watched/app.conf",
                  changes::release,
                  error -> {
                    throw new AssertionError("the watch ended", error);
                  });
      raw.write("/watched/app.conf/HTTP/port", "80");
      assertTrue(changes.tryAcquire(10, TimeUnit.SECONDS), "no call after a change");
      raw.write("/watched/other.conf/HTTP/port", "80");
      assertFalse(
          changes.tryAcquire(300, TimeUnit.MILLISECONDS), "called for a change of another path");
      watch.close();
      watch.close();
      raw.write("/watched/app.conf/HTTP/port", "81");
      assertFalse(changes.tryAcquire(300, TimeUnit.MILLISECONDS), "called after close");
    }
  }
}
