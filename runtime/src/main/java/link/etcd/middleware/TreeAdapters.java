package link.etcd.middleware;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Moshi adapters that read the trees etcd holds into declared types: a leaf is always a string, so numbers and
 * booleans are parsed from it; an empty directory is an empty collection; a directory of items {@code 1},
 * {@code 2}, ... read as a list is a map keyed by those names where a map is declared. Writing is left to the
 * adapters they wrap.
 */
final class TreeAdapters implements JsonAdapter.Factory {
  static final TreeAdapters INSTANCE = new TreeAdapters();

  /** A scalar parsed from a leaf, with the words Moshi uses for it in messages. */
  private enum Leaf {
    INT("an int"), LONG("a long"), SHORT("a short"), BYTE("a byte"), DOUBLE("a double"), FLOAT("a float"),
    BOOLEAN("a boolean");

    private final String expected;

    Leaf(String expected) {
      this.expected = expected;
    }

    /** Parses {@code text}, throwing an {@link IllegalArgumentException} or {@link ArithmeticException}. */
    Object parse(String text) {
      return switch (this) {
        case INT -> new BigDecimal(text).intValueExact();
        case LONG -> new BigDecimal(text).longValueExact();
        case SHORT -> new BigDecimal(text).shortValueExact();
        case BYTE -> new BigDecimal(text).byteValueExact();
        case DOUBLE -> new BigDecimal(text).doubleValue();
        case FLOAT -> new BigDecimal(text).floatValue();
        case BOOLEAN -> switch (text) {
          case "true" -> Boolean.TRUE;
          case "false" -> Boolean.FALSE;
          default -> throw new IllegalArgumentException(text);
        };
      };
    }
  }

  private static final Map<Type, Leaf> LEAVES = Map.ofEntries(
      Map.entry(int.class, Leaf.INT), Map.entry(Integer.class, Leaf.INT),
      Map.entry(long.class, Leaf.LONG), Map.entry(Long.class, Leaf.LONG),
      Map.entry(short.class, Leaf.SHORT), Map.entry(Short.class, Leaf.SHORT),
      Map.entry(byte.class, Leaf.BYTE), Map.entry(Byte.class, Leaf.BYTE),
      Map.entry(double.class, Leaf.DOUBLE), Map.entry(Double.class, Leaf.DOUBLE),
      Map.entry(float.class, Leaf.FLOAT), Map.entry(Float.class, Leaf.FLOAT),
      Map.entry(boolean.class, Leaf.BOOLEAN), Map.entry(Boolean.class, Leaf.BOOLEAN));

  private TreeAdapters() {}

  @Override
  public @Nullable JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
    if (!annotations.isEmpty()) {
      return null;
    }
    Leaf leaf = LEAVES.get(type);
    if (leaf != null) {
      return new LeafAdapter(leaf, moshi.nextAdapter(this, type, annotations));
    }
    Class<?> raw = Types.getRawType(type);
    if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
      return new ListAdapter(moshi.nextAdapter(this, type, annotations));
    }
    if (Map.class.isAssignableFrom(raw)) {
      return new MapAdapter(moshi.nextAdapter(this, type, annotations));
    }
    return null;
  }

  /** Reads what etcd holds in its own way, and leaves writing to the adapter it wraps. */
  private abstract static class ReadingAdapter extends JsonAdapter<Object> {
    final JsonAdapter<Object> delegate;
    private final String name;

    ReadingAdapter(JsonAdapter<Object> delegate, String name) {
      this.delegate = delegate;
      this.name = name;
    }

    @Override
    public void toJson(JsonWriter writer, @Nullable Object value) throws IOException {
      delegate.toJson(writer, value);
    }

    @Override
    public String toString() {
      return delegate + "." + name + "()";
    }
  }

  /** Reads a number or boolean from a leaf's string, as the declared type says. */
  private static final class LeafAdapter extends ReadingAdapter {
    private final Leaf leaf;

    LeafAdapter(Leaf leaf, JsonAdapter<Object> delegate) {
      super(delegate, "fromEtcdLeaf");
      this.leaf = leaf;
    }

    @Override
    public @Nullable Object fromJson(JsonReader reader) throws IOException {
      if (reader.peek() != JsonReader.Token.STRING) {
        return delegate.fromJson(reader);
      }
      String at = reader.getPath();
      String text = reader.nextString();
      try {
        return leaf.parse(text);
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw new JsonDataException("Expected " + leaf.expected + " but was \"" + text + "\" at path " + at);
      }
    }
  }

  /** Reads an empty directory, which etcd cannot tell from an empty map, as an empty collection or array. */
  private static final class ListAdapter extends ReadingAdapter {
    ListAdapter(JsonAdapter<Object> delegate) {
      super(delegate, "fromEtcdDirectory");
    }

    @Override
    public @Nullable Object fromJson(JsonReader reader) throws IOException {
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
        return delegate.fromJson(reader);
      }
      String at = reader.getPath();
      Object directory = reader.readJsonValue();
      if (directory instanceof Map<?, ?> map && map.isEmpty()) {
        return delegate.fromJsonValue(List.of());
      }
      throw new JsonDataException(
          "Expected a list (a directory of items 1, 2, ...) but was a directory of named keys at path " + at);
    }
  }

  /** Reads a directory of items {@code 1}, {@code 2}, ..., which reads as a list, into a declared map. */
  private static final class MapAdapter extends ReadingAdapter {
    MapAdapter(JsonAdapter<Object> delegate) {
      super(delegate, "fromEtcdItems");
    }

    @Override
    public @Nullable Object fromJson(JsonReader reader) throws IOException {
      if (reader.peek() != JsonReader.Token.BEGIN_ARRAY) {
        return delegate.fromJson(reader);
      }
      String at = reader.getPath();
      List<?> items = (List<?>) reader.readJsonValue();
      Map<String, @Nullable Object> map = new LinkedHashMap<>();
      for (int i = 0; i < items.size(); i++) {
        map.put(Integer.toString(i + 1), items.get(i));
      }
      try {
        return delegate.fromJsonValue(map);
      } catch (JsonDataException e) {
        throw new JsonDataException(EtcdPaths.nest(String.valueOf(e.getMessage()), at), e);
      }
    }
  }
}
