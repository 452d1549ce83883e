package link.etcd.internal.v3;

import com.squareup.moshi.Moshi;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.EtcdSettings;
import link.etcd.internal.http.ErrorBodies;
import link.etcd.internal.http.ErrorDecoder;
import link.etcd.internal.http.ServerVersion;
import retrofit2.Response;

/**
 * Turns a failed v3 exchange into the {@link EtcdException} that says what happened: its {@link
 * EtcdError} by etcd's gRPC {@code code} and {@code message} (never by HTTP status). Both error
 * shapes are read: {@code {"error","code","message"}} (etcd 3.4, upstream 3.5) and {@code
 * {"code","message","details"}} (Debian's 3.5, 3.6+). An answer without a gRPC code is a server
 * that does not serve the v3 API where it was asked.
 */
public final class V3ErrorDecoder {
  /** gRPC status codes etcd uses. */
  static final int CANCELLED = 1;

  static final int INVALID_ARGUMENT = 3;
  static final int DEADLINE_EXCEEDED = 4;
  static final int NOT_FOUND = 5;
  static final int ALREADY_EXISTS = 6;
  static final int PERMISSION_DENIED = 7;
  static final int RESOURCE_EXHAUSTED = 8;
  static final int FAILED_PRECONDITION = 9;
  static final int OUT_OF_RANGE = 11;
  static final int UNIMPLEMENTED = 12;
  static final int INTERNAL = 13;
  static final int UNAVAILABLE = 14;
  static final int UNAUTHENTICATED = 16;

  /** Asked for the adapter of error bodies at the first error: a v2 client never needs it. */
  private final Moshi moshi;

  private final EtcdSettings settings;
  private final ServerVersion serverVersion;

  public V3ErrorDecoder(Moshi moshi, EtcdSettings settings, ServerVersion serverVersion) {
    this.moshi = moshi;
    this.settings = settings;
    this.serverVersion = serverVersion;
  }

  public EtcdException httpError(Response<?> response) {
    okhttp3.Response raw = response.raw();
    String request = ErrorDecoder.describe(raw.request());
    String body = ErrorBodies.text(response.errorBody());
    V3Json.Error error = ErrorBodies.json(moshi.adapter(V3Json.Error.class), body);
    // The gateway's own answer to a path it has no route for (3.5+) is {"code":5,"message":"Not
    // Found"}.
    boolean noRoute =
        error == null || error.grpcCode() == NOT_FOUND && error.text().equals("Not Found");
    if (error != null && error.grpcCode() != 0 && !noRoute) {
      return byCode(error, request);
    }
    if (raw.code() == 404 || raw.code() == 405) {
      String excerpt = ErrorBodies.excerpt(body);
      String answer = excerpt.startsWith(raw.code() + " ") ? excerpt : raw.code() + " " + excerpt;
      return new EtcdException(
          EtcdError.UNSUPPORTED,
          serverVersion.describe(raw.request().url())
              + " does not serve the v3 API at "
              + settings.versionPrefix()
              + " ("
              + request
              + " answered "
              + answer
              + "); etcd serves it from 3.4 on"
              + " at /v3: check version_prefix, or set api = v2 for an etcd older than 3.4",
          null);
    }
    return new EtcdException(
        EtcdError.UNKNOWN,
        "etcd answered " + request + " with HTTP " + raw.code() + ": " + ErrorBodies.excerpt(body),
        null);
  }

  /**
   * The exception of etcd's error {@code error} answering {@code request} (such as {@code POST
   * /v3/kv/put}).
   */
  public EtcdException byCode(V3Json.Error error, String request) {
    String message = error.text();
    EtcdError kind = errorOf(error.grpcCode(), message);
    String text =
        message + " (gRPC code " + error.grpcCode() + ", " + request + ")" + fixOf(kind, message);
    return EtcdException.fromServer(kind, text, error.grpcCode(), message, null, 0, null);
  }

  /**
   * The one table of v3's gRPC codes and messages (the table in {@code docs/semantics.md} follows
   * it).
   */
  static EtcdError errorOf(int grpcCode, String message) {
    return switch (grpcCode) {
      case CANCELLED -> EtcdError.CANCELLED;
      case INVALID_ARGUMENT ->
          message.contains("request is too large")
                  || message.contains("too many operations in txn request")
              ? EtcdError.TOO_LARGE
              : message.contains("authentication failed")
                      || message.contains("revision of auth store is old")
                      || message.contains("user name is empty")
                  ? EtcdError.UNAUTHORIZED
                  : EtcdError.INVALID_REQUEST;
      case DEADLINE_EXCEEDED -> EtcdError.TIMEOUT;
      case NOT_FOUND -> EtcdError.NOT_FOUND;
      case ALREADY_EXISTS -> EtcdError.ALREADY_EXISTS;
      case PERMISSION_DENIED -> EtcdError.PERMISSION_DENIED;
      case RESOURCE_EXHAUSTED ->
          message.contains("received message larger than max")
              ? EtcdError.TOO_LARGE
              : message.contains("too many requests") ? EtcdError.UNAVAILABLE : EtcdError.UNKNOWN;
      case FAILED_PRECONDITION -> EtcdError.INVALID_REQUEST;
      case OUT_OF_RANGE ->
          message.contains("compacted") ? EtcdError.COMPACTED : EtcdError.INVALID_REQUEST;
      case UNIMPLEMENTED -> EtcdError.UNSUPPORTED;
      case INTERNAL -> EtcdError.INTERNAL;
      case UNAVAILABLE -> EtcdError.UNAVAILABLE;
      case UNAUTHENTICATED -> EtcdError.UNAUTHORIZED;
      default -> EtcdError.UNKNOWN;
    };
  }

  private String fixOf(EtcdError kind, String message) {
    return switch (kind) {
      case TOO_LARGE ->
          message.contains("too many operations in txn request")
              ? "; split the txn, or raise etcd's --max-txn-ops and max_txn_ops (now "
                  + settings.maxTxnOps()
                  + ") to match"
              : "; write less in one request, or raise etcd's --max-request-bytes and max_request_bytes (now "
                  + settings.maxRequestBytes()
                  + ") to match";
      case UNAUTHORIZED ->
          message.contains("user name is empty")
              ? "; this etcd has auth enabled: set username and password"
              : "; check the username and password";
      case PERMISSION_DENIED -> "; grant the user a role that allows it";
      case COMPACTED -> "; read at a later revision, or at the latest (0)";
      case UNAVAILABLE ->
          "; the cluster may be electing a leader or have lost its quorum: retry later";
      default -> "";
    };
  }
}
