package link.etcd.internal.http;

import com.squareup.moshi.JsonAdapter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import link.etcd.EtcdClusterIdChangedException;
import link.etcd.EtcdConnectionException;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.EtcdIndeterminateException;
import link.etcd.EtcdSettings;
import link.etcd.EtcdTimeoutException;
import link.etcd.internal.v2.Nodes;
import link.etcd.internal.v2.V2Errors;
import link.etcd.internal.v2.V2Json.ErrorJson;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;
import retrofit2.Response;

/**
 * Turns a failed exchange into the {@link EtcdException} that says what happened: etcd's error by
 * its {@code errorCode} (never by HTTP status), an auth refusal, a server without the v2 API, an
 * unfollowed redirect, a timeout or a transport failure.
 */
public final class ErrorDecoder {

  private final JsonAdapter<ErrorJson> errorAdapter;
  private final String endpoint;
  private final boolean allowRedirect;

  /** The path segments of the keys API, such as {@code [v2, keys]}. */
  private final List<String> keysSegments;

  private final ServerVersion serverVersion;

  /** Which settings files were read and what was ignored, for connection errors; or null. */
  private final @Nullable String settingsNote;

  public ErrorDecoder(
      JsonAdapter<ErrorJson> errorAdapter,
      String endpoint,
      boolean allowRedirect,
      String versionPrefix,
      ServerVersion serverVersion,
      @Nullable String settingsNote) {
    this.errorAdapter = errorAdapter;
    this.settingsNote = settingsNote;
    this.serverVersion = serverVersion;
    this.endpoint = endpoint;
    this.allowRedirect = allowRedirect;
    List<String> segments = new ArrayList<>();
    for (String segment : (versionPrefix + "/keys").split("/")) {
      if (!segment.isEmpty()) {
        segments.add(segment);
      }
    }
    this.keysSegments = List.copyOf(segments);
  }

  public EtcdException httpError(Response<?> response) {
    okhttp3.Response raw = response.raw();
    String request = describe(raw.request());
    String body = ErrorBodies.text(response.errorBody());
    ErrorJson error = ErrorBodies.json(errorAdapter, body);
    if (error != null && error.errorCode() != null) {
      long index =
          error.index() != null ? error.index() : Nodes.headerLong(raw.headers(), "X-Etcd-Index");
      if (isDirectoryUpdateDefect(error)) {
        return directoryUpdateUnsupported(raw.request(), error, index);
      }
      return byCode(error.errorCode(), error.message(), error.cause(), index, keyOf(raw.request()));
    }
    int status = raw.code();
    if (status == 401 || status == 403) {
      String said =
          error != null && error.message() != null ? error.message() : ErrorBodies.excerpt(body);
      return new EtcdException(
          status == 401 ? EtcdError.UNAUTHORIZED : EtcdError.PERMISSION_DENIED,
          "etcd refused "
              + request
              + " (HTTP "
              + status
              + ": "
              + said
              + "); check the username and password, and the user's roles",
          null);
    }
    if (status == 404 && error == null) {
      String answer =
          ErrorBodies.excerpt(body).startsWith(status + " ")
              ? ErrorBodies.excerpt(body)
              : status + " " + ErrorBodies.excerpt(body);
      return new EtcdException(EtcdError.UNSUPPORTED, noV2Api(raw.request(), answer), null);
    }
    if (status >= 300 && status < 400) {
      return new EtcdException(
          EtcdError.UNKNOWN,
          "etcd answered "
              + request
              + " with a redirect (HTTP "
              + status
              + ") to "
              + raw.header("Location")
              + ", which is not followed: "
              + unfollowedBecause(raw.request().method(), status),
          null);
    }
    return new EtcdException(
        EtcdError.UNKNOWN,
        "etcd answered " + request + " with HTTP " + status + ": " + ErrorBodies.excerpt(body),
        null);
  }

  /**
   * Says which server does not serve the v2 API, and the fix: {@code --enable-v2=true} on 3.4 and
   * 3.5, the v3 API on 3.6+ (which removed v2).
   */
  private String noV2Api(Request request, String answer) {
    String version = serverVersion.version(request.url());
    String origin = ServerVersion.origin(request.url());
    String said = describe(request) + " answered " + answer;
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
  private EtcdException directoryUpdateUnsupported(Request request, ErrorJson error, long index) {
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

  private String unfollowedBecause(String method, int status) {
    if (!allowRedirect) {
      return "allow_redirect is off";
    }
    boolean safe = method.equals("GET") || method.equals("HEAD");
    if (!safe && status >= 301 && status <= 303) {
      return "a " + method + " is never replayed as a GET";
    }
    return "its Location is missing or changes the scheme";
  }

  EtcdException transportError(Request request, IOException e) {
    if (e instanceof IndeterminateOutcomeException lost) {
      return new EtcdIndeterminateException(
          "The outcome of "
              + describe(request)
              + " is unknown: it reached etcd at "
              + lost.endpoint()
              + ", but the connection failed before the answer arrived ("
              + lost.getCause()
              + "). It was not retried, since repeating it could apply it twice; read the key to find out whether it"
              + " was applied",
          lost.endpoint(),
          lost);
    }
    if (e instanceof ClusterIdMismatchException changed) {
      return new EtcdClusterIdChangedException(
          "etcd at "
              + changed.endpoint()
              + " belongs to cluster "
              + changed.actual()
              + ", not "
              + changed.expected()
              + (changed.pinned()
                  ? " (expected_cluster_id)"
                  : " (the cluster id this client learned first)")
              + "; "
              + describe(request)
              + (changed.requestSent()
                  ? " was answered by it, and the answer discarded"
                  : " was not sent")
              + (changed.pinned()
                  ? ". That endpoint is no longer used; check that every endpoint is a member of cluster "
                      + changed.expected()
                  : ". This client now holds to cluster "
                      + changed.actual()
                      + "; set expected_cluster_id to refuse any other cluster"),
          changed.endpoint(),
          changed.expected(),
          changed.actual(),
          changed);
    }
    if (e instanceof InterruptedIOException
        && !(e instanceof java.net.SocketTimeoutException)
        && !"timeout".equals(e.getMessage())) {
      return new EtcdConnectionException(
          EtcdError.CANCELLED,
          "Interrupted while waiting for etcd at " + endpoint + " to answer " + describe(request),
          e);
    }
    if (e instanceof SSLException) {
      return new EtcdConnectionException(
          EtcdError.CONNECTION,
          "The TLS handshake with etcd at "
              + endpoint
              + " failed for "
              + describe(request)
              + ": "
              + e.getMessage()
              + "; check ca_cert (the CA that signed etcd's certificate),"
              + " that etcd's certificate names the host you connect to, and cert (the client certificate etcd"
              + " may require)",
          e);
    }
    if (e instanceof InterruptedIOException) {
      return new EtcdTimeoutException(
          "etcd at "
              + endpoint
              + " did not answer "
              + describe(request)
              + " in time (read_timeout); the request may or may not have been applied",
          e);
    }
    boolean defaultPort = request.url().port() == EtcdSettings.defaults().port();
    return new EtcdConnectionException(
        EtcdError.CONNECTION,
        "Cannot talk to etcd at "
            + endpoint
            + " for "
            + describe(request)
            + ": "
            + e
            + "; is etcd running there?"
            + (defaultPort && e instanceof java.net.ConnectException
                ? " etcd 3 listens on port 2379 by default (4001 was etcd 2's): set port = 2379"
                : "")
            + (settingsNote != null ? "\n" + settingsNote : ""),
        e);
  }

  EtcdException badAnswer(Request request, Exception e) {
    return new EtcdException(
        EtcdError.UNKNOWN,
        "etcd's answer to " + describe(request) + " could not be read: " + whatHappened(e),
        e);
  }

  /**
   * {@return what {@code failure} says happened: its message, or, for one without a message, what
   * its kind means}
   */
  public static String whatHappened(Throwable failure) {
    String message = failure.getMessage();
    if (message != null && !message.isBlank()) {
      return message;
    }
    if (failure instanceof java.io.EOFException) {
      return "the answer ended before it was complete (" + failure.getClass().getName() + ")";
    }
    if (failure instanceof java.io.InterruptedIOException) {
      return "the read was interrupted or timed out (" + failure.getClass().getName() + ")";
    }
    return failure.getClass().getName() + ", which gave no message";
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

  public static String describe(Request request) {
    return request.method() + " " + request.url().encodedPath();
  }
}
