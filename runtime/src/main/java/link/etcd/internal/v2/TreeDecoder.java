package link.etcd.internal.v2;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.BufferedSource;
import okio.Options;
import org.jspecify.annotations.Nullable;

/**
 * Decodes the answer of a recursive read (sorted or not) straight into plain Java values, as the
 * body streams in: a key's value is a {@code String}; a directory is a {@code Map} keyed by each
 * child's last segment, in key order (etcd's order: by UTF-8 bytes, that is by code points; the
 * decoder orders an unsorted answer itself), so no name is lost (the middleware decides which
 * directories read as lists). No node model is built, so a big tree costs little more than its
 * values; {@link EtcdJsonReader} reads any depth.
 */
public final class TreeDecoder implements JsonBodyDecoder<Object> {
  static final TreeDecoder INSTANCE = new TreeDecoder();

  /** A decoded child: its name and its value. */
  private record Entry(String name, Object value) {}

  private static final Options ANSWER = EtcdJsonReader.names("node");
  private static final Options NODE = EtcdJsonReader.names("key", "value", "dir", "nodes");

  private TreeDecoder() {}

  @Override
  public Object decode(BufferedSource body) throws IOException {
    try (EtcdJsonReader json = new EtcdJsonReader(body)) {
      return decode(json);
    }
  }

  private Object decode(EtcdJsonReader json) throws IOException {
    @Nullable Entry node = null;
    json.beginObject();
    while (json.hasNext()) {
      if (json.selectName(ANSWER) == 0) {
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

  private static Entry node(EtcdJsonReader json) throws IOException {
    String name = "";
    String value = null;
    boolean dir = false;
    List<Entry> children = List.of();
    json.beginObject();
    while (json.hasNext()) {
      switch (json.selectName(NODE)) {
        case 0 -> name = json.nextLastSegment();
        case 1 -> value = json.nextNullableString();
        case 2 -> dir = json.nextBoolean();
        case 3 -> children = children(json);
        default -> json.skipValue();
      }
    }
    json.endObject();
    return new Entry(name, dir ? directory(children) : value == null ? "" : value);
  }

  private static List<Entry> children(EtcdJsonReader json) throws IOException {
    List<Entry> children = new ArrayList<>();
    json.beginArray();
    while (json.hasNext()) {
      children.add(node(json));
    }
    json.endArray();
    return children;
  }

  private static Map<String, Object> directory(List<Entry> children) {
    List<Entry> ordered = children;
    if (!isOrdered(children)) {
      ordered = new ArrayList<>(children);
      ordered.sort((a, b) -> compareCodePoints(a.name(), b.name()));
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (Entry child : ordered) {
      map.put(child.name(), child.value());
    }
    return map;
  }

  private static boolean isOrdered(List<Entry> children) {
    for (int i = 1; i < children.size(); i++) {
      if (compareCodePoints(children.get(i - 1).name(), children.get(i).name()) > 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Compares by code points, as etcd compares keys by their UTF-8 bytes (which String.compareTo
   * does not).
   */
  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
