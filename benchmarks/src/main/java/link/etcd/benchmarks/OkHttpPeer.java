package link.etcd.benchmarks;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * The floor: plain OkHttp calls to etcd's v2 API without any of our layers. Write answers are read
 * but not parsed; tree reads are parsed with Moshi into plain maps. With {@code concurrency > 1} it
 * only writes trees, from that many threads at once over that many connections, which measures what
 * the server can take. With {@code parse} false it only reads trees, as bytes: what etcd's answer
 * costs before any decoding; with {@code concurrency > 1} as well, the tree is read in parts (its
 * directory, then each child directory, that many at once), which lets etcd build the parts on
 * several cores.
 */
final class OkHttpPeer implements Peer {
  private final String base;
  private final int concurrency;
  private final boolean parse;
  private final OkHttpClient http;
  private @Nullable JsonAdapter<Object> json; // made at the first tree read: a cold set needs none
  private final List<String[]> leaves = Trees.SMALL.leaves();
  private final ExecutorService threads;

  OkHttpPeer(String host, int port, int concurrency, boolean parse) {
    this.base = "http://" + host + ":" + port + "/v2/keys";
    this.concurrency = concurrency;
    this.parse = parse;
    // The same pool as link-etcd's default (per_host_pool_size 10), so a watch and a write each
    // keep their own.
    http =
        new OkHttpClient.Builder()
            .connectionPool(new ConnectionPool(Math.max(concurrency, 10), 5, TimeUnit.MINUTES))
            .build();
    threads = Executors.newFixedThreadPool(concurrency);
  }

  @Override
  public String name() {
    if (!parse) {
      return concurrency == 1 ? "etcd's answer alone" : "etcd's answer in parts";
    }
    return concurrency == 1 ? "plain OkHttp" : "plain OkHttp ×" + concurrency;
  }

  @Override
  public boolean supports(Work work) {
    if (!parse) {
      return work == Work.GET_2000 || work == Work.GET_20000;
    }
    return concurrency == 1 || work == Work.TREE_SET;
  }

  @Override
  public double run(Work work, String key) throws Exception {
    if (work == Work.WATCH) {
      return watchLatency(key);
    }
    long start = System.nanoTime();
    switch (work) {
      case SEQUENTIAL_PUTS -> {
        for (int i = 0; i < Work.PUTS; i++) {
          put(key + "/k" + i, "value-" + i);
        }
      }
      case TREE_SET -> setTree(key);
      case GET_2000, GET_20000 -> getTree(key);
      case DELETE ->
          execute(new Request.Builder().url(base + key + "?recursive=true").delete().build());
      default -> throw new IllegalArgumentException(work.name());
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private void setTree(String key) throws Exception {
    AtomicInteger next = new AtomicInteger();
    Future<?>[] workers = new Future<?>[concurrency];
    for (int w = 0; w < concurrency; w++) {
      workers[w] =
          threads.submit(
              () -> {
                for (int i = next.getAndIncrement();
                    i < leaves.size();
                    i = next.getAndIncrement()) {
                  put(key + leaves.get(i)[0], leaves.get(i)[1]);
                }
                return null;
              });
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
  }

  private @Nullable Object getTree(String key) throws Exception {
    if (!parse && concurrency > 1) {
      return getInParts(key);
    }
    Request request = new Request.Builder().url(base + key + "?recursive=true&sorted=true").build();
    try (Response response = http.newCall(request).execute()) {
      check(response);
      if (!parse) {
        return response.body().bytes();
      }
      return json().fromJson(response.body().source());
    }
  }

  /**
   * Reads the directory {@code key} without recursion, then each child directory recursively,
   * {@link #concurrency} at once, as bytes; returns the bytes received.
   */
  private long getInParts(String key) throws Exception {
    Request listing = new Request.Builder().url(base + key).build();
    Map<?, ?> node;
    try (Response response = http.newCall(listing).execute()) {
      check(response);
      node = (Map<?, ?>) ((Map<?, ?>) json().fromJson(response.body().source())).get("node");
    }
    List<Future<Integer>> parts = new ArrayList<>();
    for (Object child : (List<?>) node.get("nodes")) {
      String childKey = (String) ((Map<?, ?>) child).get("key");
      Request part =
          new Request.Builder().url(base + childKey + "?recursive=true&sorted=true").build();
      parts.add(
          threads.submit(
              () -> {
                try (Response response = http.newCall(part).execute()) {
                  check(response);
                  return response.body().bytes().length;
                }
              }));
    }
    long bytes = 0;
    for (Future<Integer> part : parts) {
      bytes += part.get();
    }
    return bytes;
  }

  private JsonAdapter<Object> json() {
    if (json == null) {
      json = new Moshi.Builder().build().adapter(Object.class);
    }
    return json;
  }

  private long put(String key, String value) throws IOException {
    Request request =
        new Request.Builder()
            .url(base + key)
            .put(new FormBody.Builder().add("value", value).build())
            .build();
    return execute(request);
  }

  /** Runs {@code request}, reads the answer, and returns etcd's index from its header. */
  private long execute(Request request) throws IOException {
    try (Response response = http.newCall(request).execute()) {
      check(response);
      response.body().bytes();
      return Long.parseLong(response.header("X-Etcd-Index", "0"));
    }
  }

  private static void check(Response response) throws IOException {
    if (!response.isSuccessful()) {
      throw new IOException(
          response.request().method()
              + " "
              + response.request().url()
              + " answered "
              + response.code()
              + ": "
              + response.body().string());
    }
  }

  private double watchLatency(String key) throws Exception {
    long index = put(key, "start");
    long[] latencies = new long[WATCH_CHANGES];
    for (int i = 0; i < WATCH_CHANGES; i++) {
      HttpUrl url = HttpUrl.get(base + key + "?wait=true&waitIndex=" + (index + 1));
      CompletableFuture<byte[]> event = new CompletableFuture<>();
      http.newCall(new Request.Builder().url(url).build())
          .enqueue(
              new Callback() {
                @Override
                public void onResponse(Call call, Response response) {
                  try (ResponseBody body = response.body()) {
                    event.complete(body.bytes());
                  } catch (IOException e) {
                    event.completeExceptionally(e);
                  }
                }

                @Override
                public void onFailure(Call call, IOException e) {
                  event.completeExceptionally(e);
                }
              });
      long start = System.nanoTime();
      index = put(key, "change-" + i);
      event.get();
      latencies[i] = System.nanoTime() - start;
    }
    return Peer.medianSeconds(latencies);
  }

  @Override
  public void close() {
    threads.shutdown();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
