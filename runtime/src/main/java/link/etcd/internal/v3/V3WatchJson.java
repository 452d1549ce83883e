package link.etcd.internal.v3;

import com.squareup.moshi.Json;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The JSON of {@code POST /v3/watch}: one {@link Request} with a {@code create_request}, answered
 * by a stream of {@link Line}s, one JSON object per line. As everywhere on the gateway, zero values
 * are left out: an event without {@code type} is a {@code PUT}, an answer without {@code canceled}
 * is not cancelled.
 */
public final class V3WatchJson {
  private V3WatchJson() {}

  static final class Request {
    @Json(name = "create_request")
    CreateRequest createRequest = new CreateRequest();
  }

  static final class CreateRequest {
    @Nullable String key;

    @Json(name = "range_end")
    @Nullable String rangeEnd;

    @Json(name = "start_revision")
    @Nullable String startRevision;

    @Json(name = "progress_notify")
    @Nullable Boolean progressNotify;

    @Json(name = "prev_kv")
    @Nullable Boolean prevKv;
  }

  /** One line of the stream: an answer, or the error that ends the stream. */
  static final class Line {
    @Nullable Result result;
    V3Json.@Nullable Error error;
  }

  static final class Result {
    V3Json.Header header = new V3Json.Header();
    boolean created;
    boolean canceled;

    @Json(name = "compact_revision")
    long compactRevision;

    @Json(name = "cancel_reason")
    String cancelReason = "";

    List<Event> events = List.of();
  }

  static final class Event {
    String type = "PUT";
    V3Json.KeyValue kv = new V3Json.KeyValue();

    @Json(name = "prev_kv")
    V3Json.@Nullable KeyValue prevKv;
  }
}
