package link.etcd.internal.v3;

import com.squareup.moshi.JsonAdapter;
import java.io.IOException;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.internal.http.ErrorBodies;
import link.etcd.internal.http.ServerVersion;
import okhttp3.HttpUrl;

/**
 * etcd refused to authenticate (wrong password, auth not enabled, ...): raised inside the OkHttp
 * chain by {@link V3TokenInterceptor}, and turned into an {@link EtcdException} of {@link
 * EtcdError#UNAUTHORIZED} by {@link Transport}. It is permanent, so the request is never retried
 * elsewhere. Its message holds etcd's words, never the password.
 */
public final class V3AuthenticationException extends IOException {
  private static final long serialVersionUID = 1L;

  V3AuthenticationException(
      HttpUrl url, int status, String body, JsonAdapter<V3Json.Error> errorAdapter) {
    super(message(url, status, body, errorAdapter));
  }

  private static String message(
      HttpUrl url, int status, String body, JsonAdapter<V3Json.Error> errorAdapter) {
    V3Json.Error error = ErrorBodies.json(errorAdapter, body);
    String said =
        error == null
            ? "HTTP " + status + " " + body.strip()
            : error.text() + " (gRPC code " + error.grpcCode() + ")";
    String fix =
        said.contains("authentication is not enabled")
            ? "; enable auth on etcd, or remove username and password"
            : "; check the username and password";
    return "etcd refused to authenticate at "
        + ServerVersion.origin(url)
        + " (POST "
        + url.encodedPath()
        + "): "
        + said
        + fix;
  }

  public EtcdException toEtcdException() {
    return new EtcdException(EtcdError.UNAUTHORIZED, getMessage(), null);
  }
}
