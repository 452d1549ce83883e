package link.etcd.internal.http;

import java.io.IOException;

/**
 * A request was not sent because the pooled connection it was to go on had been closed by the
 * server; raised by {@link StaleConnectionCheck}, and sent again on a fresh connection by {@link
 * FailoverInterceptor}.
 */
public final class StaleConnectionException extends IOException {
  private static final long serialVersionUID = 1L;

  StaleConnectionException(String message) {
    super(message);
  }
}
