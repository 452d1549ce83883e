package link.etcd.internal.http;

import java.io.IOException;
import java.net.ProtocolException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Follows etcd's redirects without ever changing the method: a 307 or 308 is replayed with the same
 * method and body; a 301, 302 or 303 is followed only for GET and HEAD. Any other redirect is
 * handed back to the caller, which reports it. OkHttp's own redirect handling must be off, as it
 * turns a redirected PUT into a GET.
 */
public final class RedirectInterceptor implements Interceptor {
  static final int MAX_REDIRECTS = 5;

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Response response = chain.proceed(request);
    for (int hops = 0; ; hops++) {
      Request next = followUp(request, response);
      if (next == null) {
        return response;
      }
      if (hops == MAX_REDIRECTS) {
        response.close();
        throw new ProtocolException(
            "Too many redirects (over " + MAX_REDIRECTS + ") from " + chain.request().url());
      }
      response.close();
      request = next;
      response = chain.proceed(request);
    }
  }

  private static @Nullable Request followUp(Request request, Response response) {
    int code = response.code();
    boolean keepsMethod = code == 307 || code == 308;
    boolean safeMethod = request.method().equals("GET") || request.method().equals("HEAD");
    if (!keepsMethod && !((code == 301 || code == 302 || code == 303) && safeMethod)) {
      return null;
    }
    String location = response.header("Location");
    HttpUrl target = location == null ? null : request.url().resolve(location);
    if (target == null || !target.scheme().equals(request.url().scheme())) {
      return null;
    }
    Request.Builder next = request.newBuilder().url(target);
    if (!sameOrigin(request.url(), target)) {
      next.removeHeader("Authorization");
    }
    return next.build();
  }

  private static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.host().equals(b.host()) && a.port() == b.port();
  }
}
