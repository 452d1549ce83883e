package link.etcd.internal.v3;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.EtcdKeyNotFoundException;
import link.etcd.EtcdV3Client;
import link.etcd.EtcdV3Types.RangeResult;
import org.jspecify.annotations.Nullable;

/**
 * Builds the tree at one path from the flat keys of the v3 key space as a range read streams in:
 * the key {@code p} itself, the marker {@code p/} of a directory the library wrote, and every key
 * under {@code p/}. Directories are inferred from key paths as well, so trees written by other
 * tools ({@code etcdctl put /app/db/host x}) read as nested maps. A name that is both a key and a
 * directory reads as the directory. The result is the same plain values as a v2 read: a {@code
 * String}, or a {@code Map} for every directory, its children in name order.
 *
 * <p>Each key is split once, without regular expressions: keys arrive in key order, so most share
 * their directory with the key before, which is then found without a lookup. The maps handed back
 * are the ones built; only a directory whose names arrived out of name order (a name that is a
 * prefix of another followed by a character below {@code /}, such as {@code a} and {@code a-b}) is
 * sorted at the end.
 */
public final class KeyTree {
  private final String root;
  private final String under;
  private final Dir top = new Dir();
  private @Nullable String topValue;
  private boolean found;

  /** Whether the root is a directory: {@code /}, or a key under it arrived. */
  private boolean directory;

  /** The directory of the key added last, and its path under the root ending in {@code /}. */
  private Dir lastDir = top;

  private String lastPath = "";

  /** A directory while keys arrive: its children (a {@code String} or a {@link Dir}) in order. */
  private static final class Dir {
    final Map<String, Object> children = new LinkedHashMap<>();
    @Nullable String lastName;
    boolean unsorted;

    /** Notes the arrival of the new name {@code name}. */
    void arrived(String name) {
      if (lastName != null && lastName.compareTo(name) > 0) {
        unsorted = true;
      }
      lastName = name;
    }

    Dir dir(String name) {
      Object child = children.get(name);
      if (child instanceof Dir dir) {
        return dir;
      }
      Dir dir = new Dir();
      if (child == null) {
        arrived(name);
      }
      children.put(name, dir);
      return dir;
    }

    void value(String name, String value) {
      Object child = children.get(name);
      if (child == null) {
        arrived(name);
        children.put(name, value);
      } else if (child instanceof String) {
        children.put(name, value);
      }
    }

    /** {@return the children as plain values, in name order} */
    Map<String, Object> finish() {
      for (Map.Entry<String, Object> child : children.entrySet()) {
        if (child.getValue() instanceof Dir dir) {
          child.setValue(dir.finish());
        }
      }
      if (!unsorted) {
        return children;
      }
      List<String> names = new ArrayList<>(children.keySet());
      names.sort(null);
      Map<String, Object> sorted = new LinkedHashMap<>();
      for (String name : names) {
        sorted.put(name, children.get(name));
      }
      return sorted;
    }
  }

  /**
   * Reads the tree at the normalized path {@code key}: every key under {@code key/} in one range,
   * decoded as the answer streams in; then, when there are none, the key itself at that revision.
   *
   * @throws EtcdKeyNotFoundException when nothing is stored at {@code key}
   */
  public static Object read(EtcdV3Client client, String key) {
    KeyTree tree = new KeyTree(key);
    String from = key.equals("/") ? "/" : key + "/";
    RangeResult read =
        client.rangeEach(
            from,
            client.rangeDefaults().withRangeEnd(EtcdV3Client.prefixEnd(from)),
            kv -> tree.add(kv.key(), kv.value()));
    long revision = read.revision();
    if (revision < 1) {
      throw new EtcdException(
          EtcdError.UNKNOWN,
          "The answer of "
              + String.join(", ", client.settings().endpoints())
              + " to a range read is not etcd's (a range answer without a revision); check that"
              + " host and port name the client URL of an etcd member",
          null);
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
    found = root.equals("/");
    directory = found;
  }

  /**
   * Adds the key {@code key} (without any key prefix) holding {@code value}; keys outside the path
   * are ignored.
   */
  void add(String key, String value) {
    if (key.equals(root)) {
      topValue = value;
      found = true;
      return;
    }
    if (!key.startsWith(under)) {
      return;
    }
    found = true;
    directory = true;
    int start = under.length();
    int slash = key.lastIndexOf('/');
    Dir dir;
    if (slash < start) {
      dir = top;
    } else if (slash + 1 - start == lastPath.length()
        && key.regionMatches(start, lastPath, 0, lastPath.length())) {
      dir = lastDir;
    } else {
      dir = top;
      int from = start;
      while (from <= slash) {
        int next = key.indexOf('/', from);
        dir = dir.dir(key.substring(from, next));
        from = next + 1;
      }
      lastDir = dir;
      lastPath = key.substring(start, slash + 1);
    }
    if (slash + 1 < key.length()) {
      dir.value(key.substring(slash + 1), value);
    }
  }

  boolean found() {
    return found;
  }

  /** {@return the tree as plain values: a {@code String}, or a {@code Map} for a directory} */
  Object toValue() {
    if (directory) {
      return top.finish();
    }
    return topValue == null ? "" : topValue;
  }
}
