package link.etcd;

import org.jspecify.annotations.Nullable;

/** A compare-and-swap or compare-and-delete condition did not hold (etcd error 101). */
public final class EtcdCompareFailedException extends EtcdException {
  private static final long serialVersionUID = 1L;

  /** The etcd error code this exception stands for. */
  public static final int ERROR_CODE = 101;

  EtcdCompareFailedException(String message, @Nullable String cause, long index) {
    super(message, ERROR_CODE, cause, index, null);
  }
}
