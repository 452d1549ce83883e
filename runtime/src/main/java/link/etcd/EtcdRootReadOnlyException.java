package link.etcd;

import org.jspecify.annotations.Nullable;

/** The root directory {@code /} cannot be written or deleted (etcd error 107). */
public final class EtcdRootReadOnlyException extends EtcdException {
  private static final long serialVersionUID = 1L;

  /** The etcd error code this exception stands for. */
  public static final int ERROR_CODE = 107;

  EtcdRootReadOnlyException(String message, @Nullable String cause, long index) {
    super(message, ERROR_CODE, cause, index, null);
  }
}
