package link.etcd;

/**
 * etcd did not answer within the read timeout ({@code read_timeout} in {@code middleware.conf};
 * {@link EtcdError#TIMEOUT}). A write that timed out may or may not have been applied.
 */
public final class EtcdTimeoutException extends EtcdConnectionException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what timed out and what to do
   * @param cause the underlying timeout
   */
  public EtcdTimeoutException(String message, Throwable cause) {
    super(EtcdError.TIMEOUT, message, cause);
  }
}
