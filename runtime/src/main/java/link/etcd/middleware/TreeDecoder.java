package link.etcd.middleware;

import java.io.IOException;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import link.etcd.internal.EtcdJsonReader;
import link.etcd.internal.JsonBodyDecoder;
import link.etcd.internal.Keys;
import org.jspecify.annotations.Nullable;

/**
 * Decodes the answer of a recursive, sorted read straight into plain Java values, as the body streams in: a key's
 * value is a {@code String}; a directory is a {@code Map} keyed by each child's last segment, in key order. The
 * {@link #UNTYPED} decoder reads a directory whose children are named exactly {@code 1} to {@code n} (what
 * {@code set} writes for a list) as a {@code List} in that order, and nothing else: so writing back what was read
 * never renames a key. The {@link #DIRECTORIES} decoder keeps every directory a map, for a declared type to
 * decide. No node model is built, so a big tree costs little more than its values.
 */
final class TreeDecoder implements JsonBodyDecoder<Object> {
  /** Reads items {@code 1} to {@code n} as a list: what an untyped {@code get} returns. */
  static final TreeDecoder UNTYPED = new TreeDecoder(true);
  /** Reads every directory as a map keyed by its children's names: what typed mapping reads from. */
  static final TreeDecoder DIRECTORIES = new TreeDecoder(false);

  /** A decoded child: its name and its value. */
  private record Entry(String name, Object value) {}

  private final boolean lists;

  private TreeDecoder(boolean lists) {
    this.lists = lists;
  }

  @Override
  public Object decode(EtcdJsonReader json) throws IOException {
    @Nullable Entry node = null;
    json.beginObject();
    while (json.hasNext()) {
      if (json.nextName().equals("node")) {
        node = node(json);
      } else {
        json.skipValue();
      }
    }
    json.endObject();
    if (node == null) {
      throw new IllegalStateException("etcd's answer has no node");
    }
    return node.value();
  }

  private Entry node(EtcdJsonReader json) throws IOException {
    String key = "/";
    String value = null;
    boolean dir = false;
    List<Entry> children = List.of();
    json.beginObject();
    while (json.hasNext()) {
      switch (json.nextName()) {
        case "key" -> key = json.nextString();
        case "value" -> value = json.nextNullableString();
        case "dir" -> dir = json.nextBoolean();
        case "nodes" -> children = children(json);
        default -> json.skipValue();
      }
    }
    json.endObject();
    return new Entry(Keys.lastSegment(key), dir ? directory(children, lists) : value == null ? "" : value);
  }

  private List<Entry> children(EtcdJsonReader json) throws IOException {
    List<Entry> children = new ArrayList<>();
    json.beginArray();
    while (json.hasNext()) {
      children.add(node(json));
    }
    json.endArray();
    return children;
  }

  private static Object directory(List<Entry> children, boolean lists) {
    if (lists && areItems(children.stream().map(Entry::name).toList())) {
      Object[] items = new Object[children.size()];
      for (Entry child : children) {
        items[Integer.parseInt(child.name()) - 1] = child.value();
      }
      return new ArrayList<>(Arrays.asList(items));
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (Entry child : children) {
      map.put(child.name(), child.value());
    }
    return map;
  }

  /**
   * Returns {@code tree}, as {@link #DIRECTORIES} reads it, as {@link #UNTYPED} would have read it: every map
   * keyed exactly {@code 1} to {@code n} becomes a list, at any depth.
   */
  static @Nullable Object untyped(@Nullable Object tree) {
    if (!(tree instanceof Map<?, ?> map)) {
      return tree;
    }
    List<Entry> children = new ArrayList<>(map.size());
    for (Map.Entry<?, ?> child : map.entrySet()) {
      children.add(new Entry(String.valueOf(child.getKey()), requireNonNull(untyped(child.getValue()))));
    }
    return directory(children, true);
  }

  /**
   * Whether {@code names} are exactly {@code 1}, {@code 2}, ..., {@code n} in some order, written without leading
   * zeros: the only directories read as lists without a declared type, so that no name is ever lost.
   */
  static boolean areItems(List<String> names) {
    if (names.isEmpty()) {
      return false;
    }
    boolean[] seen = new boolean[names.size()];
    for (String name : names) {
      int item = itemNumber(name, names.size());
      if (item < 1 || seen[item - 1]) {
        return false;
      }
      seen[item - 1] = true;
    }
    return true;
  }

  /** Returns the number {@code name} writes, in 1..max and without leading zeros, or 0 when it is not one. */
  private static int itemNumber(String name, int max) {
    if (name.isEmpty() || name.length() > 10 || name.charAt(0) == '0') {
      return 0;
    }
    long number = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') {
        return 0;
      }
      number = number * 10 + (c - '0');
    }
    return number <= max ? (int) number : 0;
  }

  /** Whether {@code name} is a decimal number of any length: an item a declared list or array reads. */
  static boolean isNumber(String name) {
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

  /** Compares two decimal numbers of any length by value: {@code "9" < "010"}. */
  static int compareNumbers(String a, String b) {
    int startA = firstSignificant(a);
    int startB = firstSignificant(b);
    int byLength = Integer.compare(a.length() - startA, b.length() - startB);
    if (byLength != 0) {
      return byLength;
    }
    for (int i = startA, j = startB; i < a.length(); i++, j++) {
      int byDigit = Character.compare(a.charAt(i), b.charAt(j));
      if (byDigit != 0) {
        return byDigit;
      }
    }
    return 0;
  }

  private static int firstSignificant(String number) {
    int i = 0;
    while (i < number.length() - 1 && number.charAt(i) == '0') {
      i++;
    }
    return i;
  }
}
