package link.etcd;

import org.jspecify.annotations.Nullable;

/** etcd's raft layer failed internally (etcd error 300); retrying later may succeed. */
public final class EtcdRaftInternalException extends EtcdException {
  private static final long serialVersionUID = 1L;

  /** The etcd error code this exception stands for. */
  public static final int ERROR_CODE = 300;

  EtcdRaftInternalException(String message, @Nullable String cause, long index) {
    super(message, ERROR_CODE, cause, index, null);
  }
}
