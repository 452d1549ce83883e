package link.etcd.middleware;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Builds the tree at one path from the flat keys of the v3 key space, fed in any order as a range read streams in:
 * the key {@code p} itself, the marker {@code p/} of a directory the library wrote, and every key under
 * {@code p/}. Directories are inferred from key paths as well, so trees written by other tools
 * ({@code etcdctl put /app/db/host x}) read as nested maps. A name that is both a key and a directory reads as the
 * directory. {@link #toValue()} gives the same plain values as a v2 read: a {@code String}, a {@code Map} or a
 * {@code List}.
 */
final class KeyTree {
  private final String root;
  private final String under;
  private final Node top = new Node();
  private boolean found;

  /** A node while keys arrive: a value, a directory, or both when other tools wrote both. */
  private static final class Node {
    @Nullable String value;
    @Nullable Map<String, Node> children;

    Map<String, Node> dir() {
      if (children == null) {
        children = new TreeMap<>();
      }
      return children;
    }
  }

  /** Starts the tree at the normalized path {@code root}. */
  KeyTree(String root) {
    this.root = root;
    this.under = root.equals("/") ? "/" : root + "/";
    if (root.equals("/")) {
      top.dir();
      found = true;
    }
  }

  /** Adds the key {@code key} (without any key prefix) holding {@code value}; keys outside the path are ignored. */
  void add(String key, String value) {
    if (key.equals(root)) {
      top.value = value;
      found = true;
      return;
    }
    if (!key.startsWith(under)) {
      return;
    }
    found = true;
    Node node = top;
    node.dir();
    int from = under.length();
    while (from < key.length()) {
      int slash = key.indexOf('/', from);
      int end = slash < 0 ? key.length() : slash;
      node = node.dir().computeIfAbsent(key.substring(from, end), name -> new Node());
      if (slash < 0) {
        node.value = value;
        return;
      }
      node.dir();
      from = slash + 1;
    }
  }

  /** {@return whether anything was found at the path} */
  boolean found() {
    return found;
  }

  /** {@return the tree as plain values; only when {@link #found()}} */
  Object toValue() {
    return value(top);
  }

  private static Object value(Node node) {
    Map<String, Node> children = node.children;
    if (children == null) {
      return node.value == null ? "" : node.value;
    }
    List<TreeDecoder.Entry> entries = new ArrayList<>(children.size());
    for (Map.Entry<String, Node> child : children.entrySet()) {
      entries.add(new TreeDecoder.Entry(child.getKey(), value(child.getValue())));
    }
    return TreeDecoder.directory(entries);
  }
}
