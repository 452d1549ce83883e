package link.etcd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import link.etcd.conf.ConfDriver;
import link.etcd.conf.Configuration;
import link.etcd.conf.ReloadListener;
import org.junit.jupiter.api.Test;

/** {@link SchemaStore#autoReload}: which reloads it takes, which it refuses, and whom it tells. */
final class SchemaStoreAutoReloadTest {
  private static final SchemaStore.Param<Integer> PORT =
      SchemaStore.Param.of("HTTP", "port", ConfValues::parseInt);

  /**
   * A driver holding one configuration per resource in memory; the test fires its watches by hand.
   */
  private static final class FakeDriver implements ConfDriver {
    Configuration stored = Configuration.empty();
    RuntimeException loadFailure;
    final List<Runnable> watches = new ArrayList<>();
    final List<Consumer<RuntimeException>> ends = new ArrayList<>();
    final List<String> watched = new ArrayList<>();
    int closed;

    @Override
    public List<String> resourcePaths(String path) {
      return List.of("/" + path);
    }

    @Override
    public Optional<Configuration> load(String resourcePath) {
      if (loadFailure != null) {
        throw loadFailure;
      }
      return Optional.of(stored);
    }

    @Override
    public void save(String resourcePath, Configuration conf) {
      stored = stored.mergedWith(conf);
    }

    @Override
    public void remove(String resourcePath, String category, String parameter) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Subscription watch(
        String resourcePath, Runnable onChange, Consumer<RuntimeException> onEnd) {
      watched.add(resourcePath);
      watches.add(onChange);
      ends.add(onEnd);
      return () -> closed++;
    }

    void end(RuntimeException error) {
      ends.forEach(onEnd -> onEnd.accept(error));
    }

    void change(String port) {
      stored = Configuration.empty().with("HTTP", "port", port);
      watches.forEach(Runnable::run);
    }
  }

  private final FakeDriver driver = new FakeDriver();
  private final SchemaStore store =
      new SchemaStore(driver, List.of("app/defaults.conf", "app/app.conf"));
  private final List<String> heard = new ArrayList<>();
  private final Consumer<SchemaStore> portMustConvert = candidate -> candidate.get(PORT);

  SchemaStoreAutoReloadTest() {
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
  }

  @Test
  void watchesEveryResourceAndLoadsOnceNow() {
    driver.stored = Configuration.empty().with("HTTP", "port", "80");
    store.autoReload(portMustConvert);
    assertEquals(List.of("/app/defaults.conf", "/app/app.conf"), driver.watched);
    assertEquals("80", store.raw("HTTP", "port"));
    assertEquals(List.of(), heard);
  }

  @Test
  void aValidChangeIsTakenAndHeard() {
    store.autoReload(portMustConvert);
    driver.change("81");
    assertEquals(81, store.get(PORT));
    assertEquals(List.of("reloaded 81", "reloaded 81"), heard, "one reload per watched resource");
  }

  @Test
  void aValueTheCheckRefusesKeepsTheLastGoodValues() {
    driver.stored = Configuration.empty().with("HTTP", "port", "80");
    store.autoReload(portMustConvert);
    driver.watches.get(0).run();
    heard.clear();
    driver.stored = Configuration.empty().with("HTTP", "port", "eighty");
    driver.watches.get(0).run();
    assertEquals(80, store.get(PORT));
    assertEquals(
        List.of("failed Expected an int but was \"eighty\" at /app/app.conf/HTTP/port"), heard);
  }

  @Test
  void aLoadThatFailsKeepsTheLastGoodValues() {
    driver.stored = Configuration.empty().with("HTTP", "port", "80");
    store.autoReload(portMustConvert);
    driver.loadFailure = new IllegalStateException("etcd is down");
    driver.watches.get(0).run();
    assertEquals("80", store.raw("HTTP", "port"));
    assertEquals(List.of("failed etcd is down"), heard);
  }

  @Test
  void aWatchThatEndsOnAnErrorIsHeardAsAFailureThatStopsReloading() {
    driver.stored = Configuration.empty().with("HTTP", "port", "80");
    store.autoReload(portMustConvert);
    driver.end(
        new IllegalStateException(
            "The watch of /app/app.conf ended at index 7: Insufficient credentials"));
    assertEquals("80", store.raw("HTTP", "port"));
    assertEquals(
        List.of(
            "failed Automatic reloading stopped: The watch of /app/app.conf ended at index 7:"
                + " Insufficient credentials; the last good values are kept, and autoReload() must be called again to"
                + " resume",
            "failed Automatic reloading stopped: The watch of /app/app.conf ended at index 7: Insufficient"
                + " credentials; the last good values are kept, and autoReload() must be called again to resume"),
        heard);
  }

  @Test
  void aThrowingListenerDoesNotStopTheOthers() {
    store.addListener(
        () -> {
          throw new IllegalStateException("listener bug");
        });
    List<String> later = new ArrayList<>();
    store.addListener(() -> later.add("reloaded"));
    store.autoReload(portMustConvert);
    driver.change("81");
    assertEquals(List.of("reloaded", "reloaded"), later);
  }

  @Test
  void aRemovedListenerHearsNothing() {
    List<String> removed = new ArrayList<>();
    ReloadListener listener = () -> removed.add("reloaded");
    store.addListener(listener);
    store.removeListener(listener);
    store.autoReload(portMustConvert);
    driver.change("81");
    assertEquals(List.of(), removed);
  }

  @Test
  void closingTheSubscriptionClosesEveryWatch() {
    store.autoReload(portMustConvert).close();
    assertEquals(2, driver.closed);
  }

  @Test
  void aFailedStartClosesTheWatchesAlreadyOpen() {
    driver.loadFailure = new IllegalStateException("etcd is down");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> store.autoReload(portMustConvert));
    assertEquals("etcd is down", e.getMessage());
    assertEquals(2, driver.closed);
  }

  @Test
  void aDriverThatCannotWatchSaysSo() {
    SchemaStore ini =
        new SchemaStore(
            new ConfDriver() {
              @Override
              public List<String> resourcePaths(String path) {
                return List.of(path);
              }

              @Override
              public Optional<Configuration> load(String resourcePath) {
                return Optional.empty();
              }

              @Override
              public void save(String resourcePath, Configuration conf) {}

              @Override
              public void remove(String resourcePath, String category, String parameter) {}
            },
            List.of("app.conf"));
    UnsupportedOperationException e =
        assertThrows(UnsupportedOperationException.class, () -> ini.autoReload(portMustConvert));
    assertTrue(
        e.getMessage()
            .endsWith(" cannot watch app.conf; call reload() after the configuration changes"),
        e.getMessage());
  }
}
