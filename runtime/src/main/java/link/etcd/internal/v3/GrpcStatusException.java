package link.etcd.internal.v3;

import java.io.IOException;

/** A gRPC call that ended with a status other than OK. */
public final class GrpcStatusException extends IOException {
  private static final long serialVersionUID = 1L;

  private final GrpcStatus status;
  private final String method;

  /**
   * @param status the status the server ended the call with
   * @param method the path of the call, such as {@code /etcdserverpb.KV/Put}
   */
  public GrpcStatusException(GrpcStatus status, String method) {
    super(method + " ended with gRPC status " + status.code() + ": " + status.message());
    this.status = status;
    this.method = method;
  }

  /** {@return the status the server ended the call with} */
  public GrpcStatus status() {
    return status;
  }

  /** {@return the path of the call, such as {@code /etcdserverpb.KV/Put}} */
  public String method() {
    return method;
  }
}
