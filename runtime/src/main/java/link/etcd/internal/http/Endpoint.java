package link.etcd.internal.http;

import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/** One place etcd answers: scheme, host and port. */
public record Endpoint(String scheme, String host, int port) {
  /**
   * Parses a member's client URL ({@code http://10.0.0.1:2379}), or returns {@code null} if it is
   * not one.
   */
  static @Nullable Endpoint parse(String url) {
    HttpUrl parsed = HttpUrl.parse(url);
    return parsed == null ? null : new Endpoint(parsed.scheme(), parsed.host(), parsed.port());
  }

  /**
   * Returns {@code url} sent to this endpoint instead: same path and query ({@code url} itself if
   * it is here).
   */
  HttpUrl rewrite(HttpUrl url) {
    if (url.port() == port && url.host().equals(host) && url.scheme().equals(scheme)) {
      return url;
    }
    return url.newBuilder().scheme(scheme).host(host).port(port).build();
  }

  @Override
  public String toString() {
    return scheme + "://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
