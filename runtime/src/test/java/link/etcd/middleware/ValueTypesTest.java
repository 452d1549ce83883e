package link.etcd.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import link.etcd.EtcdSettings;
import link.etcd.dsl.EtcdTree;
import link.etcd.testing.EtcdExtension;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The value types people keep in configuration are stored as their standard string form and read
 * back the same way by {@code set}/{@code get}, the DSL and typed records, against a real etcd.
 */
@ExtendWith(EtcdExtension.class)
final class ValueTypesTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  public enum Level {
    LOW,
    HIGH
  }

  public record Settings(
      Duration timeout,
      Instant at,
      LocalDate day,
      LocalDateTime local,
      OffsetDateTime offset,
      UUID id,
      URI uri,
      String url,
      Path path,
      BigDecimal price,
      BigInteger big,
      Level level,
      Set<String> tags,
      Optional<Duration> retry,
      Optional<String> missing) {}

  /** A record with a {@code URL}, compared by text: {@code URL.equals} resolves host names. */
  public record Link(URL url) {}

  private final EtcdProcess etcd;
  private EtcdMiddleware client;
  private String base;

  ValueTypesTest(EtcdProcess etcd) {
    this.etcd = etcd;
  }

  @BeforeEach
  void open(TestInfo info) {
    client =
        new EtcdMiddleware(
            EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort()).build());
    base =
        "/values-" + info.getTestMethod().orElseThrow().getName() + "-" + COUNTER.incrementAndGet();
  }

  @AfterEach
  void close() {
    client.close();
  }

  private static Map<Object, String> values() throws Exception {
    Map<Object, String> values = new LinkedHashMap<>();
    values.put(Duration.ofSeconds(90), "PT1M30S");
    values.put(Instant.parse("2026-11-26T12:00:00Z"), "2026-11-26T12:00:00Z");
    values.put(LocalDate.of(2026, 11, 26), "2026-11-26");
    values.put(LocalDateTime.of(2026, 11, 26, 12, 30), "2026-11-26T12:30");
    values.put(OffsetDateTime.parse("2026-11-26T12:00+01:00"), "2026-11-26T12:00+01:00");
    values.put(
        UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
        "123e4567-e89b-12d3-a456-426614174000");
    values.put(URI.create("https://example.com/a?b=c"), "https://example.com/a?b=c");
    values.put(Path.of("/etc/app/app.conf"), "/etc/app/app.conf");
    values.put(new BigDecimal("1E+3"), "1000");
    values.put(new BigInteger("123456789012345678901234567890"), "123456789012345678901234567890");
    values.put(Level.HIGH, "HIGH");
    return values;
  }

  @Test
  void eachValueTypeIsStoredAsItsTextAndReadBack() throws Exception {
    for (Map.Entry<Object, String> entry : values().entrySet()) {
      Object value = entry.getKey();
      String key = base + "/" + value.getClass().getSimpleName();
      client.set(key, value);
      assertEquals(entry.getValue(), client.get(key), key);
      Class<?> type = value instanceof Path ? Path.class : value.getClass();
      Object read = client.get(key, type);
      assertEquals(value instanceof BigDecimal ? new BigDecimal("1000") : value, read, key);
    }
  }

  @Test
  void aUrlIsStoredAsItsText() throws Exception {
    URL url = URI.create("https://example.com/path").toURL();
    client.set(base, new Link(url));
    assertEquals(Map.of("url", "https://example.com/path"), client.get(base));
    assertEquals(url.toString(), client.get(base, Link.class).url().toString());
  }

  @Test
  void recordOfValueTypesRoundTrips() {
    Settings settings = settings(Optional.of(Duration.ofMillis(250)));
    client.set(base, settings);

    Map<String, Object> stored = new LinkedHashMap<>();
    stored.put("at", "2026-11-26T12:00:00Z");
    stored.put("big", "12");
    stored.put("day", "2026-11-26");
    stored.put("id", "123e4567-e89b-12d3-a456-426614174000");
    stored.put("level", "LOW");
    stored.put("local", "2026-11-26T12:30");
    stored.put("offset", "2026-11-26T12:00+01:00");
    stored.put("path", "conf/app.conf");
    stored.put("price", "9.90");
    stored.put("retry", "PT0.25S");
    stored.put("tags", List.of("blue"));
    stored.put("timeout", "PT30S");
    stored.put("uri", "urn:isbn:0451450523");
    stored.put("url", "https://example.com");
    assertEquals(stored, client.get(base));
    assertEquals(settings, client.get(base, Settings.class));
  }

  @Test
  void anEmptyOptionalIsLeftOutAndReadsBackEmpty() {
    client.set(base, settings(Optional.empty()));
    assertFalse(client.contains(base + "/retry"));
    assertEquals(settings(Optional.empty()), client.get(base, Settings.class));

    client.set(base, Map.of("present", Optional.of("x"), "absent", Optional.empty()));
    assertEquals(Map.of("present", "x"), client.get(base));
  }

  @Test
  void theDslStoresValueTypesAsText() {
    EtcdTree.replace(
        client,
        base,
        root ->
            root.put("timeout", Duration.ofMinutes(5))
                .put("id", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"))
                .dir(
                    "days",
                    days -> days.item(LocalDate.of(2026, 1, 1)).item(LocalDate.of(2026, 12, 31))));

    assertEquals(
        Map.of(
            "timeout",
            "PT5M",
            "id",
            "123e4567-e89b-12d3-a456-426614174000",
            "days",
            List.of("2026-01-01", "2026-12-31")),
        client.get(base));
    assertEquals(Duration.ofMinutes(5), client.get(base + "/timeout", Duration.class));
  }

  @Test
  void aSetIsWrittenAsItemsInIterationOrder() {
    client.set(base, new java.util.TreeSet<>(Set.of("b", "a")));
    assertEquals(List.of("a", "b"), client.get(base));
  }

  @Test
  void textThatDoesNotParseNamesTheKeyAndTheForm() {
    client.set(base, Map.of("at", "yesterday"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> client.get(base + "/at", Instant.class));
    assertEquals(
        "Expected an instant (ISO-8601 such as 2026-11-26T12:00:00Z) but was \"yesterday\" at "
            + base
            + "/at",
        e.getMessage());
  }

  @Test
  void anObjectWithoutFieldsIsRefusedBeforeAnyWrite() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> client.set(base, Map.of("obj", new Object())));
    assertEquals(
        "Unsupported value of type java.lang.Object at "
            + base
            + "/obj: it has no fields, so it has no"
            + " tree form (Moshi would write an empty directory); use a Map, a List, an array, a scalar, a record or a"
            + " class with fields",
        e.getMessage());
    assertFalse(client.contains(base));
  }

  private static Settings settings(Optional<Duration> retry) {
    return new Settings(
        Duration.ofSeconds(30),
        Instant.parse("2026-11-26T12:00:00Z"),
        LocalDate.of(2026, 11, 26),
        LocalDateTime.of(2026, 11, 26, 12, 30),
        OffsetDateTime.parse("2026-11-26T12:00+01:00"),
        UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
        URI.create("urn:isbn:0451450523"),
        "https://example.com",
        Path.of("conf/app.conf"),
        new BigDecimal("9.90"),
        BigInteger.valueOf(12),
        Level.LOW,
        Set.of("blue"),
        retry,
        Optional.empty());
  }
}
