package link.etcd.internal.http;

import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * Names the server behind a URL for error messages about the wrong API: {@code GET /version} on the
 * same endpoint, asked only after an answer showed the API is missing.
 */
public final class ServerVersion {
  private static final long TIMEOUT_SECONDS = 5;

  private final OkHttpClient http;

  /** Asked for the adapter of the answer when one is read: most clients never need it. */
  private final Moshi moshi;

  public ServerVersion(OkHttpClient http, Moshi moshi) {
    // HTTP/1.1 even beside gRPC: etcd hands every HTTP/2 connection without TLS to its gRPC server.
    this.http =
        http.newBuilder()
            .protocols(List.of(Protocol.HTTP_1_1))
            .callTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
            .build();
    this.moshi = moshi;
  }

  /**
   * {@return "etcd 3.6.1 at http://h:2379", or "The server at http://h:2379" when it does not say}
   */
  public String describe(HttpUrl url) {
    String origin = origin(url);
    String version = version(url);
    return version == null ? "The server at " + origin : "etcd " + version + " at " + origin;
  }

  /**
   * {@return the {@code etcdserver} version the server behind {@code url} reports, or {@code null}}
   */
  public @Nullable String version(HttpUrl url) {
    HttpUrl target = url.newBuilder().encodedPath("/version").query(null).build();
    try (Response response = http.newCall(new Request.Builder().url(target).build()).execute()) {
      ResponseBody body = response.body();
      if (!response.isSuccessful()) {
        return null;
      }
      VersionJson version = moshi.adapter(VersionJson.class).fromJson(body.source());
      return version == null || version.etcdserver.isEmpty() ? null : version.etcdserver;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  public static String origin(HttpUrl url) {
    return url.scheme()
        + "://"
        + (url.host().contains(":") ? "[" + url.host() + "]" : url.host())
        + ":"
        + url.port();
  }

  /** The answer of {@code GET /version}; only the server's version is read. */
  static final class VersionJson {
    String etcdserver = "";
  }
}
