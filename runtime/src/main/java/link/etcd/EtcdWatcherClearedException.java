package link.etcd;

import org.jspecify.annotations.Nullable;

/** etcd cleared the watcher, for example because the member is recovering (etcd error 400); watch again. */
public final class EtcdWatcherClearedException extends EtcdException {
  private static final long serialVersionUID = 1L;

  /** The etcd error code this exception stands for. */
  public static final int ERROR_CODE = 400;

  EtcdWatcherClearedException(String message, @Nullable String cause, long index) {
    super(message, ERROR_CODE, cause, index, null);
  }
}
