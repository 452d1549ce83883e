package link.etcd.internal.v3;

import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.EtcdSettings;
import link.etcd.internal.http.ServerVersion;
import okhttp3.HttpUrl;

/**
 * Turns a failed v3 call into the {@link EtcdException} that says what happened: its {@link
 * EtcdError} by etcd's gRPC status code and message (never by HTTP status). An answer that is not
 * gRPC comes from a server that is not etcd's v3 API.
 */
final class V3ErrorDecoder {
  private final EtcdSettings settings;

  V3ErrorDecoder(EtcdSettings settings) {
    this.settings = settings;
  }

  /** {@return the exception of a gRPC call that etcd ended with {@code failure}'s status} */
  EtcdException grpcError(GrpcStatusException failure) {
    GrpcStatus status = failure.status();
    String message = status.message();
    EtcdError kind = errorOf(status.code(), message);
    String text =
        message
            + " (gRPC code "
            + status.code()
            + ", POST "
            + failure.method()
            + ")"
            + fixOf(kind, message);
    return EtcdException.fromServer(kind, text, status.code(), message, null, 0, null);
  }

  /**
   * {@return the exception of an answer to a gRPC call that is not gRPC: not etcd's}
   *
   * @param serverVersion names the server behind {@code url}
   */
  EtcdException notEtcd(NotGrpcException failure, HttpUrl url, ServerVersion serverVersion) {
    String server = serverVersion.describe(url);
    return new EtcdException(
        EtcdError.UNKNOWN,
        "The answer of "
            + (server.startsWith("The ") ? "the " + server.substring(4) : server)
            + " is not etcd's: "
            + failure.getMessage()
            + "; check that host and port name the client URL of an etcd member (etcd 3.4 or"
            + " later), or set api = v2 for an etcd older than 3.4",
        null);
  }

  /**
   * The one table of v3's gRPC codes and messages (the table in {@code docs/semantics.md} follows
   * it).
   */
  static EtcdError errorOf(int grpcCode, String message) {
    return switch (grpcCode) {
      case GrpcStatus.CANCELLED -> EtcdError.CANCELLED;
      case GrpcStatus.INVALID_ARGUMENT ->
          message.contains("request is too large")
                  || message.contains("too many operations in txn request")
              ? EtcdError.TOO_LARGE
              : message.contains("authentication failed")
                      || message.contains("revision of auth store is old")
                      || message.contains("user name is empty")
                  ? EtcdError.UNAUTHORIZED
                  : EtcdError.INVALID_REQUEST;
      case GrpcStatus.DEADLINE_EXCEEDED -> EtcdError.TIMEOUT;
      case GrpcStatus.NOT_FOUND -> EtcdError.NOT_FOUND;
      case GrpcStatus.ALREADY_EXISTS -> EtcdError.ALREADY_EXISTS;
      case GrpcStatus.PERMISSION_DENIED -> EtcdError.PERMISSION_DENIED;
      case GrpcStatus.RESOURCE_EXHAUSTED ->
          message.contains("received message larger than max")
              ? EtcdError.TOO_LARGE
              : message.contains("too many requests") ? EtcdError.UNAVAILABLE : EtcdError.UNKNOWN;
      case GrpcStatus.FAILED_PRECONDITION -> EtcdError.INVALID_REQUEST;
      case GrpcStatus.OUT_OF_RANGE ->
          message.contains("compacted") ? EtcdError.COMPACTED : EtcdError.INVALID_REQUEST;
      case GrpcStatus.UNIMPLEMENTED -> EtcdError.UNSUPPORTED;
      case GrpcStatus.INTERNAL -> EtcdError.INTERNAL;
      case GrpcStatus.UNAVAILABLE -> EtcdError.UNAVAILABLE;
      case GrpcStatus.UNAUTHENTICATED -> EtcdError.UNAUTHORIZED;
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
