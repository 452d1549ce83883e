package link.etcd.internal.v2;

import link.etcd.DeleteOptions;
import link.etcd.WriteOptions;
import link.etcd.internal.Keys;
import link.etcd.internal.TtlSeconds;
import link.etcd.internal.http.Transport;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * The writes and deletes of {@link EtcdApi} whose answer nobody reads, such as the many requests of
 * a tree write: the same requests (method, URL, form body, headers) as the Retrofit interface
 * defines, built straight onto OkHttp without Retrofit's per-call work and sent on the calling
 * thread through the same client (so failover, cluster-id checks, auth and TLS apply alike), with
 * no future and no dispatcher thread between request and answer. A successful answer is closed
 * unread; any other answer or failure becomes the {@link EtcdException} the Retrofit path would
 * raise, and an interrupt of the calling thread cancels the request as it cancels a blocking call.
 * {@code UnreadWritesRequestTest} holds both paths to the same requests.
 */
public final class UnreadWrites {
  private static final String KEYS = "keys";

  private final Transport transport;

  UnreadWrites(Transport transport) {
    this.transport = transport;
  }

  /**
   * Sends what {@link EtcdApi#put} sends for these arguments; on the calling thread; throws what it
   * would.
   */
  void put(String key, @Nullable String value, WriteOptions options) {
    FormBody.Builder form = new FormBody.Builder();
    add(form, "value", value);
    add(form, "ttl", options.ttl() == null ? null : TtlSeconds.of(options.ttl()));
    add(form, "dir", flag(options.dir()));
    add(form, "prevExist", options.prevExist());
    add(form, "prevValue", options.prevValue());
    add(form, "prevIndex", options.prevIndex());
    add(form, "refresh", flag(options.refresh()));
    send(new Request.Builder().url(keyUrl(key).build()).put(form.build()).build());
  }

  /**
   * Sends what {@link EtcdApi#delete} sends for these arguments; on the calling thread; throws what
   * it would.
   */
  void delete(String key, DeleteOptions options) {
    HttpUrl.Builder url = keyUrl(key);
    query(url, "recursive", flag(options.recursive()));
    query(url, "dir", flag(options.dir()));
    query(url, "prevValue", options.prevValue());
    query(url, "prevIndex", options.prevIndex());
    send(new Request.Builder().url(url.build()).method("DELETE", null).build());
  }

  private HttpUrl.Builder keyUrl(String key) {
    HttpUrl.Builder url = transport.baseUrl().newBuilder(KEYS + Keys.encode(key));
    if (url == null) {
      throw new IllegalArgumentException("Not a key: " + key);
    }
    return url;
  }

  private void send(Request request) {
    transport.executeUnread(request);
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
