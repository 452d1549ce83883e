package link.etcd;

/**
 * A request that is not safe to repeat (a POST, a create-only PUT, a compare-and-swap by value, a
 * DELETE) reached etcd, but the connection failed before its answer arrived: it may or may not have
 * been applied, and it was not retried, since repeating it could apply it twice ({@link
 * EtcdError#OUTCOME_UNKNOWN}). Read the key to find out before repeating it.
 *
 * <p>A subclass of {@link EtcdConnectionException}, so code that handles connection failures
 * handles this one; the underlying {@link java.io.IOException} is the {@linkplain #getCause()
 * cause}.
 */
public final class EtcdIndeterminateException extends EtcdConnectionException {
  private static final long serialVersionUID = 1L;

  /** The endpoint the request was sent to. */
  private final String endpoint;

  /**
   * Creates the exception.
   *
   * @param message what happened and what to do
   * @param endpoint the endpoint the request was sent to
   * @param cause the failure that lost the answer
   */
  public EtcdIndeterminateException(String message, String endpoint, Throwable cause) {
    super(EtcdError.OUTCOME_UNKNOWN, message, cause);
    this.endpoint = endpoint;
  }

  /** {@return the endpoint the request was sent to, such as {@code http://10.0.0.1:2379}} */
  public String endpoint() {
    return endpoint;
  }
}
