package link.etcd.internal.v3;

import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.internal.http.PermanentFailureException;
import link.etcd.internal.http.ServerVersion;
import okhttp3.HttpUrl;

/**
 * etcd refused to authenticate (wrong password, auth not enabled, ...): raised inside the OkHttp
 * chain by {@link V3TokenInterceptor}, and turned into an {@link EtcdException} of {@link
 * EtcdError#UNAUTHORIZED} by the transport. It is permanent, so the request is never retried
 * elsewhere. Its message holds etcd's words, never the password.
 */
public final class V3AuthenticationException extends PermanentFailureException {
  private static final long serialVersionUID = 1L;

  /**
   * @param url where {@code Auth/Authenticate} was asked
   * @param said what etcd answered, such as {@code "etcdserver: authentication failed, invalid user
   *     ID or password (gRPC code 3)"}
   */
  V3AuthenticationException(HttpUrl url, String said) {
    super(
        "etcd refused to authenticate at "
            + ServerVersion.origin(url)
            + " (POST "
            + url.encodedPath()
            + "): "
            + said
            + (said.contains("authentication is not enabled")
                ? "; enable auth on etcd, or remove username and password"
                : "; check the username and password"));
  }

  @Override
  public EtcdException toEtcdException() {
    return new EtcdException(EtcdError.UNAUTHORIZED, getMessage(), null);
  }
}
