package link.etcd.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import link.etcd.EtcdSettings;
import link.etcd.Target;
import link.etcd.conf.Configuration;
import link.etcd.middleware.EtcdMiddleware;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The etcd driver's own layout, against a real etcd. */
@ParameterizedClass
@MethodSource("link.etcd.Target#all")
final class EtcdConfDriverTest {
  private final Target target;

  EtcdConfDriverTest(Target target) {
    this.target = target;
  }

  @Test
  void storesAtPathCategoryParam() {
    EtcdSettings settings = target.settings();
    try (EtcdMiddleware middleware = new EtcdMiddleware(settings);
        Target.Raw raw = target.raw()) {
      EtcdConfDriver driver = new EtcdConfDriver(middleware);
      assertEquals(
          List.of("/layout/myconfigurable.conf"),
          driver.resourcePaths("layout/myconfigurable.conf"));
      driver.save(
          "/layout/myconfigurable.conf", Configuration.empty().with("MYCONF", "myparam", "v"));
      assertEquals(
          Map.of("/layout/myconfigurable.conf/MYCONF/myparam", "v"),
          raw.leaves("/layout/myconfigurable.conf/MYCONF/myparam"));
    }
  }

  @Test
  void loadsValuesWrittenByThePythonDriver() {
    EtcdSettings settings = target.settings();
    try (EtcdMiddleware middleware = new EtcdMiddleware(settings);
        Target.Raw raw = target.raw()) {
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
  void aValueWhereCategoriesBelongIsAnError() {
    EtcdSettings settings = target.settings();
    try (EtcdMiddleware middleware = new EtcdMiddleware(settings)) {
      middleware.set("/bad/app.conf", "not a directory");
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> new EtcdConfDriver(middleware).load("/bad/app.conf"));
      assertEquals("/bad/app.conf holds a value, not a directory of categories", e.getMessage());
    }
  }

  @Test
  void loadsWhatItSavesWhenParametersAndCategoriesAreNamedByNumbers() {
    EtcdSettings settings = target.settings();
    try (EtcdMiddleware middleware = new EtcdMiddleware(settings)) {
      EtcdConfDriver driver = new EtcdConfDriver(middleware);
      Configuration conf =
          Configuration.empty()
              .with("PORTS", "80", "http")
              .with("PORTS", "443", "https")
              .with("ITEMS", "1", "one")
              .with("ITEMS", "2", "two")
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
