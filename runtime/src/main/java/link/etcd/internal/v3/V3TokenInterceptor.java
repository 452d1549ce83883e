package link.etcd.internal.v3;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import link.etcd.internal.http.ErrorBodies;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * v3 auth: {@code POST /v3/auth/authenticate {name,password}} gives a token, sent on every call as
 * {@code Authorization: <token>} (no {@code Bearer}: etcd before 3.5.32/3.6.13 refuses it). The
 * token is got on the first call, and again, once per call, when etcd answers that it is no longer
 * valid ("invalid auth token", gRPC code 16) or that the auth store changed since it was issued
 * ("revision of auth store is old", code 3). Neither the token nor the password is ever logged or
 * put in a message.
 */
public final class V3TokenInterceptor implements Interceptor {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final long MAX_ERROR_PEEK = 16 * 1024;

  private final HttpUrl authenticateUrl;
  private final String username;
  private final String password;
  private final JsonAdapter<V3Json.AuthenticateRequest> requestAdapter;
  private final JsonAdapter<V3Json.AuthenticateResponse> responseAdapter;
  private final JsonAdapter<V3Json.Error> errorAdapter;
  private @Nullable String token;

  public V3TokenInterceptor(HttpUrl baseUrl, String username, String password, Moshi moshi) {
    this.authenticateUrl = baseUrl.newBuilder().addPathSegments("auth/authenticate").build();
    this.username = username;
    this.password = password;
    this.requestAdapter = moshi.adapter(V3Json.AuthenticateRequest.class);
    this.responseAdapter = moshi.adapter(V3Json.AuthenticateResponse.class);
    this.errorAdapter = moshi.adapter(V3Json.Error.class);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String current = currentToken(chain, request);
    Response response = chain.proceed(withToken(request, current));
    if (response.isSuccessful() || !isStaleToken(response)) {
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
    V3Json.AuthenticateRequest body = new V3Json.AuthenticateRequest();
    body.name = username;
    body.password = password;
    HttpUrl url =
        request.url().newBuilder().encodedPath(authenticateUrl.encodedPath()).query(null).build();
    Request authenticate =
        new Request.Builder()
            .url(url)
            .post(RequestBody.create(requestAdapter.toJson(body), JSON))
            .build();
    try (Response response = chain.proceed(authenticate)) {
      ResponseBody answer = response.body();
      if (!response.isSuccessful()) {
        throw new V3AuthenticationException(url, response.code(), answer.string(), errorAdapter);
      }
      V3Json.AuthenticateResponse json = responseAdapter.fromJson(answer.source());
      if (json == null || json.token.isEmpty()) {
        throw new V3AuthenticationException(url, response.code(), "(no token)", errorAdapter);
      }
      return json.token;
    }
  }

  private boolean isStaleToken(Response response) throws IOException {
    V3Json.Error error = ErrorBodies.json(errorAdapter, response.peekBody(MAX_ERROR_PEEK).string());
    if (error == null) {
      return false;
    }
    String message = error.text();
    return error.grpcCode() == V3ErrorDecoder.UNAUTHENTICATED
            && message.contains("invalid auth token")
        || error.grpcCode() == V3ErrorDecoder.INVALID_ARGUMENT
            && message.contains("revision of auth store is old");
  }

  /** Drops the token, so the next call authenticates again. */
  public synchronized void forget() {
    token = null;
  }

  private static Request withToken(Request request, String token) {
    return request.newBuilder().header("Authorization", token).build();
  }

  @Override
  public String toString() {
    return "V3TokenInterceptor{username=" + username + "}";
  }
}
