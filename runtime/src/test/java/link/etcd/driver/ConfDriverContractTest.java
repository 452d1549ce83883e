package link.etcd.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import link.etcd.Target;
import link.etcd.conf.ConfCategory;
import link.etcd.conf.ConfDriver;
import link.etcd.conf.Configuration;
import link.etcd.conf.IniConfDriver;
import link.etcd.conf.Parameter;
import link.etcd.middleware.EtcdMiddleware;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link ConfDriver} does, checked on the INI files driver and on etcd through each API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class ConfDriverContractTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final List<EtcdMiddleware> middlewares = new ArrayList<>();
  private Path iniRoot;

  @BeforeAll
  void open() throws IOException {
    for (Target target : Target.all()) {
      middlewares.add(new EtcdMiddleware(target.settings()));
    }
    iniRoot = Files.createTempDirectory("ini-driver");
  }

  @AfterAll
  void close() throws IOException {
    middlewares.forEach(EtcdMiddleware::close);
    try (Stream<Path> files = Files.walk(iniRoot)) {
      files
          .sorted(java.util.Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.delete(path);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }

  Stream<ConfDriver> drivers() {
    return Stream.concat(
        Stream.of(new IniConfDriver(List.of(iniRoot))),
        middlewares.stream().map(EtcdConfDriver::new));
  }

  private static String uniquePath() {
    return "contract/app-" + COUNTER.incrementAndGet() + ".conf";
  }

  private static String resource(ConfDriver driver, String path) {
    List<String> paths = driver.resourcePaths(path);
    return paths.get(paths.size() - 1);
  }

  @ParameterizedTest
  @MethodSource("drivers")
  void missingResourceLoadsAsEmpty(ConfDriver driver) {
    assertEquals(Optional.empty(), driver.load(resource(driver, uniquePath())));
  }

  @ParameterizedTest
  @MethodSource("drivers")
  void resourceIsAnEmptyConfiguration(ConfDriver driver) {
    assertEquals(Configuration.empty(), driver.resource());
  }

  @ParameterizedTest
  @MethodSource("drivers")
  void savedConfigurationLoadsBack(ConfDriver driver) {
    String resource = resource(driver, uniquePath());
    Configuration conf =
        Configuration.of(
            ConfCategory.of(
                "MYCONF", new Parameter("myparam", "hello world"), new Parameter("port", "8080")),
            ConfCategory.of("OTHER", new Parameter("flag", "true")));
    driver.save(resource, conf);
    Configuration loaded = driver.load(resource).orElseThrow();
    assertEquals("hello world", loaded.value("MYCONF", "myparam").orElseThrow());
    assertEquals("8080", loaded.value("MYCONF", "port").orElseThrow());
    assertEquals("true", loaded.value("OTHER", "flag").orElseThrow());
  }

  @ParameterizedTest
  @MethodSource("drivers")
  void listParameterLoadsBackAndAShorterOneReplacesIt(ConfDriver driver) {
    String resource = resource(driver, uniquePath());
    driver.save(
        resource,
        Configuration.empty()
            .with("A", "x", "1")
            .with("A", Parameter.list("hosts", List.of("a", "b", "c"))));
    assertEquals(
        Optional.of(Parameter.list("hosts", List.of("a", "b", "c"))),
        driver.load(resource).orElseThrow().parameter("A", "hosts"));

    driver.save(resource, Configuration.empty().with("A", Parameter.list("hosts", List.of("d"))));
    Configuration loaded = driver.load(resource).orElseThrow();
    assertEquals(
        Optional.of(Parameter.list("hosts", List.of("d"))), loaded.parameter("A", "hosts"));
    assertEquals(Optional.of("1"), loaded.value("A", "x"));
  }

  @ParameterizedTest
  @MethodSource("drivers")
  void removeDeletesOneValueOrListAndIgnoresWhatIsAbsent(ConfDriver driver) {
    String resource = resource(driver, uniquePath());
    driver.remove(resource, "A", "x");
    assertEquals(Optional.empty(), driver.load(resource));
    driver.save(
        resource,
        Configuration.empty()
            .with("A", "x", "1")
            .with("A", "kept", "2")
            .with("A", Parameter.list("hosts", List.of("a", "b"))));

    driver.remove(resource, "A", "x");
    driver.remove(resource, "A", "hosts");
    driver.remove(resource, "A", "absent");
    driver.remove(resource, "B", "absent");

    Configuration loaded = driver.load(resource).orElseThrow();
    assertEquals(Optional.empty(), loaded.parameter("A", "x"));
    assertEquals(Optional.empty(), loaded.parameter("A", "hosts"));
    assertEquals(Optional.of("2"), loaded.value("A", "kept"));
  }

  @ParameterizedTest
  @MethodSource("drivers")
  void saveMergesAndNewValuesWin(ConfDriver driver) {
    String resource = resource(driver, uniquePath());
    driver.save(resource, Configuration.empty().with("A", "kept", "1").with("A", "changed", "old"));
    driver.save(
        resource, Configuration.empty().with("A", "changed", "new").with("B", "added", "2"));
    Configuration loaded = driver.load(resource).orElseThrow();
    assertEquals(Optional.of("1"), loaded.value("A", "kept"));
    assertEquals(Optional.of("new"), loaded.value("A", "changed"));
    assertEquals(Optional.of("2"), loaded.value("B", "added"));
  }

  @ParameterizedTest
  @MethodSource("drivers")
  void resourcePathsEndWithTheMostSpecificPlace(ConfDriver driver) {
    List<String> paths = driver.resourcePaths("myproject/myconfigurable.conf");
    assertTrue(
        paths.get(paths.size() - 1).endsWith("myproject/myconfigurable.conf"), paths.toString());
  }
}
