package link.etcd.internal.v2;

import com.squareup.moshi.JsonDataException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads the body of a {@code /v2/keys} answer into {@link ResponseJson} by hand, so that the
 * hottest path of the client does no reflection, and with {@link EtcdJsonReader}, so that a tree of
 * any depth is read. Absent fields are {@code null}, unknown ones are skipped, and a value of the
 * wrong type fails with a {@code JsonDataException}, as Moshi's own record adapter would.
 */
public final class ResponseJsonDecoder {
  public static final ResponseJsonDecoder INSTANCE = new ResponseJsonDecoder();

  private ResponseJsonDecoder() {}

  public @Nullable ResponseJson decode(EtcdJsonReader reader) throws IOException {
    if (reader.peek() == EtcdJsonReader.Token.NULL) {
      return reader.nextNull();
    }
    String action = null;
    NodeJson node = null;
    NodeJson prevNode = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.nextName()) {
        case "action" -> action = reader.nextNullableString();
        case "node" -> node = node(reader);
        case "prevNode" -> prevNode = node(reader);
        default -> reader.skipValue();
      }
    }
    reader.endObject();
    return new ResponseJson(action, node, prevNode);
  }

  private static @Nullable NodeJson node(EtcdJsonReader reader) throws IOException {
    if (reader.peek() == EtcdJsonReader.Token.NULL) {
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
      switch (reader.nextName()) {
        case "key" -> key = reader.nextNullableString();
        case "value" -> value = reader.nextNullableString();
        case "dir" ->
            dir =
                reader.peek() == EtcdJsonReader.Token.NULL
                    ? reader.nextNull()
                    : reader.nextBoolean();
        case "createdIndex" -> createdIndex = number(reader);
        case "modifiedIndex" -> modifiedIndex = number(reader);
        case "expiration" -> expiration = reader.nextNullableString();
        case "ttl" -> ttl = number(reader);
        case "nodes" -> nodes = nodes(reader);
        default -> reader.skipValue();
      }
    }
    reader.endObject();
    return new NodeJson(key, value, dir, createdIndex, modifiedIndex, expiration, ttl, nodes);
  }

  private static @Nullable List<NodeJson> nodes(EtcdJsonReader reader) throws IOException {
    if (reader.peek() == EtcdJsonReader.Token.NULL) {
      return reader.nextNull();
    }
    List<NodeJson> nodes = new ArrayList<>();
    reader.beginArray();
    while (reader.hasNext()) {
      NodeJson node = node(reader);
      if (node == null) {
        throw new JsonDataException("Unexpected null in nodes");
      }
      nodes.add(node);
    }
    reader.endArray();
    return nodes;
  }

  private static @Nullable Long number(EtcdJsonReader reader) throws IOException {
    return reader.peek() == EtcdJsonReader.Token.NULL ? reader.nextNull() : reader.nextLong();
  }
}
