package link.etcd;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import link.etcd.internal.Keys;
import org.jspecify.annotations.Nullable;

/**
 * Decodes the answer of a recursive, sorted read straight into plain Java values, as the body streams in: a key's
 * value is a {@code String}; a directory is a {@code Map} keyed by each child's last segment, in key order, or a
 * {@code List} in numeric order when every child's name is a decimal number (the items {@code set} writes for a
 * list, and etcd's in-order keys). No node model is built, so a big tree costs little more than its values.
 */
final class TreeDecoder implements JsonBodyDecoder<Object> {
  static final TreeDecoder INSTANCE = new TreeDecoder();

  private static final JsonReader.Options RESPONSE = JsonReader.Options.of("node");
  /** The fields read, then the most common ones skipped, which are cheaper to skip when named here. */
  private static final JsonReader.Options NODE =
      JsonReader.Options.of("key", "value", "dir", "nodes", "modifiedIndex", "createdIndex");

  /** A decoded child: its name and its value. */
  record Entry(String name, Object value) {}

  private TreeDecoder() {}

  @Override
  public Object decode(JsonReader json) throws IOException {
    @Nullable Entry node = null;
    json.beginObject();
    while (json.hasNext()) {
      if (json.selectName(RESPONSE) == 0) {
        node = node(json);
      } else {
        json.skipName();
        json.skipValue();
      }
    }
    json.endObject();
    if (node == null) {
      throw new IllegalStateException("etcd's answer has no node");
    }
    return node.value();
  }

  private static Entry node(JsonReader json) throws IOException {
    String key = "/";
    String value = null;
    boolean dir = false;
    List<Entry> children = List.of();
    json.beginObject();
    while (json.hasNext()) {
      switch (json.selectName(NODE)) {
        case 0 -> key = json.nextString();
        case 1 -> value = nullableString(json);
        case 2 -> dir = json.nextBoolean();
        case 3 -> children = children(json);
        case 4, 5 -> json.skipValue();
        default -> {
          json.skipName();
          json.skipValue();
        }
      }
    }
    json.endObject();
    return new Entry(Keys.lastSegment(key), dir ? directory(children) : value == null ? "" : value);
  }

  private static @Nullable String nullableString(JsonReader json) throws IOException {
    if (json.peek() == JsonReader.Token.NULL) {
      return json.nextNull();
    }
    return json.nextString();
  }

  private static List<Entry> children(JsonReader json) throws IOException {
    List<Entry> children = new ArrayList<>();
    json.beginArray();
    while (json.hasNext()) {
      children.add(node(json));
    }
    json.endArray();
    return children;
  }

  /**
   * {@return a directory's children as plain values: a {@code List} in numeric order when every name is a
   * decimal number, else a {@code Map} in the given order}
   */
  static Object directory(List<Entry> children) {
    if (!children.isEmpty() && children.stream().allMatch(child -> isNumber(child.name()))) {
      List<Entry> ordered = new ArrayList<>(children);
      ordered.sort((a, b) -> compareNumbers(a.name(), b.name()));
      List<Object> list = new ArrayList<>(ordered.size());
      for (Entry child : ordered) {
        list.add(child.value());
      }
      return list;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (Entry child : children) {
      map.put(child.name(), child.value());
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

  /** Compares two decimal numbers of any length by value: {@code "9" < "010"}. */
  private static int compareNumbers(String a, String b) {
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
