package link.etcd;

import org.jspecify.annotations.Nullable;

/** The operation needs a directory but found a key holding a value (etcd error 104). */
public final class EtcdNotDirException extends EtcdException {
  private static final long serialVersionUID = 1L;

  /** The etcd error code this exception stands for. */
  public static final int ERROR_CODE = 104;

  EtcdNotDirException(String message, @Nullable String cause, long index) {
    super(message, ERROR_CODE, cause, index, null);
  }
}
