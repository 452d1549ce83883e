package link.etcd;

import org.jspecify.annotations.Nullable;

/** A value was sent with a TTL refresh, which must not carry one (etcd error 211). */
public final class EtcdRefreshValueException extends EtcdException {
  private static final long serialVersionUID = 1L;

  /** The etcd error code this exception stands for. */
  public static final int ERROR_CODE = 211;

  EtcdRefreshValueException(String message, @Nullable String cause, long index) {
    super(message, ERROR_CODE, cause, index, null);
  }
}
