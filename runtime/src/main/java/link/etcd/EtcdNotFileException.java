package link.etcd;

import org.jspecify.annotations.Nullable;

/** The operation needs a key holding a value but found a directory (etcd error 102). */
public final class EtcdNotFileException extends EtcdException {
  private static final long serialVersionUID = 1L;

  /** The etcd error code this exception stands for. */
  public static final int ERROR_CODE = 102;

  EtcdNotFileException(String message, @Nullable String cause, long index) {
    super(message, ERROR_CODE, cause, index, null);
  }
}
