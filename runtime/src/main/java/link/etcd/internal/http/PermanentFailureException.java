package link.etcd.internal.http;

import java.io.IOException;
import link.etcd.EtcdException;

/**
 * A failure inside the OkHttp chain that no other endpoint or later attempt can cure, such as etcd
 * refusing to authenticate: the {@link FailoverInterceptor} lets it through at once, and the {@link
 * Transport} turns it into the {@link EtcdException} it names.
 */
public abstract class PermanentFailureException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what happened and what to do, never a secret
   */
  protected PermanentFailureException(String message) {
    super(message);
  }

  /** {@return the exception the caller gets} */
  public abstract EtcdException toEtcdException();
}
