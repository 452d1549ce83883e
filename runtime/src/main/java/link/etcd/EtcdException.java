package link.etcd;

import org.jspecify.annotations.Nullable;

/**
 * Every error this library raises about etcd: an error etcd answered, or a failure to reach it.
 * Unchecked. Its {@link #error()} says what went wrong whichever API answered; the server's own
 * {@link #serverCode()}, {@link #serverMessage()} and {@link #detail()} travel beside it.
 * Subclasses exist only where callers act differently or more data travels: {@link
 * EtcdKeyNotFoundException}, {@link EtcdCompareFailedException}, {@link EtcdNodeExistsException},
 * {@link EtcdConnectionException} (with {@link EtcdTimeoutException} and {@link
 * EtcdIndeterminateException}), {@link EtcdClusterIdChangedException} and {@code
 * link.etcd.middleware.EtcdPartialWriteException}.
 *
 * <pre>{@code
 * try {
 *   client.delete("/config/old");
 * } catch (EtcdKeyNotFoundException e) {
 *   // already gone
 * } catch (EtcdException e) {
 *   if (!e.retryable()) throw e;
 * }
 * }</pre>
 */
public class EtcdException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Used as {@link #serverCode()} when the failure did not come with a code from etcd. */
  public static final int NO_SERVER_CODE = 0;

  /** What went wrong. */
  private final EtcdError error;

  /** etcd's own code, or {@link #NO_SERVER_CODE}. */
  private final int serverCode;

  /** etcd's own message, or {@code null}. */
  private final @Nullable String serverMessage;

  /** etcd's detail (v2's {@code cause}), or {@code null}. */
  private final @Nullable String detail;

  /** etcd's index or revision at the time of the error, or {@code 0}. */
  private final long index;

  /**
   * Creates an exception for a failure that came with no answer from etcd.
   *
   * @param error what went wrong
   * @param message what went wrong, and what to do about it where that is known
   * @param cause the underlying failure, or {@code null}
   */
  public EtcdException(EtcdError error, String message, @Nullable Throwable cause) {
    this(error, message, NO_SERVER_CODE, null, null, 0, cause);
  }

  /**
   * Creates an exception for an error etcd answered.
   *
   * @param error what went wrong
   * @param message what went wrong, and what to do about it where that is known
   * @param serverCode etcd's code: v2's {@code errorCode}, v3's gRPC status code, or {@link
   *     #NO_SERVER_CODE}
   * @param serverMessage etcd's message, or {@code null}
   * @param detail etcd's detail (v2's {@code cause}, usually the key), or {@code null}
   * @param index etcd's index (v2) or revision (v3) at the time of the error, or {@code 0} when
   *     unknown
   */
  public EtcdException(
      EtcdError error,
      String message,
      int serverCode,
      @Nullable String serverMessage,
      @Nullable String detail,
      long index) {
    this(error, message, serverCode, serverMessage, detail, index, null);
  }

  /**
   * Creates an exception that reports {@code cause} in a larger context, with the same {@link
   * #error()} and server fields.
   *
   * @param message what went wrong, and what to do about it where that is known
   * @param cause the failure this one reports; it becomes the {@linkplain #getCause() cause}
   */
  public EtcdException(String message, EtcdException cause) {
    this(
        cause.error,
        message,
        cause.serverCode,
        cause.serverMessage,
        cause.detail,
        cause.index,
        cause);
  }

  private EtcdException(
      EtcdError error,
      String message,
      int serverCode,
      @Nullable String serverMessage,
      @Nullable String detail,
      long index,
      @Nullable Throwable cause) {
    super(message, cause);
    this.error = error;
    this.serverCode = serverCode;
    this.serverMessage = serverMessage;
    this.detail = detail;
    this.index = index;
  }

  /**
   * Creates the exception for an error etcd answered, of the subclass that {@code error} calls for.
   *
   * @param error the error etcd's code maps to
   * @param message what happened and what to do
   * @param serverCode etcd's own code (v2's {@code errorCode}, v3's gRPC status)
   * @param serverMessage etcd's own message, or {@code null}
   * @param detail etcd's detail (v2's {@code cause}), or {@code null}
   * @param index etcd's index at the time of the error, or 0
   * @param key the key the request was about, or {@code null}
   * @return the exception, of the subclass callers act on
   */
  public static EtcdException fromServer(
      EtcdError error,
      String message,
      int serverCode,
      @Nullable String serverMessage,
      @Nullable String detail,
      long index,
      @Nullable String key) {
    return switch (error) {
      case NOT_FOUND ->
          new EtcdKeyNotFoundException(message, serverCode, serverMessage, detail, index, key);
      case COMPARE_FAILED ->
          new EtcdCompareFailedException(message, serverCode, serverMessage, detail, index);
      case ALREADY_EXISTS ->
          new EtcdNodeExistsException(message, serverCode, serverMessage, detail, index);
      default -> new EtcdException(error, message, serverCode, serverMessage, detail, index);
    };
  }

  /** {@return what went wrong, the same for either etcd API} */
  public EtcdError error() {
    return error;
  }

  /**
   * {@return whether the same request, sent again later, can succeed: see {@link
   * EtcdError#retryable()}}
   */
  public boolean retryable() {
    return error.retryable();
  }

  /**
   * {@return etcd's own code: v2's {@code errorCode} (such as 100 for "Key not found"), v3's gRPC
   * status code, or {@link #NO_SERVER_CODE} when etcd gave none}
   */
  public int serverCode() {
    return serverCode;
  }

  /**
   * {@return etcd's own message, such as {@code Key not found}, or {@code null} when etcd gave
   * none}
   */
  public @Nullable String serverMessage() {
    return serverMessage;
  }

  /**
   * {@return etcd's detail about the error: v2's {@code cause}, usually the key the error is about,
   * or {@code null}} This is not {@link #getCause()}, which is the underlying {@link Throwable}.
   */
  public @Nullable String detail() {
    return detail;
  }

  /**
   * {@return etcd's index (v2) or revision (v3) when the error happened, or {@code 0} when etcd did
   * not say}
   */
  public long index() {
    return index;
  }
}
