package link.etcd;

import org.jspecify.annotations.Nullable;

/** The credentials are missing or do not allow the operation (etcd error 110, or HTTP 401 from etcd's auth layer). */
public final class EtcdUnauthorizedException extends EtcdException {
  private static final long serialVersionUID = 1L;

  /** The etcd error code this exception stands for. */
  public static final int ERROR_CODE = 110;

  EtcdUnauthorizedException(String message, @Nullable String cause, long index) {
    super(message, ERROR_CODE, cause, index, null);
  }
}
