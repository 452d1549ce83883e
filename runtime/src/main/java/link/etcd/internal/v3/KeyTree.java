package link.etcd.internal.v3;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.EtcdKeyNotFoundException;
import link.etcd.EtcdV3Client;
import link.etcd.EtcdV3Types.RangeOptions;
import link.etcd.EtcdV3Types.RangeResult;
import org.jspecify.annotations.Nullable;

/**
 * Builds the tree at one path from the flat keys of the v3 key space, fed in any order as a range
 * read streams in: the key {@code p} itself, the marker {@code p/} of a directory the library
 * wrote, and every key under {@code p/}. Directories are inferred from key paths as well, so trees
 * written by other tools ({@code etcdctl put /app/db/host x}) read as nested maps. A name that is
 * both a key and a directory reads as the directory. The result is the same plain values as a v2
 * read: a {@code String}, or a {@code Map} for every directory.
 */
public final class KeyTree {
  /** Keys per page of a tree read. */
  private static final int PAGE = 2000;

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

  /**
   * Reads the tree at the normalized path {@code key}: the keys under {@code key/} page by page,
   * every page at the first page's revision, decoded as each answer streams in; then, when there
   * are none, the key itself at that revision.
   *
   * @throws EtcdKeyNotFoundException when nothing is stored at {@code key}
   */
  public static Object read(EtcdV3Client client, String key) {
    KeyTree tree = new KeyTree(key);
    String from = key.equals("/") ? "/" : key + "/";
    String end = EtcdV3Client.prefixEnd(from);
    long revision = 0;
    while (true) {
      String[] last = {null};
      RangeOptions options =
          client.rangeDefaults().withRangeEnd(end).withLimit(PAGE).withRevision(revision);
      RangeResult page =
          client.rangeEach(
              from,
              options,
              kv -> {
                tree.add(kv.key(), kv.value());
                last[0] = kv.key();
              });
      revision = page.revision();
      if (revision < 1) {
        throw new EtcdException(
            EtcdError.UNKNOWN,
            "The answer of "
                + String.join(", ", client.settings().endpoints())
                + " to a range read is not etcd's (a range answer without a revision); check that"
                + " host and port name the client URL of an etcd member",
            null);
      }
      if (!page.more() || last[0] == null) {
        break;
      }
      from = last[0] + "\0";
    }
    if (!tree.found()) {
      client
          .range(key, client.rangeDefaults().withRevision(revision))
          .kvs()
          .forEach(kv -> tree.add(kv.key(), kv.value()));
    }
    if (!tree.found()) {
      throw new EtcdKeyNotFoundException(key);
    }
    return tree.toValue();
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

  /**
   * Adds the key {@code key} (without any key prefix) holding {@code value}; keys outside the path
   * are ignored.
   */
  private void add(String key, String value) {
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

  private boolean found() {
    return found;
  }

  private Object toValue() {
    return value(top);
  }

  private static Object value(Node node) {
    Map<String, Node> children = node.children;
    if (children == null) {
      return node.value == null ? "" : node.value;
    }
    Map<String, Object> directory = new LinkedHashMap<>();
    for (Map.Entry<String, Node> child : children.entrySet()) {
      directory.put(child.getKey(), value(child.getValue()));
    }
    return directory;
  }
}
