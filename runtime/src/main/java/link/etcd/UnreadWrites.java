package link.etcd;

import java.io.IOException;
import java.util.function.Consumer;
import link.etcd.internal.Keys;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The writes and deletes of {@link EtcdApi} whose answer nobody reads, such as the many requests of a tree write:
 * the same requests (method, URL, form body, headers) as the Retrofit interface defines, built straight onto
 * OkHttp without Retrofit's per-call work, sent on the same client (so failover, cluster-id checks, auth and TLS
 * apply alike), and answered with a callback rather than a future. A successful answer is closed unread; any other
 * answer or failure becomes the {@link EtcdException} the Retrofit path would raise.
 */
final class UnreadWrites {
  private static final String KEYS = "keys";

  private final Transport transport;

  UnreadWrites(Transport transport) {
    this.transport = transport;
  }

  /** Sends what {@link EtcdApi#put} sends for these arguments; {@code done} gets {@code null} or the failure. */
  void put(String key, @Nullable String value, WriteOptions options, Consumer<@Nullable RuntimeException> done) {
    FormBody.Builder form = new FormBody.Builder();
    add(form, "value", value);
    add(form, "ttl", options.ttl() == null ? null : WriteOptions.seconds(options.ttl()));
    add(form, "dir", flag(options.dir()));
    add(form, "prevExist", options.prevExist());
    add(form, "prevValue", options.prevValue());
    add(form, "prevIndex", options.prevIndex());
    add(form, "refresh", flag(options.refresh()));
    send(new Request.Builder().url(keyUrl(key).build()).put(form.build()).build(), done);
  }

  /** Sends what {@link EtcdApi#delete} sends for these arguments; {@code done} gets {@code null} or the failure. */
  void delete(String key, DeleteOptions options, Consumer<@Nullable RuntimeException> done) {
    HttpUrl.Builder url = keyUrl(key);
    query(url, "recursive", flag(options.recursive()));
    query(url, "dir", flag(options.dir()));
    query(url, "prevValue", options.prevValue());
    query(url, "prevIndex", options.prevIndex());
    send(new Request.Builder().url(url.build()).method("DELETE", null).build(), done);
  }

  private HttpUrl.Builder keyUrl(String key) {
    HttpUrl.Builder url = transport.baseUrl().newBuilder(KEYS + Keys.encode(key));
    if (url == null) {
      throw new IllegalArgumentException("Not a key: " + key);
    }
    return url;
  }

  private void send(Request request, Consumer<@Nullable RuntimeException> done) {
    Transport.checkTargetLength(request);
    transport.http().newCall(request).enqueue(new Callback() {
      @Override
      public void onResponse(Call call, Response response) {
        RuntimeException failure = null;
        try (response) {
          if (!response.isSuccessful()) {
            failure = transport.httpError(retrofit2.Response.error(response.body(), response));
          }
        } catch (RuntimeException e) {
          failure = e;
        }
        done.accept(failure);
      }

      @Override
      public void onFailure(Call call, IOException e) {
        done.accept(transport.failure(request, e));
      }
    });
  }

  private static void add(FormBody.Builder form, String name, @Nullable Object value) {
    if (value != null) {
      form.add(name, value.toString());
    }
  }

  private static void query(HttpUrl.Builder url, String name, @Nullable Object value) {
    if (value != null) {
      url.addQueryParameter(name, value.toString());
    }
  }

  private static @Nullable Boolean flag(boolean value) {
    return value ? Boolean.TRUE : null;
  }
}
