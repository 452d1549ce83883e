package link.etcd.internal.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import javax.net.ssl.SSLException;
import link.etcd.EtcdClusterIdChangedException;
import link.etcd.EtcdConnectionException;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.EtcdIndeterminateException;
import link.etcd.EtcdSettings;
import link.etcd.EtcdTimeoutException;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * Turns a failed exchange into the {@link EtcdException} that says what happened, in the words both
 * APIs share: an auth refusal, an unfollowed redirect, an answer that could not be read, a timeout
 * or a transport failure. What an API's own answers mean is its {@link ApiWire}'s.
 */
public final class ErrorDecoder {

  private final String endpoint;
  private final boolean allowRedirect;

  private final ServerVersion serverVersion;

  /** Which settings files were read and what was ignored, for connection errors; or null. */
  private final @Nullable String settingsNote;

  /**
   * @param endpoint names the endpoints in messages
   * @param allowRedirect whether {@code allow_redirect} is on, to say why a redirect was not
   *     followed
   * @param serverVersion asks who answers, for messages about the wrong API
   * @param settingsNote which settings files were read and what was ignored, for connection errors;
   *     or {@code null}
   */
  public ErrorDecoder(
      String endpoint,
      boolean allowRedirect,
      ServerVersion serverVersion,
      @Nullable String settingsNote) {
    this.settingsNote = settingsNote;
    this.serverVersion = serverVersion;
    this.endpoint = endpoint;
    this.allowRedirect = allowRedirect;
  }

  /**
   * {@return the exception of an answer with HTTP status that no API-specific reading explained: an
   * auth refusal, an unfollowed redirect, or the status and an excerpt of the body}
   *
   * @param raw the answer
   * @param body its body, as read
   * @param said what the body says in words, when the API's reading found some; else {@code null}
   */
  public EtcdException statusError(okhttp3.Response raw, String body, @Nullable String said) {
    String request = describe(raw.request());
    int status = raw.code();
    if (status == 401 || status == 403) {
      return new EtcdException(
          status == 401 ? EtcdError.UNAUTHORIZED : EtcdError.PERMISSION_DENIED,
          "etcd refused "
              + request
              + " (HTTP "
              + status
              + ": "
              + (said != null ? said : ErrorBodies.excerpt(body))
              + "); check the username and password, and the user's roles",
          null);
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

  /** {@return who answers at an endpoint, asked only for messages about the wrong API} */
  public ServerVersion serverVersion() {
    return serverVersion;
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

  /** {@return the exception of an answer to {@code request} that could not be read} */
  public static EtcdException badAnswer(Request request, Exception e) {
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

  public static String describe(Request request) {
    return request.method() + " " + request.url().encodedPath();
  }
}
