package link.etcd.internal.v2;

import link.etcd.EtcdError;
import org.jspecify.annotations.Nullable;

/**
 * etcd v2's {@code errorCode}s and the {@link EtcdError} each stands for: the one place they are
 * mapped (the table in {@code docs/semantics.md} follows it).
 */
public final class V2Errors {
  private V2Errors() {}

  /**
   * The error of {@code errorCode}; {@code cause} tells a body too large (210 "http: POST too
   * large") apart.
   */
  public static EtcdError errorOf(int errorCode, @Nullable String cause) {
    if (errorCode == 210 && cause != null && cause.contains("too large")) {
      return EtcdError.TOO_LARGE;
    }
    return switch (errorCode) {
      case 100 -> EtcdError.NOT_FOUND;
      case 101 -> EtcdError.COMPARE_FAILED;
      case 102 -> EtcdError.NOT_A_FILE;
      case 104 -> EtcdError.NOT_A_DIRECTORY;
      case 105 -> EtcdError.ALREADY_EXISTS;
      case 107 -> EtcdError.ROOT_READ_ONLY;
      case 108 -> EtcdError.DIRECTORY_NOT_EMPTY;
      case 110 -> EtcdError.UNAUTHORIZED;
      case 200, 201, 202, 203, 209, 210, 211, 212 -> EtcdError.INVALID_REQUEST;
      case 300 -> EtcdError.INTERNAL;
      case 301, 400 -> EtcdError.UNAVAILABLE;
      case 401 -> EtcdError.COMPACTED;
      default -> EtcdError.UNKNOWN;
    };
  }
}
