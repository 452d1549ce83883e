package link.etcd.internal.v3;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Protocol;

/**
 * An answer to a gRPC call that is not gRPC: another HTTP status than 200 without a {@code
 * grpc-status}, another content type, or HTTP/1.1. Such a server is not etcd's gRPC endpoint.
 */
public final class NotGrpcException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int httpCode;

  /**
   * @param url the URL asked
   * @param protocol the protocol of the answer
   * @param httpCode its HTTP status
   * @param contentType its content type, or {@code "no content type"}
   * @param excerpt the start of its body, as text
   */
  public NotGrpcException(
      HttpUrl url, Protocol protocol, int httpCode, String contentType, String excerpt) {
    super(
        "POST "
            + url.encodedPath()
            + " at "
            + url.scheme()
            + "://"
            + url.host()
            + ":"
            + url.port()
            + " answered "
            + protocol
            + " "
            + httpCode
            + " ("
            + contentType
            + ")"
            + (excerpt.isEmpty() ? "" : ": " + excerpt)
            + ", not gRPC");
    this.httpCode = httpCode;
  }

  /** {@return the HTTP status of the answer} */
  public int httpCode() {
    return httpCode;
  }
}
