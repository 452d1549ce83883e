package link.etcd;

import org.jspecify.annotations.Nullable;

/** The key does not exist (etcd error 100). */
public final class EtcdKeyNotFoundException extends EtcdException {
  private static final long serialVersionUID = 1L;

  /** The etcd error code this exception stands for. */
  public static final int ERROR_CODE = 100;

  EtcdKeyNotFoundException(String message, @Nullable String cause, long index) {
    super(message, ERROR_CODE, cause, index, null);
  }
}
