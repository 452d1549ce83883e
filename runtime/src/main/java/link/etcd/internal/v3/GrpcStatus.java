package link.etcd.internal.v3;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a gRPC call, from its {@code grpc-status} and {@code grpc-message} trailers (or
 * headers, in an answer of trailers only). {@link #OK} is code 0.
 *
 * @param code the gRPC status code, such as 14 for {@code UNAVAILABLE}
 * @param message the message, percent-decoded; empty when the server sent none
 */
public record GrpcStatus(int code, String message) {
  /** gRPC status codes etcd uses. */
  public static final int OK = 0;

  public static final int CANCELLED = 1;
  public static final int UNKNOWN = 2;
  public static final int INVALID_ARGUMENT = 3;
  public static final int DEADLINE_EXCEEDED = 4;
  public static final int NOT_FOUND = 5;
  public static final int ALREADY_EXISTS = 6;
  public static final int PERMISSION_DENIED = 7;
  public static final int RESOURCE_EXHAUSTED = 8;
  public static final int FAILED_PRECONDITION = 9;
  public static final int OUT_OF_RANGE = 11;
  public static final int UNIMPLEMENTED = 12;
  public static final int INTERNAL = 13;
  public static final int UNAVAILABLE = 14;
  public static final int UNAUTHENTICATED = 16;

  /** {@return whether the call succeeded} */
  public boolean ok() {
    return code == OK;
  }

  /**
   * {@return the status in {@code headers}, or null when they carry no {@code grpc-status}} A
   * status that is not a number is {@link #UNKNOWN}, with the text it had.
   */
  public static @Nullable GrpcStatus of(Headers headers) {
    String status = headers.get("grpc-status");
    if (status == null) {
      return null;
    }
    String message = headers.get("grpc-message");
    String text = message == null ? "" : percentDecode(message);
    try {
      return new GrpcStatus(Integer.parseInt(status.trim()), text);
    } catch (NumberFormatException e) {
      return new GrpcStatus(UNKNOWN, "grpc-status " + status + (text.isEmpty() ? "" : ": " + text));
    }
  }

  /**
   * gRPC's encoding of {@code grpc-message}: UTF-8, with {@code %XX} for bytes outside printable
   * ASCII and for {@code %} itself. A {@code %} not followed by two hex digits stays as it is.
   */
  static String percentDecode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    byte[] ascii = text.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < ascii.length; i++) {
      if (ascii[i] == '%' && i + 2 < ascii.length) {
        int high = Character.digit(ascii[i + 1], 16);
        int low = Character.digit(ascii[i + 2], 16);
        if (high >= 0 && low >= 0) {
          bytes.write(high << 4 | low);
          i += 2;
          continue;
        }
      }
      bytes.write(ascii[i]);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
