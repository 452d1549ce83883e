package link.etcd;

import org.jspecify.annotations.Nullable;

/** A request field is invalid (etcd error 209). */
public final class EtcdInvalidFieldException extends EtcdException {
  private static final long serialVersionUID = 1L;

  /** The etcd error code this exception stands for. */
  public static final int ERROR_CODE = 209;

  EtcdInvalidFieldException(String message, @Nullable String cause, long index) {
    super(message, ERROR_CODE, cause, index, null);
  }
}
