package link.etcd.internal.v2;

import com.squareup.moshi.Moshi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import link.etcd.DeleteOptions;
import link.etcd.EtcdMember;
import link.etcd.EtcdResponse;
import link.etcd.EtcdSettings;
import link.etcd.EtcdVersion;
import link.etcd.ReadOptions;
import link.etcd.WriteOptions;
import link.etcd.internal.Keys;
import link.etcd.internal.TtlSeconds;
import link.etcd.internal.http.Exchange;
import link.etcd.internal.http.LazyService;
import link.etcd.internal.http.Transport;
import link.etcd.internal.v2.V2Json.HealthJson;
import link.etcd.internal.v2.V2Json.MemberJson;
import link.etcd.internal.v2.V2Json.MembersJson;
import link.etcd.internal.v2.V2Json.VersionJson;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * The calls of etcd's v2 API behind {@link EtcdClient}: each one built from its arguments (checked
 * first) and paired with the reading of its answer into the public records, ready to run blocking
 * or asynchronously. Once closed, every new call is refused.
 */
public final class V2Calls implements LeanWritePath, AutoCloseable {
  private final EtcdSettings settings;
  private final Transport transport;
  private final UnreadWrites unread;
  private final LazyService<EtcdApi> api;
  private final LazyService<EtcdApi> watchApi;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Creates the calls of one client.
   *
   * @param settings where etcd is and how to reach it
   * @param settingsNote what a connection error adds about the {@code middleware.conf} files read,
   *     or {@code null}
   */
  public V2Calls(EtcdSettings settings, @Nullable String settingsNote) {
    this.settings = settings;
    this.transport = new Transport(settings, settingsNote, new V2Wire(settings));
    this.unread = new UnreadWrites(transport);
    this.api = new LazyService<>(() -> retrofit(transport.http()));
    // Watches hear etcd's index as soon as the headers of a long poll arrive.
    this.watchApi =
        new LazyService<>(
            () ->
                retrofit(
                    transport
                        .watchHttp()
                        .newBuilder()
                        .addNetworkInterceptor(new IndexHeaderInterceptor())
                        .build()));
  }

  /** The keys API over {@code client}, its answers read by {@link KeysAnswers}. */
  private EtcdApi retrofit(OkHttpClient client) {
    return new Retrofit.Builder()
        .baseUrl(transport.baseUrl())
        .client(client)
        .addConverterFactory(KeysAnswers.CONVERTERS)
        .addConverterFactory(MoshiConverterFactory.create(new Moshi.Builder().build()))
        .build()
        .create(EtcdApi.class);
  }

  public Exchange<EtcdResponse> read(String key, ReadOptions options) {
    return keys(
        api()
            .get(
                Keys.encode(key),
                flag(options.recursive()),
                flag(options.sorted()),
                quorum(options),
                null,
                null));
  }

  /**
   * Reads {@code key} and everything under it, sorted, as {@link #read} does with those options:
   * the same request, sent straight onto OkHttp, and the same answer. For the tree writer's look at
   * what is stored, which so needs none of Retrofit's set-up (costly in a fresh JVM).
   */
  @Override
  public EtcdResponse readTree(String key) {
    checkOpen();
    HttpUrl.Builder url = transport.baseUrl().newBuilder("keys" + Keys.encode(key));
    if (url == null) {
      throw new IllegalArgumentException("Not a key: " + key);
    }
    url.addQueryParameter("recursive", "true").addQueryParameter("sorted", "true");
    if (settings.quorumReads()) {
      url.addQueryParameter("quorum", "true");
    }
    return transport.executeRead(
        new Request.Builder().url(url.build()).build(),
        (body, headers) -> Nodes.response(KeysAnswers.read(body), headers));
  }

  /**
   * Reads {@code key} and everything under it, decoded straight into plain values by {@link
   * TreeDecoder}. etcd is not asked to sort (its sort of a big tree costs a quarter of the answer's
   * time); the decoder orders each directory's children itself.
   */
  public Object readValues(String key) {
    ReadOptions tree = ReadOptions.defaults().withRecursive(true);
    Call<ResponseBody> call =
        api().getStreaming(Keys.encode(key), Boolean.TRUE, null, quorum(tree));
    return transport.executeStreaming(call, (body, headers) -> TreeDecoder.INSTANCE.decode(body));
  }

  public Exchange<EtcdResponse> write(String key, @Nullable String value, WriteOptions options) {
    checkWrite(key, value, options);
    return keys(
        api()
            .put(
                Keys.encode(key),
                value,
                ttlSeconds(options.ttl()),
                flag(options.dir()),
                options.prevExist(),
                options.prevValue(),
                options.prevIndex(),
                flag(options.refresh())));
  }

  /** Sends the request of {@link #write} and does not read its answer. */
  @Override
  public void writeUnread(String key, @Nullable String value, WriteOptions options) {
    checkWrite(key, value, options);
    checkOpen();
    unread.put(key, value, options);
  }

  /** Sends the request of {@link #delete} and does not read its answer. */
  @Override
  public void deleteUnread(String key, DeleteOptions options) {
    checkValues(key, null, options.prevValue());
    checkOpen();
    unread.delete(key, options);
  }

  /**
   * Runs {@code task} on one of the call threads.
   *
   * @throws IllegalStateException when the client is closed
   */
  @Override
  public void runOnCallThread(Runnable task) {
    checkOpen();
    try {
      transport.runOnCallThread(task);
    } catch (RejectedExecutionException closed) {
      throw new IllegalStateException("This EtcdClient is closed; create a new one", closed);
    }
  }

  private static void checkWrite(String key, @Nullable String value, WriteOptions options) {
    if (options.dir() && value != null) {
      throw new IllegalArgumentException(
          "A directory has no value; pass null as the value of " + key);
    }
    if (!options.dir() && !options.refresh() && value == null) {
      throw new IllegalArgumentException(
          "value == null for " + key + "; only directories and refreshes have none");
    }
    checkValues(key, value, options.prevValue());
  }

  public Exchange<EtcdResponse> append(String key, String value, @Nullable Duration ttl) {
    checkValues(key, value, null);
    return keys(api().post(Keys.encode(key), value, ttlSeconds(ttl), null));
  }

  public Exchange<EtcdResponse> delete(String key, DeleteOptions options) {
    checkValues(key, null, options.prevValue());
    return keys(
        api()
            .delete(
                Keys.encode(key),
                flag(options.recursive()),
                flag(options.dir()),
                options.prevValue(),
                options.prevIndex()));
  }

  /**
   * A wait for the next change at or after {@code waitIndex}, on the watch dispatcher, not bounded
   * in time.
   */
  public Exchange<EtcdResponse> watch(String key, long waitIndex, boolean recursive) {
    return keys(watchCall(key, waitIndex, recursive));
  }

  /**
   * Like {@link #watch}, but given up after {@code timeout}; {@code onIndex} hears etcd's index as
   * soon as the answer's headers arrive, while etcd waits for a change.
   */
  public Exchange<EtcdResponse> poll(
      String key, long waitIndex, boolean recursive, Duration timeout, LongConsumer onIndex) {
    checkOpen();
    return keys(
        bounded(
            watchApi
                .get()
                .poll(
                    Keys.encode(key),
                    flag(recursive),
                    true,
                    waitIndex == 0 ? null : waitIndex,
                    onIndex),
            timeout));
  }

  /** A read of {@code key} on the watch dispatcher, given up after {@code timeout}. */
  public Exchange<EtcdResponse> snapshot(String key, boolean recursive, Duration timeout) {
    checkOpen();
    return keys(
        bounded(
            watchApi
                .get()
                .get(Keys.encode(key), flag(recursive), flag(recursive), null, null, null),
            timeout));
  }

  private Call<ResponseJson> watchCall(String key, long waitIndex, boolean recursive) {
    if (waitIndex < 0) {
      throw new IllegalArgumentException(
          "waitIndex must be 0 (from now) or positive but was " + waitIndex);
    }
    checkOpen();
    return watchApi
        .get()
        .get(
            Keys.encode(key), flag(recursive), null, null, true, waitIndex == 0 ? null : waitIndex);
  }

  private static <T> Call<T> bounded(Call<T> call, Duration timeout) {
    call.timeout().timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return call;
  }

  public Exchange<List<EtcdMember>> members() {
    return transport.exchange(api().members(), transport.onSuccess(V2Calls::members));
  }

  private static List<EtcdMember> members(Response<MembersJson> response) {
    MembersJson body = response.body();
    List<EtcdMember> members = new ArrayList<>();
    if (body != null && body.members() != null) {
      for (MemberJson member : body.members()) {
        members.add(
            new EtcdMember(
                member.id() == null ? "" : member.id(),
                member.name() == null ? "" : member.name(),
                member.peerURLs() == null ? List.of() : member.peerURLs(),
                member.clientURLs() == null ? List.of() : member.clientURLs()));
      }
    }
    return List.copyOf(members);
  }

  public Exchange<Map<String, Object>> selfStats() {
    return jsonObject(api().selfStats());
  }

  public Exchange<Map<String, Object>> leaderStats() {
    return jsonObject(api().leaderStats());
  }

  public Exchange<Map<String, Object>> storeStats() {
    return jsonObject(api().storeStats());
  }

  private Exchange<Map<String, Object>> jsonObject(Call<Map<String, Object>> call) {
    return transport.exchange(
        call,
        transport.onSuccess(
            response -> {
              Map<String, Object> body = response.body();
              return body == null ? Map.of() : body;
            }));
  }

  public Exchange<EtcdVersion> version() {
    return transport.exchange(api().version(), transport.onSuccess(V2Calls::version));
  }

  private static EtcdVersion version(Response<VersionJson> response) {
    VersionJson body = response.body();
    if (body == null || body.etcdserver() == null) {
      throw new IllegalStateException("no etcdserver field");
    }
    return new EtcdVersion(body.etcdserver(), body.etcdcluster() == null ? "" : body.etcdcluster());
  }

  /** etcd's health; an HTTP 503 is an answer here ({@code false}), not an error. */
  public Exchange<Boolean> health() {
    return transport.exchange(api().health(), this::health);
  }

  private boolean health(Response<HealthJson> response) {
    if (response.isSuccessful()) {
      HealthJson body = response.body();
      return body != null && "true".equals(body.health());
    }
    if (response.code() == 503) {
      return false;
    }
    throw transport.httpError(response);
  }

  private Exchange<EtcdResponse> keys(Call<ResponseJson> call) {
    return transport.exchange(
        call,
        transport.onSuccess(
            response -> {
              ResponseJson body = response.body();
              if (body == null) {
                throw new IllegalStateException("empty body");
              }
              return Nodes.response(body, response.headers());
            }));
  }

  private EtcdApi api() {
    checkOpen();
    return api.get();
  }

  private @Nullable Boolean quorum(ReadOptions options) {
    return flag(options.quorum() || settings.quorumReads());
  }

  public void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("This EtcdClient is closed; create a new one");
    }
  }

  public boolean closed() {
    return closed.get();
  }

  /**
   * Refuses, before any I/O, a value or {@code prevValue} that cannot be sent (see {@link
   * Keys#checkValue}).
   */
  private static void checkValues(String key, @Nullable String value, @Nullable String prevValue) {
    if (value != null) {
      Keys.checkValue(value, Keys.normalize(key));
    }
    if (prevValue != null) {
      Keys.checkValue(prevValue, Keys.normalize(key));
    }
  }

  private static @Nullable Boolean flag(boolean value) {
    return value ? Boolean.TRUE : null;
  }

  private static @Nullable Long ttlSeconds(@Nullable Duration ttl) {
    return ttl == null ? null : TtlSeconds.of(ttl);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      transport.close();
    }
  }
}
