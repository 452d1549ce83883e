package link.etcd;

import org.jspecify.annotations.Nullable;

/** The index sent is not a number (etcd error 202). */
public final class EtcdIndexNaNException extends EtcdException {
  private static final long serialVersionUID = 1L;

  /** The etcd error code this exception stands for. */
  public static final int ERROR_CODE = 202;

  EtcdIndexNaNException(String message, @Nullable String cause, long index) {
    super(message, ERROR_CODE, cause, index, null);
  }
}
