package link.etcd;

/**
 * etcd could not be reached, or the connection failed before a complete answer arrived ({@link
 * EtcdError#CONNECTION}, or {@link EtcdError#CANCELLED} when the calling thread was interrupted).
 * The underlying {@link java.io.IOException} is the {@linkplain #getCause() cause}. A write that
 * failed this way may or may not have been applied.
 */
public class EtcdConnectionException extends EtcdException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param error {@link EtcdError#CONNECTION} or {@link EtcdError#CANCELLED}
   * @param message what happened and what to do
   * @param cause the underlying I/O failure
   */
  public EtcdConnectionException(EtcdError error, String message, Throwable cause) {
    super(error, message, cause);
  }
}
