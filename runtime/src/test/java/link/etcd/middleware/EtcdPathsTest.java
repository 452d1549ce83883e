package link.etcd.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Moshi's JSON paths turned into etcd keys. */
final class EtcdPathsTest {
  @Test
  void namesAreSegmentsAndIndexesAreOneBasedItems() {
    assertEquals(
        "Expected an int but was \"x\" at /svc/servers/1/port",
        EtcdPaths.toKey("Expected an int but was \"x\" at path $.servers[0].port", "/svc"));
    assertEquals(
        "Required value 'port' missing at /svc",
        EtcdPaths.toKey("Required value 'port' missing at $", "/svc"));
    assertEquals(
        "Expected a boolean but was \"x\" at /on",
        EtcdPaths.toKey("Expected a boolean but was \"x\" at" + " path $.on", "/"));
  }

  @Test
  void aMessageWithoutPathGetsTheKey() {
    assertEquals("Something failed at /svc", EtcdPaths.toKey("Something failed", "/svc"));
  }

  @Test
  void nestedPathsAreMadeAbsolute() {
    assertEquals(
        "Expected an int but was \"x\" at path $.a.2",
        EtcdPaths.nest("Expected an int but was \"x\" at" + " path $.2", "$.a"));
  }
}
