package link.etcd.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import link.etcd.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Paths as deep as etcd takes: a write guards its path with a few compares whatever its depth, so
 * neither {@code set}, {@code merge} nor {@code append} runs into {@code max_txn_ops} (128) at 70
 * or 130 levels.
 */
@ParameterizedClass
@MethodSource("link.etcd.Target#v3Targets")
final class V3DeepPathTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final Target target;
  private EtcdMiddleware client;
  private String base;

  V3DeepPathTest(Target target) {
    this.target = target;
  }

  @BeforeEach
  void open(TestInfo info) {
    client = new EtcdMiddleware(target.settings());
    base =
        "/deep-" + info.getTestMethod().orElseThrow().getName() + "-" + COUNTER.incrementAndGet();
  }

  @AfterEach
  void close() {
    client.close();
  }

  /** {@return {@code base} followed by {@code levels} segments} */
  private String path(int levels) {
    return base + "/d".repeat(levels);
  }

  @Test
  void setAndMergeAtSeventyLevels() {
    String path = path(69);
    client.set(path, Map.of("a", "1", "b", Map.of("c", "2")));
    client.merge(path, Map.of("e", "3"));
    assertEquals(Map.of("a", "1", "b", Map.of("c", "2"), "e", "3"), client.get(path));
    client.set(path, Map.of("a", "4"));
    assertEquals(Map.of("a", "4"), client.get(path));
  }

  @Test
  void setAndMergeAtAHundredAndThirtyLevels() {
    String path = path(129);
    client.set(path, Map.of("a", "1"));
    client.merge(path, Map.of("b", "2"));
    assertEquals(Map.of("a", "1", "b", "2"), client.get(path));
    client.set(path(64), "cut");
    assertEquals("cut", client.get(path(64)));
  }

  @Test
  void setAndAppendAtFourHundredLevels() {
    String path = path(399);
    client.set(path, Map.of("a", "1"));
    assertEquals(Map.of("a", "1"), client.get(path));
    client.append(path + "/q", "item");
    assertEquals(List.of("item"), client.get(path + "/q", List.class));
  }

  @Test
  void appendAtAHundredAndThirtyLevels() {
    String queue = path(129);
    client.append(queue, "first");
    client.append(queue, "second");
    assertEquals(List.of("first", "second"), client.get(queue, List.class));
  }
}
