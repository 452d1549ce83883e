package link.etcd;

import org.jspecify.annotations.Nullable;

/**
 * The base of every error this library raises about etcd: an error etcd answered (its {@link #errorCode()},
 * {@link #cause()} and {@link #index()}), or a failure to reach it. Unchecked. Catch a subclass to handle one
 * case, such as {@link EtcdKeyNotFoundException}.
 */
public class EtcdException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Used as {@link #errorCode()} when the failure did not come with an etcd error code. */
  public static final int NO_ERROR_CODE = 0;

  /** etcd's {@code errorCode}, or {@link #NO_ERROR_CODE}. */
  private final int errorCode;
  /** etcd's {@code cause} field, or {@code null}. */
  private final @Nullable String etcdCause;
  /** etcd's index at the time of the error, or {@code 0}. */
  private final long index;

  /**
   * Creates an exception.
   *
   * @param message what went wrong, and what to do about it where that is known
   * @param errorCode etcd's {@code errorCode}, or {@link #NO_ERROR_CODE}
   * @param cause etcd's {@code cause} field (usually the key), or {@code null}
   * @param index etcd's index at the time of the error, or {@code 0} when unknown
   * @param throwable the underlying failure, or {@code null}
   */
  protected EtcdException(
      String message, int errorCode, @Nullable String cause, long index, @Nullable Throwable throwable) {
    super(message, throwable);
    this.errorCode = errorCode;
    this.etcdCause = cause;
    this.index = index;
  }

  /** {@return etcd's {@code errorCode} (such as 100 for "Key not found"), or {@link #NO_ERROR_CODE}} */
  public int errorCode() {
    return errorCode;
  }

  /**
   * {@return etcd's {@code cause} field, usually the key the error is about, or {@code null}} This is not
   * {@link #getCause()}, which is the underlying {@link Throwable}.
   */
  public @Nullable String cause() {
    return etcdCause;
  }

  /** {@return etcd's index when the error happened, or {@code 0} when etcd did not say} */
  public long index() {
    return index;
  }
}
