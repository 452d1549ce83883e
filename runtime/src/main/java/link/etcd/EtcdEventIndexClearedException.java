package link.etcd;

import org.jspecify.annotations.Nullable;

/** The watched index is older than the events etcd still keeps (etcd error 401, sent with HTTP 400); read the key again and watch from the index of that read plus one. */
public final class EtcdEventIndexClearedException extends EtcdException {
  private static final long serialVersionUID = 1L;

  /** The etcd error code this exception stands for. */
  public static final int ERROR_CODE = 401;

  EtcdEventIndexClearedException(String message, @Nullable String cause, long index) {
    super(message, ERROR_CODE, cause, index, null);
  }
}
