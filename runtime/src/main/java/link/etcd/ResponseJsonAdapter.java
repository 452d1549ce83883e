package link.etcd;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads the body of a {@code /v2/keys} answer into {@link ResponseJson} by hand, so that the hottest path of the
 * client does no reflection. Absent fields are {@code null}, unknown ones are skipped, and a value of the wrong
 * type fails with Moshi's {@code JsonDataException}, as Moshi's own record adapter would.
 */
final class ResponseJsonAdapter extends JsonAdapter<ResponseJson> {
  private static final JsonReader.Options RESPONSE = JsonReader.Options.of("action", "node", "prevNode");
  private static final JsonReader.Options NODE = JsonReader.Options.of(
      "key", "value", "dir", "createdIndex", "modifiedIndex", "expiration", "ttl", "nodes");

  @Override
  public @Nullable ResponseJson fromJson(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      return reader.nextNull();
    }
    String action = null;
    NodeJson node = null;
    NodeJson prevNode = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(RESPONSE)) {
        case 0 -> action = string(reader);
        case 1 -> node = node(reader);
        case 2 -> prevNode = node(reader);
        default -> {
          reader.skipName();
          reader.skipValue();
        }
      }
    }
    reader.endObject();
    return new ResponseJson(action, node, prevNode);
  }

  private static @Nullable NodeJson node(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      return reader.nextNull();
    }
    String key = null;
    String value = null;
    Boolean dir = null;
    Long createdIndex = null;
    Long modifiedIndex = null;
    String expiration = null;
    Long ttl = null;
    List<NodeJson> nodes = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(NODE)) {
        case 0 -> key = string(reader);
        case 1 -> value = string(reader);
        case 2 -> dir = reader.peek() == JsonReader.Token.NULL ? reader.nextNull() : reader.nextBoolean();
        case 3 -> createdIndex = number(reader);
        case 4 -> modifiedIndex = number(reader);
        case 5 -> expiration = string(reader);
        case 6 -> ttl = number(reader);
        case 7 -> nodes = nodes(reader);
        default -> {
          reader.skipName();
          reader.skipValue();
        }
      }
    }
    reader.endObject();
    return new NodeJson(key, value, dir, createdIndex, modifiedIndex, expiration, ttl, nodes);
  }

  private static @Nullable List<NodeJson> nodes(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      return reader.nextNull();
    }
    List<NodeJson> nodes = new ArrayList<>();
    reader.beginArray();
    while (reader.hasNext()) {
      NodeJson node = node(reader);
      if (node == null) {
        throw new JsonDataException("Unexpected null at " + reader.getPath());
      }
      nodes.add(node);
    }
    reader.endArray();
    return nodes;
  }

  private static @Nullable String string(JsonReader reader) throws IOException {
    return reader.peek() == JsonReader.Token.NULL ? reader.nextNull() : reader.nextString();
  }

  private static @Nullable Long number(JsonReader reader) throws IOException {
    return reader.peek() == JsonReader.Token.NULL ? reader.nextNull() : reader.nextLong();
  }

  @Override
  public void toJson(JsonWriter writer, @Nullable ResponseJson value) {
    throw new UnsupportedOperationException("etcd's answers are only read");
  }

  @Override
  public String toString() {
    return "JsonAdapter(ResponseJson)";
  }
}
