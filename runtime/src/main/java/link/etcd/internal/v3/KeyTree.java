package link.etcd.internal.v3;

import java.util.ArrayList;
import java.util.HashMap;
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
 * are the ones built, with no pass over them at the end; only a directory whose names arrived out
 * of name order is sorted then (a name that is a prefix of another followed by a character below
 * {@code /}, such as {@code a} and {@code a-b}; or names that UTF-8's byte order and Java's {@code
 * String} order rank apart, such as U+E000 and U+10000).
 */
public final class KeyTree {
  private final String root;
  private final String under;
  private final Dir top;
  private @Nullable String topValue;
  private boolean found;

  /** Whether the root is a directory: {@code /}, or a key under it arrived. */
  private boolean directory;

  /** The directory of the key added last, and its path under the root ending in {@code /}. */
  private Dir lastDir;

  private String lastPath = "";

  /** The directories whose names arrived out of name order: sorted once every key is in. */
  private final List<Dir> unsorted = new ArrayList<>();

  /**
   * A directory while keys arrive: the map handed back (each child a {@code String} or a {@code
   * Map}, in order of arrival), and its subdirectories by name, for the keys still to come.
   */
  private final class Dir {
    final Map<String, Object> children = new LinkedHashMap<>();
    final Map<String, Dir> subdirs = new HashMap<>();
    @Nullable String lastName;
    boolean outOfOrder;

    /** Notes the arrival of the new name {@code name}. */
    private void arrived(String name) {
      if (lastName != null && !outOfOrder && lastName.compareTo(name) > 0) {
        outOfOrder = true;
        unsorted.add(this);
      }
      lastName = name;
    }

    Dir dir(String name) {
      Dir dir = subdirs.get(name);
      if (dir != null) {
        return dir;
      }
      dir = new Dir();
      subdirs.put(name, dir);
      if (children.put(name, dir.children) == null) {
        arrived(name);
      }
      return dir;
    }

    void value(String name, String value) {
      if (subdirs.containsKey(name)) {
        return;
      }
      if (children.put(name, value) == null) {
        arrived(name);
      }
    }

    /** Puts the children in name order, in the same map. */
    void sort() {
      List<String> names = new ArrayList<>(children.keySet());
      names.sort(null);
      Map<String, Object> byName = new LinkedHashMap<>(children);
      children.clear();
      for (String name : names) {
        children.put(name, byName.get(name));
      }
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
    this.top = new Dir();
    this.lastDir = top;
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
      unsorted.forEach(Dir::sort);
      return top.children;
    }
    return topValue == null ? "" : topValue;
  }
}
