package link.etcd.internal.v3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import link.etcd.EtcdV3Client;
import link.etcd.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A tree read on v3 ({@link KeyTree}, through {@code EtcdV3Client.readValues}) gives every
 * directory's children in name order ({@code String} order) whatever order etcd's byte-ordered keys
 * bring them in, and reads a name that is both a key and a directory as the directory.
 */
@ParameterizedClass
@MethodSource("link.etcd.Target#v3Targets")
final class KeyTreeEtcdTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final Target target;
  private EtcdV3Client client;
  private String base;

  KeyTreeEtcdTest(Target target) {
    this.target = target;
  }

  @BeforeEach
  void open(TestInfo info) {
    client = new EtcdV3Client(target.settings());
    base = "/kt-" + info.getTestMethod().orElseThrow().getName() + "-" + COUNTER.incrementAndGet();
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void namesArriveOutOfNameOrderAndReadInNameOrder() {
    // etcd sends the names of base in UTF-8 byte order: a, a-b, a.c, b, d, U+E000, U+10000 (a is
    // also a directory: /a/x comes after /a.c/y). In String order U+10000, a surrogate pair,
    // comes before U+E000.
    client.put(base + "/a", "hidden by the directory");
    client.put(base + "/a/x", "1");
    client.put(base + "/a-b", "2");
    client.put(base + "/a.c/y", "3");
    client.put(base + "/b/", "");
    client.put(base + "/\uE000", "4");
    client.put(base + "/\uD800\uDC00", "5");
    client.put(base + "/d/s/1", "6");
    client.put(base + "/d/s/2", "7");
    client.put(base + "/d/t", "8");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("a", Map.of("x", "1"));
    expected.put("a-b", "2");
    expected.put("a.c", Map.of("y", "3"));
    expected.put("b", Map.of());
    expected.put("d", Map.of("s", Map.of("1", "6", "2", "7"), "t", "8"));
    expected.put("\uD800\uDC00", "5");
    expected.put("\uE000", "4");
    @SuppressWarnings("unchecked")
    Map<String, Object> read = (Map<String, Object>) client.readValues(base);
    assertEquals(expected, read);
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(read.keySet()));
    @SuppressWarnings("unchecked")
    Map<String, Object> d = (Map<String, Object>) read.get("d");
    assertEquals(List.of("s", "t"), List.copyOf(d.keySet()));
  }

  @Test
  void aKeyReadsAsItsValueAndAMarkerAsAnEmptyDirectory() {
    client.put(base + "/leaf", "v");
    client.put(base + "/empty/", "");
    assertEquals("v", client.readValues(base + "/leaf"));
    assertEquals(Map.of(), client.readValues(base + "/empty"));
  }
}
