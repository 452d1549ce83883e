package link.etcd.internal.v3;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * v3 auth: {@link V3Auth}'s {@code Authenticate} with the name and password gives a token, sent on
 * every call as the {@code token} metadata (a header). The token is got on the first call, and
 * again, once per call, when etcd answers that it is no longer valid ("invalid auth token", gRPC
 * code 16) or that the auth store changed since it was issued ("revision of auth store is old",
 * code 3). Neither the token nor the password is ever logged or put in a message.
 */
public final class V3TokenInterceptor implements Interceptor {
  private final String username;
  private final String password;
  private @Nullable String token;

  public V3TokenInterceptor(String username, String password) {
    this.username = username;
    this.password = password;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String current = currentToken(chain, request);
    Response response = chain.proceed(withToken(request, current));
    RequestBody body = request.body();
    if (!isStaleToken(response) || body != null && body.isOneShot()) {
      return response;
    }
    response.close();
    synchronized (this) {
      if (current.equals(token)) {
        token = null;
      }
    }
    return chain.proceed(withToken(request, currentToken(chain, request)));
  }

  private synchronized String currentToken(Chain chain, Request request) throws IOException {
    if (token == null) {
      token = authenticate(chain, request);
    }
    return token;
  }

  private String authenticate(Chain chain, Request request) throws IOException {
    Request authenticate = V3Auth.authenticate(request, username, password);
    try (Response response = chain.proceed(authenticate)) {
      return V3Auth.token(authenticate, response);
    }
  }

  private static boolean isStaleToken(Response response) {
    GrpcStatus status = GrpcStatus.of(response.headers());
    if (status == null) {
      return false;
    }
    String message = status.message();
    return status.code() == GrpcStatus.UNAUTHENTICATED && message.contains("invalid auth token")
        || status.code() == GrpcStatus.INVALID_ARGUMENT
            && message.contains("revision of auth store is old");
  }

  /** Drops the token, so the next call authenticates again. */
  public synchronized void forget() {
    token = null;
  }

  private static Request withToken(Request request, String token) {
    return request.newBuilder().header("token", token).build();
  }

  @Override
  public String toString() {
    return "V3TokenInterceptor{username=" + username + "}";
  }
}
