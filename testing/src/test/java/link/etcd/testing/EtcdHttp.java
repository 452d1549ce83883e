package link.etcd.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Minimal HTTP calls against an etcd under test, using only the JDK client. */
final class EtcdHttp {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .proxy(HttpClient.Builder.NO_PROXY)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private EtcdHttp() {}

  static HttpResponse<String> get(EtcdProcess etcd, String path)
      throws IOException, InterruptedException {
    return CLIENT.send(request(etcd, path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> putValue(EtcdProcess etcd, String key, String value)
      throws IOException, InterruptedException {
    HttpRequest put =
        request(etcd, "/v2/keys/" + key)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .PUT(HttpRequest.BodyPublishers.ofString("value=" + value))
            .build();
    return CLIENT.send(put, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(EtcdProcess etcd, String path) {
    return HttpRequest.newBuilder(URI.create(etcd.clientUrl() + path))
        .timeout(Duration.ofSeconds(5));
  }
}
