package link.etcd;

import com.squareup.moshi.JsonAdapter;
import java.io.IOException;
import java.io.InterruptedIOException;
import javax.net.ssl.SSLException;
import link.etcd.internal.ErrorJson;
import okhttp3.Request;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import retrofit2.Response;

/**
 * Turns a failed exchange into the {@link EtcdException} that says what happened: etcd's error by its
 * {@code errorCode} (never by HTTP status), an auth refusal, a server without the v2 API, an unfollowed redirect,
 * a timeout or a transport failure.
 */
final class ErrorDecoder {
  private static final int MAX_BODY_EXCERPT = 200;
  private static final long MAX_BODY_READ = 64 * 1024;

  private final JsonAdapter<ErrorJson> errorAdapter;
  private final String endpoint;
  private final boolean allowRedirect;

  ErrorDecoder(JsonAdapter<ErrorJson> errorAdapter, String endpoint, boolean allowRedirect) {
    this.errorAdapter = errorAdapter;
    this.endpoint = endpoint;
    this.allowRedirect = allowRedirect;
  }

  EtcdException httpError(Response<?> response) {
    okhttp3.Response raw = response.raw();
    String request = describe(raw.request());
    String body = bodyText(response.errorBody());
    ErrorJson error = parse(body);
    if (error != null && error.errorCode() != null) {
      long index = error.index() != null ? error.index() : Nodes.headerLong(raw.headers(), "X-Etcd-Index");
      return byCode(error.errorCode(), error.message(), error.cause(), index);
    }
    int status = raw.code();
    if (status == 401 || status == 403) {
      String said = error != null && error.message() != null ? error.message() : excerpt(body);
      return new EtcdUnauthorizedException("etcd refused " + request + " (HTTP " + status + ": " + said
          + "); check the username and password, and the user's roles", null, 0);
    }
    if (status == 404 && error == null) {
      String answer = excerpt(body).startsWith(status + " ") ? excerpt(body) : status + " " + excerpt(body);
      return new EtcdException("This etcd does not serve the v2 API (" + request + " answered " + answer
          + "); start etcd with --enable-v2=true", EtcdException.NO_ERROR_CODE, null, 0, null);
    }
    if (status >= 300 && status < 400) {
      return new EtcdException("etcd answered " + request + " with a redirect (HTTP " + status + ") to "
          + raw.header("Location") + ", which is not followed: " + unfollowedBecause(raw.request().method(), status),
          EtcdException.NO_ERROR_CODE, null, 0, null);
    }
    return new EtcdException("etcd answered " + request + " with HTTP " + status + ": " + excerpt(body),
        EtcdException.NO_ERROR_CODE, null, 0, null);
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
      return new EtcdIndeterminateException("The outcome of " + describe(request) + " is unknown: it reached etcd at "
          + lost.endpoint() + ", but the connection failed before the answer arrived (" + lost.getCause()
          + "). It was not retried, since repeating it could apply it twice; read the key to find out whether it"
          + " was applied", lost.endpoint(), lost);
    }
    if (e instanceof ClusterIdMismatchException changed) {
      return new EtcdClusterIdChangedException("etcd at " + changed.endpoint() + " belongs to cluster "
          + changed.actual() + ", not " + changed.expected()
          + (changed.pinned() ? " (expected_cluster_id)" : " (the cluster id this client learned first)") + "; "
          + describe(request)
          + (changed.requestSent() ? " was answered by it, and the answer discarded" : " was not sent")
          + (changed.pinned()
              ? ". That endpoint is no longer used; check that every endpoint is a member of cluster "
                  + changed.expected()
              : ". This client now holds to cluster " + changed.actual()
                  + "; set expected_cluster_id to refuse any other cluster"),
          changed.endpoint(), changed.expected(), changed.actual(), changed);
    }
    if (e instanceof InterruptedIOException && !(e instanceof java.net.SocketTimeoutException)
        && !"timeout".equals(e.getMessage())) {
      return new EtcdConnectionException(
          "Interrupted while waiting for etcd at " + endpoint + " to answer " + describe(request), e);
    }
    if (e instanceof SSLException) {
      return new EtcdConnectionException("The TLS handshake with etcd at " + endpoint + " failed for "
          + describe(request) + ": " + e.getMessage() + "; check ca_cert (the CA that signed etcd's certificate),"
          + " that etcd's certificate names the host you connect to, and cert (the client certificate etcd"
          + " may require)", e);
    }
    if (e instanceof InterruptedIOException) {
      return new EtcdTimeoutException("etcd at " + endpoint + " did not answer " + describe(request)
          + " in time (read_timeout); the request may or may not have been applied", e);
    }
    return new EtcdConnectionException("Cannot talk to etcd at " + endpoint + " for " + describe(request) + ": "
        + e + "; is etcd running there?", e);
  }

  EtcdException badAnswer(Request request, Exception e) {
    return new EtcdException("etcd's answer to " + describe(request) + " could not be read: " + e.getMessage(),
        EtcdException.NO_ERROR_CODE, null, 0, e);
  }

  static EtcdException byCode(int code, @Nullable String message, @Nullable String cause, long index) {
    String text = (message == null ? "etcd error" : message) + (cause == null ? "" : ": " + cause)
        + " (etcd error " + code + ", index " + index + ")";
    return switch (code) {
      case EtcdKeyNotFoundException.ERROR_CODE -> new EtcdKeyNotFoundException(text, cause, index);
      case EtcdCompareFailedException.ERROR_CODE -> new EtcdCompareFailedException(text, cause, index);
      case EtcdNotFileException.ERROR_CODE -> new EtcdNotFileException(text, cause, index);
      case EtcdNotDirException.ERROR_CODE -> new EtcdNotDirException(text, cause, index);
      case EtcdNodeExistsException.ERROR_CODE -> new EtcdNodeExistsException(text, cause, index);
      case EtcdRootReadOnlyException.ERROR_CODE -> new EtcdRootReadOnlyException(text, cause, index);
      case EtcdDirNotEmptyException.ERROR_CODE -> new EtcdDirNotEmptyException(text, cause, index);
      case EtcdUnauthorizedException.ERROR_CODE -> new EtcdUnauthorizedException(text, cause, index);
      case EtcdValueRequiredException.ERROR_CODE -> new EtcdValueRequiredException(text, cause, index);
      case EtcdPrevValueRequiredException.ERROR_CODE -> new EtcdPrevValueRequiredException(text, cause, index);
      case EtcdTtlNaNException.ERROR_CODE -> new EtcdTtlNaNException(text, cause, index);
      case EtcdIndexNaNException.ERROR_CODE -> new EtcdIndexNaNException(text, cause, index);
      case EtcdInvalidFieldException.ERROR_CODE -> new EtcdInvalidFieldException(text, cause, index);
      case EtcdInvalidFormException.ERROR_CODE -> new EtcdInvalidFormException(text, cause, index);
      case EtcdRefreshValueException.ERROR_CODE -> new EtcdRefreshValueException(text, cause, index);
      case EtcdRefreshTtlRequiredException.ERROR_CODE -> new EtcdRefreshTtlRequiredException(text, cause, index);
      case EtcdRaftInternalException.ERROR_CODE -> new EtcdRaftInternalException(text, cause, index);
      case EtcdLeaderElectException.ERROR_CODE -> new EtcdLeaderElectException(text, cause, index);
      case EtcdWatcherClearedException.ERROR_CODE -> new EtcdWatcherClearedException(text, cause, index);
      case EtcdEventIndexClearedException.ERROR_CODE -> new EtcdEventIndexClearedException(text, cause, index);
      default -> new EtcdException(text, code, cause, index, null);
    };
  }

  private @Nullable ErrorJson parse(String body) {
    String trimmed = body.strip();
    if (!trimmed.startsWith("{")) {
      return null;
    }
    try {
      return errorAdapter.fromJson(trimmed);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String bodyText(@Nullable ResponseBody body) {
    if (body == null) {
      return "";
    }
    try (body) {
      BufferedSource source = body.source();
      source.request(MAX_BODY_READ);
      return source.getBuffer().readUtf8(Math.min(source.getBuffer().size(), MAX_BODY_READ));
    } catch (IOException e) {
      return "";
    }
  }

  private static String excerpt(String body) {
    String text = body.strip().replaceAll("\\s+", " ");
    if (text.isEmpty()) {
      return "(empty body)";
    }
    return text.length() > MAX_BODY_EXCERPT ? text.substring(0, MAX_BODY_EXCERPT) + "..." : text;
  }

  static String describe(Request request) {
    return request.method() + " " + request.url().encodedPath();
  }
}
