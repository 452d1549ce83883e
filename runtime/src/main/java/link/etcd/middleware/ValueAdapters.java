package link.etcd.middleware;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import link.etcd.internal.ConfValues;
import link.etcd.internal.TextValues;
import org.jspecify.annotations.Nullable;

/**
 * Moshi adapters for the value types of {@link TextValues} (a leaf holding the value's standard
 * string form, such as {@code PT30S} or {@code 2026-11-26}) and for {@code Optional} (its value
 * when present; left out when empty, and read as empty when a record's component is missing). A
 * Moshi given to {@code EtcdMiddleware} with its own adapter for one of these types keeps its own.
 */
final class ValueAdapters implements JsonAdapter.Factory {
  static final ValueAdapters INSTANCE = new ValueAdapters();

  private ValueAdapters() {}

  @Override
  public @Nullable JsonAdapter<?> create(
      Type type, Set<? extends Annotation> annotations, Moshi moshi) {
    if (!annotations.isEmpty()) {
      return null;
    }
    Class<?> raw = Types.getRawType(type);
    if (raw == Optional.class && type instanceof ParameterizedType parameterized) {
      return new OptionalAdapter(moshi.adapter(parameterized.getActualTypeArguments()[0]));
    }
    if (TextValues.supports(raw)) {
      return new TextAdapter(raw).nullSafe();
    }
    if (raw.isRecord()) {
      List<String> optionals = new ArrayList<>();
      for (RecordComponent component : raw.getRecordComponents()) {
        if (component.getType() == Optional.class) {
          optionals.add(component.getName());
        }
      }
      if (!optionals.isEmpty()) {
        return new AbsentOptionalsAdapter(moshi.nextAdapter(this, type, annotations), optionals);
      }
    }
    return null;
  }

  /**
   * Reads a record whose {@code Optional} components may be missing from the tree (an empty one is
   * never written): each missing one is read as empty, where Moshi alone would leave it null.
   */
  private static final class AbsentOptionalsAdapter extends JsonAdapter<Object> {
    private final JsonAdapter<Object> record;
    private final List<String> optionals;

    AbsentOptionalsAdapter(JsonAdapter<Object> record, List<String> optionals) {
      this.record = record;
      this.optionals = optionals;
    }

    @Override
    public @Nullable Object fromJson(JsonReader reader) throws IOException {
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
        return record.fromJson(reader);
      }
      String at = reader.getPath();
      Map<String, @Nullable Object> tree = new LinkedHashMap<>();
      ((Map<?, ?>) reader.readJsonValue()).forEach((name, value) -> tree.put((String) name, value));
      for (String optional : optionals) {
        tree.putIfAbsent(optional, null);
      }
      try {
        return record.fromJsonValue(tree);
      } catch (JsonDataException e) {
        throw new JsonDataException(EtcdPaths.nest(String.valueOf(e.getMessage()), at), e);
      }
    }

    @Override
    public void toJson(JsonWriter writer, @Nullable Object value) throws IOException {
      record.toJson(writer, value);
    }

    @Override
    public String toString() {
      return record + ".withAbsentOptionalsEmpty()";
    }
  }

  /** Writes a value as its text, and parses it back from a leaf. */
  private static final class TextAdapter extends JsonAdapter<Object> {
    private final Class<?> type;

    TextAdapter(Class<?> type) {
      this.type = type;
    }

    @Override
    public Object fromJson(JsonReader reader) throws IOException {
      String at = reader.getPath();
      if (reader.peek() != JsonReader.Token.STRING) {
        throw new JsonDataException(
            "Expected a "
                + type.getSimpleName()
                + " as text but was "
                + reader.peek()
                + " at path "
                + at);
      }
      try {
        return TextValues.parse(type, reader.nextString());
      } catch (ConfValues.Mismatch e) {
        throw new JsonDataException(e.getMessage() + " at path " + at);
      }
    }

    @Override
    public void toJson(JsonWriter writer, @Nullable Object value) throws IOException {
      writer.value(TextValues.format(value));
    }

    @Override
    public String toString() {
      return "JsonAdapter(" + type.getName() + " as text)";
    }
  }

  /**
   * Writes an {@code Optional}'s value, or nothing when it is empty; reads a value into {@code
   * Optional.of}.
   */
  private static final class OptionalAdapter extends JsonAdapter<Optional<?>> {
    private final JsonAdapter<Object> value;

    OptionalAdapter(JsonAdapter<Object> value) {
      this.value = value;
    }

    @Override
    public Optional<?> fromJson(JsonReader reader) throws IOException {
      if (reader.peek() == JsonReader.Token.NULL) {
        reader.nextNull();
        return Optional.empty();
      }
      return Optional.ofNullable(value.fromJson(reader));
    }

    @Override
    public void toJson(JsonWriter writer, @Nullable Optional<?> optional) throws IOException {
      if (optional == null || optional.isEmpty()) {
        writer.nullValue();
      } else {
        value.toJson(writer, optional.get());
      }
    }

    @Override
    public String toString() {
      return "JsonAdapter(Optional of " + value + ")";
    }
  }
}
