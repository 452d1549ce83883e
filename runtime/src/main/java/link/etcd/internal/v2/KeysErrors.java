package link.etcd.internal.v2;

import com.squareup.moshi.JsonAdapter;
import java.util.ArrayList;
import java.util.List;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.internal.http.ErrorBodies;
import link.etcd.internal.http.ErrorDecoder;
import link.etcd.internal.http.ServerVersion;
import link.etcd.internal.v2.V2Json.ErrorJson;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;
import retrofit2.Response;

/**
 * Reads the v2 API's answers that are not successful: etcd's error by its {@code errorCode} (never
 * by HTTP status), a server without the v2 API, etcd 3.5's refusal to update a directory; anything
 * else gets the shared words of the {@link ErrorDecoder}.
 */
public final class KeysErrors {
  private final JsonAdapter<ErrorJson> errorAdapter;

  /** The path segments of the keys API, such as {@code [v2, keys]}. */
  private final List<String> keysSegments;

  /**
   * @param errorAdapter reads etcd's error bodies
   * @param versionPrefix where the v2 API is, such as {@code /v2}
   */
  public KeysErrors(JsonAdapter<ErrorJson> errorAdapter, String versionPrefix) {
    this.errorAdapter = errorAdapter;
    List<String> segments = new ArrayList<>();
    for (String segment : (versionPrefix + "/keys").split("/")) {
      if (!segment.isEmpty()) {
        segments.add(segment);
      }
    }
    this.keysSegments = List.copyOf(segments);
  }

  /**
   * {@return the exception of {@code response}, an answer that is not successful}
   *
   * @param errors the shared words, for what is not the v2 API's own
   */
  public EtcdException httpError(Response<?> response, ErrorDecoder errors) {
    okhttp3.Response raw = response.raw();
    String body = ErrorBodies.text(response.errorBody());
    ErrorJson error = ErrorBodies.json(errorAdapter, body);
    ServerVersion serverVersion = errors.serverVersion();
    if (error != null && error.errorCode() != null) {
      long index =
          error.index() != null ? error.index() : Nodes.headerLong(raw.headers(), "X-Etcd-Index");
      if (isDirectoryUpdateDefect(error)) {
        return directoryUpdateUnsupported(raw.request(), error, index, serverVersion);
      }
      return byCode(error.errorCode(), error.message(), error.cause(), index, keyOf(raw.request()));
    }
    int status = raw.code();
    if (status == 404 && error == null) {
      String answer =
          ErrorBodies.excerpt(body).startsWith(status + " ")
              ? ErrorBodies.excerpt(body)
              : status + " " + ErrorBodies.excerpt(body);
      return new EtcdException(
          EtcdError.UNSUPPORTED, noV2Api(raw.request(), answer, serverVersion), null);
    }
    return errors.statusError(raw, body, error != null ? error.message() : null);
  }

  /**
   * Says which server does not serve the v2 API, and the fix: {@code --enable-v2=true} on 3.4 and
   * 3.5, the v3 API on 3.6+ (which removed v2).
   */
  private static String noV2Api(Request request, String answer, ServerVersion serverVersion) {
    String version = serverVersion.version(request.url());
    String origin = ServerVersion.origin(request.url());
    String said = ErrorDecoder.describe(request) + " answered " + answer;
    if (version == null) {
      return "The server at "
          + origin
          + " does not serve the v2 API ("
          + said
          + "); start etcd with"
          + " --enable-v2=true, or set api = v3";
    }
    if (removedV2(version)) {
      return "etcd "
          + version
          + " at "
          + origin
          + " does not serve the v2 API (removed in etcd 3.6; "
          + said
          + "); set api = v3";
    }
    return "etcd "
        + version
        + " at "
        + origin
        + " does not serve the v2 API ("
        + said
        + "); start it with"
        + " --enable-v2=true, or set api = v3";
  }

  /**
   * Whether {@code error} is etcd 3.5's answer to any update of an existing directory through its
   * v2 store ({@code PUT ?dir=true&prevExist=true}, with or without a TTL): error 300 "Raft
   * Internal Error" with a cause like {@code nodePath /1/d : Not a file ()}. etcd 3.4 applies the
   * same request.
   */
  private static boolean isDirectoryUpdateDefect(ErrorJson error) {
    Integer code = error.errorCode();
    String cause = error.cause();
    return code != null
        && code == 300
        && cause != null
        && cause.startsWith("nodePath ")
        && cause.contains(": Not a file");
  }

  /**
   * Says that this etcd cannot update an existing directory (so cannot change its TTL) over v2, and
   * what to do instead.
   */
  private EtcdException directoryUpdateUnsupported(
      Request request, ErrorJson error, long index, ServerVersion serverVersion) {
    String key = keyOf(request);
    String text =
        serverVersion.describe(request.url())
            + " cannot update the existing directory "
            + (key == null ? request.url().encodedPath() : key)
            + " through the v2 API, so cannot change its TTL (it answers \""
            + error.message()
            + ": "
            + error.cause()
            + "\", a defect of etcd 3.5's v2 store); set api = v3, or delete the directory and"
            + " write it again with its TTL (etcd error 300, index "
            + index
            + ")";
    return EtcdException.fromServer(
        EtcdError.UNSUPPORTED, text, 300, error.message(), error.cause(), index, key);
  }

  /** Whether {@code version} (such as {@code 3.6.1}) is etcd 3.6 or later, which has no v2 API. */
  static boolean removedV2(String version) {
    String[] parts = version.split("\\.");
    try {
      int major = Integer.parseInt(parts[0]);
      int minor = parts.length > 1 ? Integer.parseInt(parts[1].replaceAll("\\D.*", "")) : 0;
      return major > 3 || major == 3 && minor >= 6;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * The key a request of the keys API is about, such as {@code /a/b} for {@code GET /v2/keys/a/b},
   * or null.
   */
  private @Nullable String keyOf(Request request) {
    List<String> segments = request.url().pathSegments();
    if (segments.size() <= keysSegments.size()
        || !segments.subList(0, keysSegments.size()).equals(keysSegments)) {
      return null;
    }
    return "/" + String.join("/", segments.subList(keysSegments.size(), segments.size()));
  }

  /**
   * The exception for etcd's v2 error {@code code}. Its message reads {@code <message>: <cause>
   * (etcd error <code>, index <index>)}; when a key was not found, it names the key asked for, with
   * etcd's cause (the first missing part of the key) beside it.
   */
  static EtcdException byCode(
      int code,
      @Nullable String message,
      @Nullable String cause,
      long index,
      @Nullable String key) {
    EtcdError error = V2Errors.errorOf(code, cause);
    String subject = error == EtcdError.NOT_FOUND && key != null ? key : cause;
    String besides = cause == null || cause.equals(subject) ? "" : "etcd's cause: " + cause + "; ";
    String text =
        (message == null ? "etcd error" : message)
            + (subject == null ? "" : ": " + subject)
            + " ("
            + besides
            + "etcd error "
            + code
            + ", index "
            + index
            + ")";
    return EtcdException.fromServer(error, text, code, message, cause, index, key);
  }
}
