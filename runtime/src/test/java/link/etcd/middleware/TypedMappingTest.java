package link.etcd.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.squareup.moshi.FromJson;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.ToJson;
import com.squareup.moshi.Types;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import link.etcd.EtcdSettings;
import link.etcd.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Records and classes written as trees and read back into their types, against a real etcd. */
@ParameterizedClass
@MethodSource("link.etcd.Target#all")
final class TypedMappingTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  public enum Mode {
    ACTIVE,
    DRAINING
  }

  public record Endpoint(String host, int port) {}

  public record Service(
      String name,
      int port,
      long maxBytes,
      double ratio,
      boolean tls,
      Mode mode,
      Endpoint primary,
      List<Endpoint> replicas,
      List<String> tags,
      Map<String, String> labels,
      Set<Integer> ports) {}

  public record Stamped(String name, Instant at) {}

  public record Localized(String name, Locale locale) {}

  public record Flags(
      Boolean enabled, Integer retries, Float factor, short small, byte tiny, char letter) {}

  /** A class with fields, as Moshi maps it without a record. */
  public static final class Pojo {
    String title = "";
    List<Double> values = List.of();
  }

  private final Target target;
  private EtcdMiddleware client;
  private String base;

  TypedMappingTest(Target target) {
    this.target = target;
  }

  @BeforeEach
  void open(TestInfo info) {
    client = new EtcdMiddleware(settings());
    base =
        "/typed-" + info.getTestMethod().orElseThrow().getName() + "-" + COUNTER.incrementAndGet();
  }

  @AfterEach
  void close() {
    client.close();
  }

  private EtcdSettings settings() {
    return target.settings();
  }

  private static Service service() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("team", "core");
    labels.put("tier", "1");
    return new Service(
        "api",
        8080,
        10_000_000_000L,
        0.75,
        true,
        Mode.DRAINING,
        new Endpoint("a.example", 80),
        List.of(new Endpoint("b.example", 81), new Endpoint("c.example", 82)),
        List.of("blue", "green"),
        labels,
        Set.of(7));
  }

  @Test
  void recordRoundTripsThroughATree() {
    client.set(base, service());
    assertEquals(service(), client.get(base, Service.class));
  }

  @Test
  void recordIsWrittenAsStringLeaves() {
    client.set(base, service());
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("labels", Map.of("team", "core", "tier", "1"));
    expected.put("maxBytes", "10000000000");
    expected.put("mode", "DRAINING");
    expected.put("name", "api");
    expected.put("port", "8080");
    expected.put("ports", List.of("7"));
    expected.put("primary", Map.of("host", "a.example", "port", "80"));
    expected.put("ratio", "0.75");
    expected.put(
        "replicas",
        List.of(
            Map.of("host", "b.example", "port", "81"), Map.of("host", "c.example", "port", "82")));
    expected.put("tags", List.of("blue", "green"));
    expected.put("tls", "true");
    assertEquals(expected, client.get(base));
  }

  @Test
  void recordInsideAMapAndAList() {
    client.set(base, Map.of("one", new Endpoint("h", 1), "many", List.of(new Endpoint("i", 2))));
    assertEquals(
        Map.of(
            "many",
            List.of(Map.of("host", "i", "port", "2")),
            "one",
            Map.of("host", "h", "port", "1")),
        client.get(base));
    assertEquals(new Endpoint("h", 1), client.get(base + "/one", Endpoint.class));
  }

  @Test
  void genericTypesReadThroughType() {
    client.set(base, List.of(new Endpoint("a", 1), new Endpoint("b", 2)));
    Type listOfEndpoints = Types.newParameterizedType(List.class, Endpoint.class);
    List<Endpoint> endpoints = client.get(base, listOfEndpoints);
    assertEquals(List.of(new Endpoint("a", 1), new Endpoint("b", 2)), endpoints);
  }

  @Test
  void emptyListsAndMapsReadBackAsDeclared() {
    Service empty =
        new Service(
            "e",
            1,
            2,
            3,
            false,
            Mode.ACTIVE,
            new Endpoint("h", 4),
            List.of(),
            List.of(),
            Map.of(),
            Set.of());
    client.set(base, empty);
    assertEquals(empty, client.get(base, Service.class));
  }

  @Test
  void itemsReadIntoADeclaredMap() {
    client.set(base, List.of("x", "y"));
    Type mapType = Types.newParameterizedType(Map.class, String.class, String.class);
    Map<String, String> map = client.get(base, mapType);
    assertEquals(Map.of("1", "x", "2", "y"), map);
  }

  @Test
  void boxedAndSmallScalars() {
    Flags flags = new Flags(false, 3, 1.5f, (short) -2, (byte) 7, 'q');
    client.set(base, flags);
    assertEquals(flags, client.get(base, Flags.class));
    client.set(base + "/n", "12");
    assertEquals(12, client.get(base + "/n", int.class));
    assertEquals(12L, client.get(base + "/n", Long.class));
  }

  @Test
  void classWithFieldsRoundTrips() {
    Pojo pojo = new Pojo();
    pojo.title = "t";
    pojo.values = List.of(1.5, -2.0);
    client.set(base, pojo);
    Pojo read = client.get(base, Pojo.class);
    assertEquals("t", read.title);
    assertEquals(List.of(1.5, -2.0), read.values);
  }

  @Test
  void aLeafThatDoesNotConvertNamesTheKey() {
    client.set(base, Map.of("host", "h", "port", "abc"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> client.get(base, Endpoint.class));
    assertEquals("Expected an int but was \"abc\" at " + base + "/port", e.getMessage());

    client.set(base, Map.of("enabled", "yes"));
    e = assertThrows(IllegalArgumentException.class, () -> client.get(base, Flags.class));
    assertEquals("Expected a boolean but was \"yes\" at " + base + "/enabled", e.getMessage());

    client.set(base, List.of(new Endpoint("a", 1), Map.of("host", "b", "port", "99999999999")));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> client.get(base, Types.newParameterizedType(List.class, Endpoint.class)));
    assertEquals("Expected an int but was \"99999999999\" at " + base + "/2/port", e.getMessage());
  }

  @Test
  void aMissingComponentNamesTheKey() {
    client.set(base, Map.of("host", "h"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> client.get(base, Endpoint.class));
    assertEquals("Required value 'port' missing at " + base, e.getMessage());
  }

  @Test
  void aTreeOfTheWrongShapeNamesTheKey() {
    client.set(base, Map.of("name", "n", "tags", Map.of("a", "b")));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> client.get(base, Service.class));
    assertEquals(
        "Expected a list (a directory of items 1, 2, ...) but was a directory of named keys at "
            + base
            + "/tags",
        e.getMessage());

    client.set(base, Map.of("mode", "SLEEPING"));
    e = assertThrows(IllegalArgumentException.class, () -> client.get(base, Service.class));
    assertEquals(
        "Expected one of [ACTIVE, DRAINING] but was SLEEPING at " + base + "/mode", e.getMessage());
  }

  @Test
  void aValueMoshiCannotMapWritesNothing() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                client.set(base, Map.of("ok", "1", "localized", new Localized("s", Locale.ROOT))));
    assertEquals(
        "Unsupported value of type "
            + Localized.class.getName()
            + " at "
            + base
            + "/localized: Moshi"
            + " cannot map it (Platform class java.util.Locale requires explicit JsonAdapter to be registered"
            + " for class java.util.Locale for class "
            + Localized.class.getName()
            + "); use a Map, a List, an"
            + " array, a scalar, a record or a class Moshi maps, or give EtcdMiddleware a Moshi with an adapter for it",
        e.getMessage());
    assertFalse(client.contains(base));
  }

  /** Writes an {@link Instant} as its ISO-8601 text. */
  static final class InstantAdapter {
    @ToJson
    String toJson(Instant instant) {
      return instant.toString();
    }

    @FromJson
    Instant fromJson(String text) {
      return Instant.parse(text);
    }
  }

  @Test
  void aCustomMoshiAdapterIsUsedBothWays() {
    Moshi moshi = new Moshi.Builder().add(new InstantAdapter()).build();
    try (EtcdMiddleware custom = new EtcdMiddleware(settings(), moshi)) {
      Stamped stamped = new Stamped("s", Instant.parse("2026-11-25T21:00:00Z"));
      custom.set(base, stamped);
      assertEquals(Map.of("at", "2026-11-25T21:00:00Z", "name", "s"), custom.get(base));
      assertEquals(stamped, custom.get(base, Stamped.class));
    }
  }

  record Hidden(String name) {}

  @Test
  void aRecordThatIsNotPublicIsRefusedWithTheFix() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> client.set(base, new Hidden("h")));
    assertEquals(
        "Unsupported value of type "
            + Hidden.class.getName()
            + " at "
            + base
            + ": Moshi cannot call the"
            + " record's accessors and constructor; make the record public",
        e.getMessage());
    assertFalse(client.contains(base));
    client.set(base, Map.of("name", "h"));
    e = assertThrows(IllegalArgumentException.class, () -> client.get(base, Hidden.class));
    assertEquals(
        "Cannot read "
            + base
            + " as "
            + Hidden.class.getName()
            + ": Moshi cannot call the record's"
            + " accessors and constructor; make the record public",
        e.getMessage());
  }

  @Test
  void aTypeMoshiCannotReadNamesTheKey() {
    client.set(base, "x");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> client.get(base, Locale.class));
    assertEquals(
        "Cannot read "
            + base
            + " as java.util.Locale: Moshi cannot map it (Platform class"
            + " java.util.Locale requires explicit JsonAdapter to be registered); give EtcdMiddleware a Moshi with an"
            + " adapter for it",
        e.getMessage());
  }

  public record Svc(String name, Map<String, String> ports) {}

  public record NumberedPorts(Map<Integer, String> ports) {}

  @Test
  void aDeclaredMapKeepsKeysThatAreNumbers() {
    Map<String, String> ports = new LinkedHashMap<>();
    ports.put("443", "https");
    ports.put("80", "http");
    client.set(base, new Svc("web", ports));
    assertEquals(new Svc("web", ports), client.get(base, Svc.class));
    Map<Integer, String> byNumber = Map.of(80, "http", 443, "https");
    client.set(base + "/n", new NumberedPorts(byNumber));
    assertEquals(new NumberedPorts(byNumber), client.get(base + "/n", NumberedPorts.class));
  }

  @Test
  void aDeclaredMapKeepsItemsOneToNAsKeys() {
    client.set(base, List.of("a", "b"));
    Type mapOfStrings = Types.newParameterizedType(Map.class, String.class, String.class);
    assertEquals(Map.of("1", "a", "2", "b"), client.get(base, mapOfStrings));
  }

  @Test
  void aDeclaredListReadsNumberedChildrenInNumericOrderAndNamesTheBadOne() {
    client.set(base, Map.of("10", "3", "9", "2", "1", "1"));
    Type listOfInts = Types.newParameterizedType(List.class, Integer.class);
    assertEquals(List.of(1, 2, 3), client.get(base, listOfInts));
    client.set(base + "/9", "x");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> client.get(base, listOfInts));
    assertEquals("Expected an int but was \"x\" at " + base + "/9", e.getMessage());
  }

  public record Loose(Object any) {}

  @Test
  void aValueDeclaredObjectReadsAsAnUntypedGet() {
    client.set(base, Map.of("any", Map.of("l", List.of("x", "y"), "m", Map.of("5", "a"))));
    assertEquals(
        new Loose(Map.of("l", List.of("x", "y"), "m", Map.of("5", "a"))),
        client.get(base, Loose.class));
  }
}
