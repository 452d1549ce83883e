package link.etcd;

import org.jspecify.annotations.Nullable;

/** The request form is invalid (etcd error 210). */
public final class EtcdInvalidFormException extends EtcdException {
  private static final long serialVersionUID = 1L;

  /** The etcd error code this exception stands for. */
  public static final int ERROR_CODE = 210;

  EtcdInvalidFormException(String message, @Nullable String cause, long index) {
    super(message, ERROR_CODE, cause, index, null);
  }
}
