package link.etcd;

import org.jspecify.annotations.Nullable;

/** etcd is electing a leader and could not serve the request (etcd error 301); retrying later may succeed. */
public final class EtcdLeaderElectException extends EtcdException {
  private static final long serialVersionUID = 1L;

  /** The etcd error code this exception stands for. */
  public static final int ERROR_CODE = 301;

  EtcdLeaderElectException(String message, @Nullable String cause, long index) {
    super(message, ERROR_CODE, cause, index, null);
  }
}
