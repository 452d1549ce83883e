package link.etcd.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import link.etcd.EtcdSettings;
import link.etcd.EtcdV3Client;
import link.etcd.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code key_prefix} is normalised when the settings are built: a trailing slash is dropped, so
 * {@code /ten} and {@code /ten/} are one namespace; an empty segment is refused, naming the option.
 * A prefix nested in another is a subtree of it.
 */
@ParameterizedClass
@MethodSource("link.etcd.Target#v3Targets")
final class V3KeyPrefixTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final Target target;
  private EtcdV3Client raw;
  private String base;

  V3KeyPrefixTest(Target target) {
    this.target = target;
  }

  @BeforeEach
  void open(TestInfo info) {
    raw = new EtcdV3Client(target.settings());
    base = "/kp-" + info.getTestMethod().orElseThrow().getName() + "-" + COUNTER.incrementAndGet();
  }

  @AfterEach
  void close() {
    raw.close();
  }

  @Test
  void aTrailingSlashIsDroppedSoBothSpellingsAreOneNamespace() {
    assertEquals(base, target.builder().keyPrefix(base + "/").build().keyPrefix());
    assertEquals("", target.builder().keyPrefix("/").build().keyPrefix());
    try (EtcdMiddleware plain = new EtcdMiddleware(target.builder().keyPrefix(base).build());
        EtcdMiddleware slashed =
            new EtcdMiddleware(target.builder().keyPrefix(base + "/").build())) {
      slashed.set("/x", Map.of("a", "1"));
      assertEquals(Map.of("a", "1"), plain.get("/x"));
      assertEquals(Map.of("x", Map.of("a", "1")), plain.get("/"));
      assertEquals("1", raw.range(base + "/x/a").kvs().get(0).value());
      assertEquals(0, raw.range(base + "//x/a").kvs().size());
    }
  }

  @Test
  void anEmptySegmentIsRefusedNamingTheOption() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EtcdSettings.builder().keyPrefix("/ten//x").build());
    assertEquals(
        "key_prefix '/ten//x' has an empty segment (two slashes in a row); write it as /ten/x",
        e.getMessage());
    IllegalArgumentException twoTrailing =
        assertThrows(
            IllegalArgumentException.class,
            () -> EtcdSettings.builder().keyPrefix("/ten//").build());
    assertEquals(
        "key_prefix '/ten//' has an empty segment (two slashes in a row); write it as /ten",
        twoTrailing.getMessage());
  }

  @Test
  void aNestedPrefixIsASubtreeOfTheOuterOne() {
    try (EtcdMiddleware outer = new EtcdMiddleware(target.builder().keyPrefix(base).build());
        EtcdMiddleware inner =
            new EtcdMiddleware(target.builder().keyPrefix(base + "/b").build())) {
      inner.set("/cfg", Map.of("port", "1"));
      assertEquals(Map.of("port", "1"), outer.get("/b/cfg"));
      outer.set("/other", "x");
      assertEquals(Map.of("cfg", Map.of("port", "1")), inner.get("/"));
      outer.set("/b", Map.of("cfg", Map.of("port", "2")));
      assertEquals(Map.of("port", "2"), inner.get("/cfg"));
    }
  }
}
