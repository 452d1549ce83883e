package link.etcd.internal.http;

import java.io.IOException;

/**
 * A request that is not safe to repeat reached etcd, but its answer was lost; carried through
 * OkHttp to the client, which reports it as {@code EtcdIndeterminateException}.
 */
public final class IndeterminateOutcomeException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String endpoint;

  IndeterminateOutcomeException(Endpoint endpoint, IOException cause) {
    super("the answer from " + endpoint + " was lost: " + cause, cause);
    this.endpoint = endpoint.toString();
  }

  /** Returns the endpoint the request was sent to. */
  public String endpoint() {
    return endpoint;
  }
}
