package link.etcd.internal.v3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which etcd releases answer a progress request only once the watcher caught up. */
final class V3ReplayTest {
  @Test
  void progressIsOrderedFrom3513And3431On() {
    Map<String, Boolean> versions =
        Map.ofEntries(
            Map.entry("3.4.23", false),
            Map.entry("3.4.25", false),
            Map.entry("3.4.30", false),
            Map.entry("3.4.31", true),
            Map.entry("3.4.37", true),
            Map.entry("3.5.7", false),
            Map.entry("3.5.12", false),
            Map.entry("3.5.13", true),
            Map.entry("3.5.16", true),
            Map.entry("3.6.0", true),
            Map.entry("3.6.0-rc.1", true),
            Map.entry("4.0.0", true),
            Map.entry("3.3.27", false),
            Map.entry("", false),
            Map.entry("not a version", false));
    versions.forEach(
        (version, ordered) -> assertEquals(ordered, V3Replay.progressIsOrdered(version), version));
  }
}
