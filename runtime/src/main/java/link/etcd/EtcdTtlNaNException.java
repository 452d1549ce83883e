package link.etcd;

import org.jspecify.annotations.Nullable;

/** The TTL sent is not a number (etcd error 201). */
public final class EtcdTtlNaNException extends EtcdException {
  private static final long serialVersionUID = 1L;

  /** The etcd error code this exception stands for. */
  public static final int ERROR_CODE = 201;

  EtcdTtlNaNException(String message, @Nullable String cause, long index) {
    super(message, ERROR_CODE, cause, index, null);
  }
}
