package link.etcd;

import org.jspecify.annotations.Nullable;

/** A TTL refresh was sent without a TTL (etcd error 212). */
public final class EtcdRefreshTtlRequiredException extends EtcdException {
  private static final long serialVersionUID = 1L;

  /** The etcd error code this exception stands for. */
  public static final int ERROR_CODE = 212;

  EtcdRefreshTtlRequiredException(String message, @Nullable String cause, long index) {
    super(message, ERROR_CODE, cause, index, null);
  }
}
