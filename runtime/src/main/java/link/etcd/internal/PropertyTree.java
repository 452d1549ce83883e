package link.etcd.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flattens a tree read by {@code EtcdMiddleware.get} into property names, as the Spring Boot and
 * MicroProfile configuration sources present it: a key's path below the tree, joined with {@code
 * .}, is its name ({@code server/port} gives {@code server.port}), and a list (items {@code 1} ..
 * {@code n}) gives indexed names from zero ({@code hosts/1}, {@code hosts/2} give {@code hosts[0]},
 * {@code hosts[1]}). Not for users.
 */
public final class PropertyTree {
  private PropertyTree() {}

  /**
   * {@return the properties of {@code tree} in key order: a {@code Map<String, Object>} of
   * directories, lists and {@code String} values; empty directories give no property}
   */
  public static Map<String, String> flatten(Map<String, Object> tree) {
    Map<String, String> properties = new LinkedHashMap<>();
    tree.forEach((name, value) -> add(properties, name, value));
    return properties;
  }

  private static void add(Map<String, String> properties, String name, Object value) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((child, item) -> add(properties, name + "." + child, item));
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        add(properties, name + "[" + i + "]", list.get(i));
      }
    } else {
      properties.put(name, String.valueOf(value));
    }
  }
}
