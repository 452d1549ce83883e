package link.etcd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PropertyTreeTest {
  @Test
  void pathsJoinWithDotsAndListsIndexFromZero() {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("server", Map.of("port", "8081"));
    tree.put("hosts", List.of("alpha", "beta"));
    tree.put("logging.level.root", "WARN");
    tree.put("routes", List.of(Map.of("path", "/a"), List.of("x")));
    tree.put("empty", Map.of());

    assertEquals(
        Map.of(
            "server.port", "8081",
            "hosts[0]", "alpha",
            "hosts[1]", "beta",
            "logging.level.root", "WARN",
            "routes[0].path", "/a",
            "routes[1][0]", "x"),
        PropertyTree.flatten(tree));
  }
}
