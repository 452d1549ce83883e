package link.etcd;

import org.jspecify.annotations.Nullable;

/** etcd needs a {@code prevValue} for this request (etcd error 200). */
public final class EtcdPrevValueRequiredException extends EtcdException {
  private static final long serialVersionUID = 1L;

  /** The etcd error code this exception stands for. */
  public static final int ERROR_CODE = 200;

  EtcdPrevValueRequiredException(String message, @Nullable String cause, long index) {
    super(message, ERROR_CODE, cause, index, null);
  }
}
