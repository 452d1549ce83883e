package link.etcd.internal.v2;

import java.io.IOException;
import java.util.function.LongConsumer;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Hands a request's {@code LongConsumer} tag the answer's {@code X-Etcd-Index} as soon as the
 * headers arrive, before the body: etcd sends a long poll's headers at once, so a {@link Watcher}
 * learns etcd's index while it waits. A network interceptor of the watch client.
 */
public final class IndexHeaderInterceptor implements Interceptor {
  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    LongConsumer onIndex = chain.request().tag(LongConsumer.class);
    long index = Nodes.headerLong(response.headers(), "X-Etcd-Index");
    if (onIndex != null && index > 0) {
      onIndex.accept(index);
    }
    return response;
  }
}
