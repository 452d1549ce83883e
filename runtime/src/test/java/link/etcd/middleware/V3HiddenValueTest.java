package link.etcd.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.EtcdV3Client;
import link.etcd.EtcdV3Types.RangeOptions;
import link.etcd.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values {@code get} does not show, written by other tools: a value at a name that is also a
 * directory ({@code /a} = 1 beside {@code /a/b}), and a value in a key ending in {@code /}. A tree
 * write that keeps the directory would delete or overwrite them, so it is refused before any write,
 * naming the key; a write that drops or replaces the whole name removes them, as {@code get}
 * showed.
 */
@ParameterizedClass
@MethodSource("link.etcd.Target#v3Targets")
final class V3HiddenValueTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final Target target;
  private EtcdV3Client raw;
  private EtcdMiddleware client;
  private String base;

  V3HiddenValueTest(Target target) {
    this.target = target;
  }

  @BeforeEach
  void open(TestInfo info) {
    raw = new EtcdV3Client(target.settings());
    client = new EtcdMiddleware(target.settings());
    base = "/hv-" + info.getTestMethod().orElseThrow().getName() + "-" + COUNTER.incrementAndGet();
  }

  @AfterEach
  void close() {
    client.close();
    raw.close();
  }

  private Map<String, String> stored(String key) {
    Map<String, String> result = new LinkedHashMap<>();
    RangeOptions under = RangeOptions.defaults().withRangeEnd(EtcdV3Client.prefixEnd(key + "/"));
    raw.range(key + "/", under).kvs().forEach(kv -> result.put(kv.key(), kv.value()));
    return result;
  }

  @Test
  void aValueAtADirectoryNameIsNeverDeletedByAWriteThatKeepsTheDirectory() {
    raw.put(base + "/a", "1");
    raw.put(base + "/a/b", "2");
    assertEquals(Map.of("a", Map.of("b", "2")), client.get(base));
    Map<String, String> before = stored(base);
    for (TreeWriter.Mode mode : TreeWriter.Mode.values()) {
      EtcdException e =
          assertThrows(
              EtcdException.class,
              () -> {
                if (mode == TreeWriter.Mode.REPLACE) {
                  client.set(base, client.get(base));
                } else {
                  client.merge(base + "/a", Map.of("c", "3"));
                }
              });
      assertEquals(EtcdError.NOT_A_DIRECTORY, e.error());
      assertEquals(
          "Cannot write "
              + (mode == TreeWriter.Mode.REPLACE ? base : base + "/a")
              + ": "
              + base
              + "/a holds a value that get does not show, since "
              + base
              + "/a is also a directory (written by another tool); the write would delete it."
              + " Delete the key "
              + base
              + "/a with that tool (etcdctl del "
              + base
              + "/a), or write a value or nothing at "
              + base
              + "/a",
          e.getMessage());
      assertEquals(before, stored(base));
    }
    assertEquals("1", raw.range(base + "/a").kvs().get(0).value());
    client.set(base + "/a", "replaced");
    assertEquals("replaced", client.get(base + "/a"));
    assertEquals(Map.of(), stored(base + "/a"));
  }

  @Test
  void aValueInAKeyEndingInASlashIsNeverOverwrittenByAWriteThatKeepsTheDirectory() {
    raw.put(base + "/trail/", "hello");
    assertEquals(Map.of("trail", Map.of()), client.get(base));
    EtcdException e = assertThrows(EtcdException.class, () -> client.set(base, client.get(base)));
    assertEquals(EtcdError.NOT_A_DIRECTORY, e.error());
    assertEquals(
        "Cannot write "
            + base
            + ": "
            + base
            + "/trail/ holds a value that get does not show, since a key ending in / marks the"
            + " directory "
            + base
            + "/trail; the write would overwrite it. Delete the key "
            + base
            + "/trail/ with the tool that wrote it (etcdctl del "
            + base
            + "/trail/), or write a value or nothing at "
            + base
            + "/trail",
        e.getMessage());
    assertEquals("hello", raw.range(base + "/trail/").kvs().get(0).value());
    client.set(base, Map.of("other", "x"));
    assertEquals(Map.of("other", "x"), client.get(base));
  }
}
