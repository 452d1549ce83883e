package link.etcd.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import link.etcd.EtcdClient;
import link.etcd.EtcdSettings;
import link.etcd.conf.ConfDriver;
import link.etcd.conf.Configuration;
import link.etcd.middleware.EtcdMiddleware;
import link.etcd.testing.EtcdExtension;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The etcd driver's own layout, against a real etcd. */
@ExtendWith(EtcdExtension.class)
final class EtcdConfDriverTest {
  @Test
  void storesAtPathCategoryParam(EtcdProcess etcd) {
    EtcdSettings settings = EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort()).build();
    try (EtcdMiddleware middleware = new EtcdMiddleware(settings); EtcdClient raw = new EtcdClient(settings)) {
      EtcdConfDriver driver = new EtcdConfDriver(middleware);
      assertEquals(List.of("/layout/myconfigurable.conf"), driver.resourcePaths("layout/myconfigurable.conf"));
      driver.save("/layout/myconfigurable.conf", Configuration.empty().with("MYCONF", "myparam", "v"));
      assertEquals("v", raw.read("/layout/myconfigurable.conf/MYCONF/myparam").node().value());
    }
  }

  @Test
  void loadsValuesWrittenByThePythonDriver(EtcdProcess etcd) {
    EtcdSettings settings = EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort()).build();
    try (EtcdMiddleware middleware = new EtcdMiddleware(settings); EtcdClient raw = new EtcdClient(settings)) {
      raw.write("/py/app.conf/ETCD/port", "=py:4001");
      raw.write("/py/app.conf/ETCD/allow_redirect", "=py:True");
      raw.write("/py/app.conf/ETCD/name", "=py:'text'");
      raw.write("/py/app.conf/ETCD/plain", "plain");
      Configuration conf = new EtcdConfDriver(middleware).load("/py/app.conf").orElseThrow();
      assertEquals(Optional.of("4001"), conf.value("ETCD", "port"));
      assertEquals(Optional.of("True"), conf.value("ETCD", "allow_redirect"));
      assertEquals(Optional.of("text"), conf.value("ETCD", "name"));
      assertEquals(Optional.of("plain"), conf.value("ETCD", "plain"));
    }
  }

  @Test
  void aValueWhereCategoriesBelongIsAnError(EtcdProcess etcd) {
    EtcdSettings settings = EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort()).build();
    try (EtcdMiddleware middleware = new EtcdMiddleware(settings)) {
      middleware.set("/bad/app.conf", "not a directory");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new EtcdConfDriver(middleware).load("/bad/app.conf"));
      assertEquals("/bad/app.conf holds a value, not a directory of categories", e.getMessage());
    }
  }

  @Test
  void watchRunsOnChangeAfterAChangeAnywhereUnderThePathUntilClosed(EtcdProcess etcd) throws Exception {
    EtcdSettings settings = EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort()).build();
    try (EtcdMiddleware middleware = new EtcdMiddleware(settings); EtcdClient raw = new EtcdClient(settings)) {
      Semaphore changes = new Semaphore(0);
      ConfDriver.Subscription watch = new EtcdConfDriver(middleware).watch("/watched/app.conf", changes::release,
          error -> { throw new AssertionError("the watch ended", error); });
      raw.write("/watched/app.conf/HTTP/port", "80");
      assertTrue(changes.tryAcquire(10, TimeUnit.SECONDS), "no call after a change");
      raw.write("/watched/other.conf/HTTP/port", "80");
      assertFalse(changes.tryAcquire(300, TimeUnit.MILLISECONDS), "called for a change of another path");
      watch.close();
      watch.close();
      raw.write("/watched/app.conf/HTTP/port", "81");
      assertFalse(changes.tryAcquire(300, TimeUnit.MILLISECONDS), "called after close");
    }
  }

  @Test
  void loadsWhatItSavesWhenParametersAndCategoriesAreNamedByNumbers(EtcdProcess etcd) {
    EtcdSettings settings = EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort()).build();
    try (EtcdMiddleware middleware = new EtcdMiddleware(settings)) {
      EtcdConfDriver driver = new EtcdConfDriver(middleware);
      Configuration conf = Configuration.empty()
          .with("PORTS", "80", "http").with("PORTS", "443", "https")
          .with("ITEMS", "1", "one").with("ITEMS", "2", "two")
          .with("1", "name", "first category");
      driver.save("/numbers/app.conf", conf);
      Configuration loaded = driver.load("/numbers/app.conf").orElseThrow();
      assertEquals(Optional.of("http"), loaded.value("PORTS", "80"));
      assertEquals(Optional.of("https"), loaded.value("PORTS", "443"));
      assertEquals(Optional.of("one"), loaded.value("ITEMS", "1"));
      assertEquals(Optional.of("two"), loaded.value("ITEMS", "2"));
      assertEquals(Optional.of("first category"), loaded.value("1", "name"));
    }
  }
}
