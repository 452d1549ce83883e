package link.etcd.middleware;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import link.etcd.EtcdNode;
import link.etcd.internal.Keys;

/**
 * Turns a node read recursively into plain Java values: a key's value is a {@code String}; a directory is a
 * {@code Map} keyed by each child's last segment, in key order, or a {@code List} in numeric order when every
 * child's name is a decimal number (the items {@code set} writes for a list, and etcd's in-order keys).
 */
final class TreeReader {
  private static final Comparator<EtcdNode> NUMERIC =
      Comparator.comparing(node -> new BigInteger(Keys.lastSegment(node.key())));

  private TreeReader() {}

  static Object read(EtcdNode node) {
    if (!node.dir()) {
      return node.value() == null ? "" : node.value();
    }
    List<EtcdNode> children = node.nodes();
    if (!children.isEmpty() && children.stream().allMatch(child -> isNumber(Keys.lastSegment(child.key())))) {
      List<EtcdNode> ordered = new ArrayList<>(children);
      ordered.sort(NUMERIC);
      List<Object> list = new ArrayList<>(ordered.size());
      for (EtcdNode child : ordered) {
        list.add(read(child));
      }
      return list;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (EtcdNode child : children) {
      map.put(Keys.lastSegment(child.key()), read(child));
    }
    return map;
  }

  private static boolean isNumber(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
