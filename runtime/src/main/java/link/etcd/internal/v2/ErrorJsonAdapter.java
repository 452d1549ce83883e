package link.etcd.internal.v2;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import link.etcd.internal.v2.V2Json.ErrorJson;
import org.jspecify.annotations.Nullable;

/**
 * Reads etcd's v2 error bodies as Moshi's reflective adapter of {@link ErrorJson} does (unknown
 * fields skipped, a missing or {@code null} field null, a number given as a string accepted, a
 * value of another type a {@link com.squareup.moshi.JsonDataException}), written by hand: the
 * reflective adapter of a record costs a fresh JVM tens of milliseconds of method-handle set-up
 * before its first error, such as the "key not found" of a first write's look at what is stored.
 * {@code ErrorJsonAdapterTest} holds the two to the same results.
 */
public final class ErrorJsonAdapter extends JsonAdapter<ErrorJson> {
  public static final JsonAdapter<ErrorJson> INSTANCE = new ErrorJsonAdapter().nullSafe();

  private static final JsonReader.Options NAMES =
      JsonReader.Options.of("errorCode", "message", "cause", "index");

  private ErrorJsonAdapter() {}

  @Override
  public ErrorJson fromJson(JsonReader reader) throws IOException {
    Integer errorCode = null;
    String message = null;
    String cause = null;
    Long index = null;
    reader.beginObject();
    while (reader.hasNext()) {
      int name = reader.selectName(NAMES);
      if (name == -1) {
        reader.skipName();
        reader.skipValue();
      } else if (reader.peek() == JsonReader.Token.NULL) {
        reader.nextNull();
        switch (name) {
          case 0 -> errorCode = null;
          case 1 -> message = null;
          case 2 -> cause = null;
          default -> index = null;
        }
      } else {
        switch (name) {
          case 0 -> errorCode = reader.nextInt();
          case 1 -> message = reader.nextString();
          case 2 -> cause = reader.nextString();
          default -> index = reader.nextLong();
        }
      }
    }
    reader.endObject();
    return new ErrorJson(errorCode, message, cause, index);
  }

  @Override
  public void toJson(JsonWriter writer, @Nullable ErrorJson value) {
    throw new UnsupportedOperationException("etcd's error bodies are only read");
  }
}
