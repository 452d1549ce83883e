package link.etcd.middleware;

import static java.util.Objects.requireNonNull;

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
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Moshi adapters that read the trees etcd holds into declared types, from trees where every
 * directory is a map: a leaf is always a string, so numbers and booleans are parsed from it; a
 * directory read as a collection or array takes its children in the numeric order of their names
 * ({@link ListRule}); a declared {@code Map} keeps every child's name, whatever it looks like; an
 * {@code Object} reads as an untyped {@code get} would. Writing is left to the adapters they wrap.
 */
final class TreeAdapters implements JsonAdapter.Factory {
  static final TreeAdapters INSTANCE = new TreeAdapters();

  /** A scalar parsed from a leaf, with the words Moshi uses for it in messages. */
  private enum Leaf {
    INT("an int"),
    LONG("a long"),
    SHORT("a short"),
    BYTE("a byte"),
    DOUBLE("a double"),
    FLOAT("a float"),
    BOOLEAN("a boolean");

    private final String expected;

    Leaf(String expected) {
      this.expected = expected;
    }

    /**
     * Parses {@code text}, throwing an {@link IllegalArgumentException} or {@link
     * ArithmeticException}.
     */
    Object parse(String text) {
      return switch (this) {
        case INT -> new BigDecimal(text).intValueExact();
        case LONG -> new BigDecimal(text).longValueExact();
        case SHORT -> new BigDecimal(text).shortValueExact();
        case BYTE -> new BigDecimal(text).byteValueExact();
        case DOUBLE -> new BigDecimal(text).doubleValue();
        case FLOAT -> new BigDecimal(text).floatValue();
        case BOOLEAN ->
            switch (text) {
              case "true" -> Boolean.TRUE;
              case "false" -> Boolean.FALSE;
              default -> throw new IllegalArgumentException(text);
            };
      };
    }
  }

  private static final Map<Type, Leaf> LEAVES =
      Map.ofEntries(
          Map.entry(int.class, Leaf.INT), Map.entry(Integer.class, Leaf.INT),
          Map.entry(long.class, Leaf.LONG), Map.entry(Long.class, Leaf.LONG),
          Map.entry(short.class, Leaf.SHORT), Map.entry(Short.class, Leaf.SHORT),
          Map.entry(byte.class, Leaf.BYTE), Map.entry(Byte.class, Leaf.BYTE),
          Map.entry(double.class, Leaf.DOUBLE), Map.entry(Double.class, Leaf.DOUBLE),
          Map.entry(float.class, Leaf.FLOAT), Map.entry(Float.class, Leaf.FLOAT),
          Map.entry(boolean.class, Leaf.BOOLEAN), Map.entry(Boolean.class, Leaf.BOOLEAN));

  private TreeAdapters() {}

  @Override
  public @Nullable JsonAdapter<?> create(
      Type type, Set<? extends Annotation> annotations, Moshi moshi) {
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
    if (type == Object.class) {
      return new UntypedAdapter(moshi.nextAdapter(this, type, annotations));
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
        throw new JsonDataException(
            "Expected " + leaf.expected + " but was \"" + text + "\" at path " + at);
      }
    }
  }

  /**
   * Reads a directory whose children are all named by decimal numbers (items {@code 1}, {@code 2},
   * ..., or etcd's in-order keys) as a collection or array, in the numeric order of the names; an
   * empty directory is an empty one.
   */
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
      Map<?, ?> directory = (Map<?, ?>) requireNonNull(reader.readJsonValue());
      List<String> names = new ArrayList<>();
      for (Object name : directory.keySet()) {
        if (!ListRule.isNumber((String) name)) {
          throw new JsonDataException(
              "Expected a list (a directory of items 1, 2, ...) but was a directory of"
                  + " named keys at path "
                  + at);
        }
        names.add((String) name);
      }
      names.sort(ListRule::compareNumbers);
      List<@Nullable Object> items = new ArrayList<>(names.size());
      for (String name : names) {
        items.add(directory.get(name));
      }
      try {
        return delegate.fromJsonValue(items);
      } catch (JsonDataException e) {
        throw new JsonDataException(
            EtcdPaths.nestItem(String.valueOf(e.getMessage()), at, names), e);
      }
    }
  }

  /**
   * Reads a value declared as {@code Object} as an untyped {@code get} would: items 1 to n as a
   * list.
   */
  private static final class UntypedAdapter extends ReadingAdapter {
    UntypedAdapter(JsonAdapter<Object> delegate) {
      super(delegate, "fromEtcdTree");
    }

    @Override
    public @Nullable Object fromJson(JsonReader reader) throws IOException {
      return ListRule.untyped(reader.readJsonValue());
    }
  }
}
