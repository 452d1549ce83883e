package link.etcd;

import org.jspecify.annotations.Nullable;

/** The key already exists and the request asked to create it (etcd error 105). */
public final class EtcdNodeExistsException extends EtcdException {
  private static final long serialVersionUID = 1L;

  /** The etcd error code this exception stands for. */
  public static final int ERROR_CODE = 105;

  EtcdNodeExistsException(String message, @Nullable String cause, long index) {
    super(message, ERROR_CODE, cause, index, null);
  }
}
