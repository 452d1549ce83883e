package link.etcd;

import org.jspecify.annotations.Nullable;

/** A write that needs a value was sent without one (etcd error 200). */
public final class EtcdValueRequiredException extends EtcdException {
  private static final long serialVersionUID = 1L;

  /** The etcd error code this exception stands for. */
  public static final int ERROR_CODE = 200;

  EtcdValueRequiredException(String message, @Nullable String cause, long index) {
    super(message, ERROR_CODE, cause, index, null);
  }
}
