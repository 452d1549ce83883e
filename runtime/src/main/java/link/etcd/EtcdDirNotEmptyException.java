package link.etcd;

import org.jspecify.annotations.Nullable;

/** A directory could not be deleted because it is not empty and the request was not recursive (etcd error 108). */
public final class EtcdDirNotEmptyException extends EtcdException {
  private static final long serialVersionUID = 1L;

  /** The etcd error code this exception stands for. */
  public static final int ERROR_CODE = 108;

  EtcdDirNotEmptyException(String message, @Nullable String cause, long index) {
    super(message, ERROR_CODE, cause, index, null);
  }
}
