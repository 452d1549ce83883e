package link.etcd;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import link.etcd.internal.EtcdApi;
import link.etcd.internal.HealthJson;
import link.etcd.internal.JsonBodyDecoder;
import link.etcd.internal.Keys;
import link.etcd.internal.MemberJson;
import link.etcd.internal.MembersJson;
import link.etcd.internal.ResponseJson;
import link.etcd.internal.StreamingReads;
import link.etcd.internal.VersionJson;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.Response;

/**
 * A client of etcd's v2 keys API, at the level of python-etcd: read, write, append, delete, compare-and-swap,
 * watch, members, stats, version and health. Every operation has a blocking form and an {@code ...Async} form
 * returning a {@link CompletableFuture} (cancelling it cancels the request).
 *
 * <pre>{@code
 * try (EtcdClient client = new EtcdClient(EtcdSettings.builder().port(2379).build())) {
 *   client.write("/config/port", "8080");
 *   EtcdResponse read = client.read("/config", ReadOptions.defaults().withRecursive(true));
 *   client.compareAndSwap("/config/port", "9090", "8080");
 * }
 * }</pre>
 *
 * <p>Keys get a leading {@code /} when they lack one; each segment is percent-encoded, so any character but
 * {@code /} and control characters can be used. {@code .}, {@code ..} and empty segments are refused with an
 * {@link IllegalArgumentException} before any I/O. Keys whose last segment starts with {@code _} are hidden: etcd
 * v2 leaves them out of directory listings.
 *
 * <p>Failures are unchecked {@link EtcdException}s whose {@link EtcdError} is chosen by etcd's {@code errorCode}. A client is safe for use
 * by many threads; construction does no I/O; {@link #close()} releases its threads and connections.
 *
 * <p>With {@link EtcdSettings#allowReconnect()}, a call that fails on one endpoint moves to the next only when
 * that is safe: when it surely did not reach a server, or when it is idempotent (a read, a plain write, a
 * compare-and-swap by index). An append, a create-only write, a compare-and-swap by value or a delete whose
 * answer was lost raises {@link EtcdIndeterminateException} instead. Every answer's cluster id is checked
 * ({@link EtcdClusterIdChangedException}).
 */
public final class EtcdClient implements AutoCloseable {
  private static final WriteOptions MKDIR = WriteOptions.defaults().withDir(true).withPrevExist(false);

  static {
    StreamingReads.install(new StreamingReads() {
      @Override
      public <R> R read(EtcdClient client, String key, ReadOptions options, JsonBodyDecoder<R> decoder) {
        Call<ResponseBody> call = client.api().getStreaming(Keys.encode(key), flag(options.recursive()),
            flag(options.sorted()), flag(options.quorum() || client.settings.quorumReads()));
        return client.transport.executeStreaming(call, decoder);
      }
    });
  }

  private final EtcdSettings settings;
  private final Transport transport;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Creates a client; no connection is made until the first call.
   *
   * @param settings where etcd is and how to reach it
   */
  public EtcdClient(EtcdSettings settings) {
    this.settings = settings;
    this.transport = new Transport(settings);
  }

  /** {@return the settings this client was built with} */
  public EtcdSettings settings() {
    return settings;
  }

  /**
   * Reads {@code key}: a key's value, or a directory with its direct children.
   *
   * @param key the key, such as {@code /config/db}
   * @return etcd's answer, holding the node read
   * @throws EtcdKeyNotFoundException when nothing is stored at {@code key}
   */
  public EtcdResponse read(String key) {
    return read(key, ReadOptions.defaults());
  }

  /**
   * Reads {@code key} with {@code options}.
   *
   * @param key the key, such as {@code /config/db}
   * @param options recursive, sorted, quorum
   * @return etcd's answer, holding the node read
   * @throws EtcdKeyNotFoundException when nothing is stored at {@code key}
   */
  public EtcdResponse read(String key, ReadOptions options) {
    return transport.execute(readCall(key, options), keysResponse());
  }

  /**
   * Reads {@code key} with {@code options}, asynchronously.
   *
   * @param key the key, such as {@code /config/db}
   * @param options recursive, sorted, quorum
   * @return a future of etcd's answer; it fails with the {@link EtcdException} the blocking call would throw
   */
  public CompletableFuture<EtcdResponse> readAsync(String key, ReadOptions options) {
    return transport.enqueue(readCall(key, options), keysResponse());
  }

  private Call<ResponseJson> readCall(String key, ReadOptions options) {
    return api().get(Keys.encode(key), flag(options.recursive()), flag(options.sorted()),
        flag(options.quorum() || settings.quorumReads()),
        null, null);
  }

  /**
   * Sets {@code key} to {@code value}, creating it and its parent directories as needed.
   *
   * @param key the key, such as {@code /config/db}
   * @param value the new value
   * @return etcd's answer, holding the node written and the previous one
   */
  public EtcdResponse write(String key, String value) {
    return write(key, value, WriteOptions.defaults());
  }

  /**
   * Writes {@code key} with {@code options}. {@code value} is {@code null} for a directory
   * ({@link WriteOptions#dir()}) and for a TTL refresh ({@link WriteOptions#refresh()}).
   *
   * @param key the key, such as {@code /config/db}
   * @param value the new value, or {@code null} for a directory or a refresh
   * @param options TTL, directory, conditions, refresh
   * @return etcd's answer, holding the node written and the previous one
   * @throws IllegalArgumentException when {@code value} is given for a directory or missing for a key
   * @throws EtcdCompareFailedException when a condition of {@code options} does not hold
   */
  public EtcdResponse write(String key, @Nullable String value, WriteOptions options) {
    return transport.execute(writeCall(key, value, options), keysResponse());
  }

  /**
   * Writes {@code key} with {@code options}, asynchronously.
   *
   * @param key the key, such as {@code /config/db}
   * @param value the new value, or {@code null} for a directory or a refresh
   * @param options TTL, directory, conditions, refresh
   * @return a future of etcd's answer; it fails with the {@link EtcdException} the blocking call would throw
   * @throws IllegalArgumentException when {@code value} is given for a directory or missing for a key
   */
  public CompletableFuture<EtcdResponse> writeAsync(String key, @Nullable String value, WriteOptions options) {
    return transport.enqueue(writeCall(key, value, options), keysResponse());
  }

  private Call<ResponseJson> writeCall(String key, @Nullable String value, WriteOptions options) {
    if (options.dir() && value != null) {
      throw new IllegalArgumentException("A directory has no value; pass null as the value of " + key);
    }
    if (!options.dir() && !options.refresh() && value == null) {
      throw new IllegalArgumentException("value == null for " + key + "; only directories and refreshes have none");
    }
    Duration ttl = options.ttl();
    return api().put(Keys.encode(key), value, ttlSeconds(ttl), flag(options.dir()),
        options.prevExist(), options.prevValue(), options.prevIndex(), flag(options.refresh()));
  }

  /**
   * Creates the directory {@code key} (with its parents); fails if it exists.
   *
   * @param key the directory, such as {@code /config}
   * @return etcd's answer, holding the new directory
   * @throws EtcdException when something is already stored at {@code key}
   */
  public EtcdResponse mkdir(String key) {
    return write(key, null, MKDIR);
  }

  /**
   * Like {@link #mkdir(String)}, asynchronously.
   *
   * @param key the directory, such as {@code /config}
   * @return a future of etcd's answer; it fails with the {@link EtcdException} the blocking call would throw
   */
  public CompletableFuture<EtcdResponse> mkdirAsync(String key) {
    return writeAsync(key, null, MKDIR);
  }

  /**
   * Adds {@code value} as a new in-order key under the directory {@code key}: etcd names it with the next
   * index, zero-padded to 20 digits, so items list in the order they were appended.
   *
   * @param key the directory to append to
   * @param value the value of the new item
   * @return the answer; {@code response.node().key()} is the key etcd created
   */
  public EtcdResponse append(String key, String value) {
    return append(key, value, null);
  }

  /**
   * Like {@link #append(String, String)}, with a time to live in whole seconds ({@code null} for none).
   *
   * @param key the directory to append to
   * @param value the value of the new item
   * @param ttl the item's time to live, or {@code null} for none
   * @return the answer; {@code response.node().key()} is the key etcd created
   */
  public EtcdResponse append(String key, String value, @Nullable Duration ttl) {
    return transport.execute(appendCall(key, value, ttl), keysResponse());
  }

  /**
   * Like {@link #append(String, String, Duration)}, asynchronously.
   *
   * @param key the directory to append to
   * @param value the value of the new item
   * @param ttl the item's time to live, or {@code null} for none
   * @return a future of etcd's answer; it fails with the {@link EtcdException} the blocking call would throw
   */
  public CompletableFuture<EtcdResponse> appendAsync(String key, String value, @Nullable Duration ttl) {
    return transport.enqueue(appendCall(key, value, ttl), keysResponse());
  }

  private Call<ResponseJson> appendCall(String key, String value, @Nullable Duration ttl) {
    return api().post(Keys.encode(key), value, ttlSeconds(ttl), null);
  }

  /**
   * Deletes the key {@code key} (not a directory: use {@link DeleteOptions#withRecursive}).
   *
   * @param key the key, such as {@code /config/db}
   * @return etcd's answer, holding the deleted node's previous state
   * @throws EtcdKeyNotFoundException when nothing is stored at {@code key}
   */
  public EtcdResponse delete(String key) {
    return delete(key, DeleteOptions.defaults());
  }

  /**
   * Deletes {@code key} with {@code options}.
   *
   * @param key the key, such as {@code /config/db}
   * @param options recursive, directory, conditions
   * @return etcd's answer, holding the deleted node's previous state
   * @throws EtcdKeyNotFoundException when nothing is stored at {@code key}
   * @throws EtcdCompareFailedException when a condition of {@code options} does not hold
   */
  public EtcdResponse delete(String key, DeleteOptions options) {
    return transport.execute(deleteCall(key, options), keysResponse());
  }

  /**
   * Deletes {@code key} with {@code options}, asynchronously.
   *
   * @param key the key, such as {@code /config/db}
   * @param options recursive, directory, conditions
   * @return a future of etcd's answer; it fails with the {@link EtcdException} the blocking call would throw
   */
  public CompletableFuture<EtcdResponse> deleteAsync(String key, DeleteOptions options) {
    return transport.enqueue(deleteCall(key, options), keysResponse());
  }

  private Call<ResponseJson> deleteCall(String key, DeleteOptions options) {
    return api().delete(Keys.encode(key), flag(options.recursive()), flag(options.dir()), options.prevValue(),
        options.prevIndex());
  }

  /**
   * Sets {@code key} to {@code value} only if its current value is {@code prevValue}.
   *
   * @param key the key, such as {@code /config/db}
   * @param value the new value
   * @param prevValue the value {@code key} must hold
   * @return etcd's answer, holding the node written and the previous one
   * @throws EtcdCompareFailedException when the value differs
   * @throws EtcdKeyNotFoundException when the key does not exist
   */
  public EtcdResponse compareAndSwap(String key, String value, String prevValue) {
    return write(key, value, WriteOptions.defaults().withPrevValue(prevValue));
  }

  /**
   * Sets {@code key} to {@code value} only if its modified index is {@code prevIndex}.
   *
   * @param key the key, such as {@code /config/db}
   * @param value the new value
   * @param prevIndex the modified index {@code key} must have, positive
   * @return etcd's answer, holding the node written and the previous one
   * @throws EtcdCompareFailedException when the index differs
   */
  public EtcdResponse compareAndSwap(String key, String value, long prevIndex) {
    return write(key, value, WriteOptions.defaults().withPrevIndex(prevIndex));
  }

  /**
   * Like {@link #compareAndSwap(String, String, String)}, asynchronously.
   *
   * @param key the key, such as {@code /config/db}
   * @param value the new value
   * @param prevValue the value {@code key} must hold
   * @return a future of etcd's answer; it fails with the {@link EtcdException} the blocking call would throw
   */
  public CompletableFuture<EtcdResponse> compareAndSwapAsync(String key, String value, String prevValue) {
    return writeAsync(key, value, WriteOptions.defaults().withPrevValue(prevValue));
  }

  /**
   * Like {@link #compareAndSwap(String, String, long)}, asynchronously.
   *
   * @param key the key, such as {@code /config/db}
   * @param value the new value
   * @param prevIndex the modified index {@code key} must have, positive
   * @return a future of etcd's answer; it fails with the {@link EtcdException} the blocking call would throw
   */
  public CompletableFuture<EtcdResponse> compareAndSwapAsync(String key, String value, long prevIndex) {
    return writeAsync(key, value, WriteOptions.defaults().withPrevIndex(prevIndex));
  }

  /**
   * Deletes {@code key} only if its current value is {@code prevValue}.
   *
   * @param key the key, such as {@code /config/db}
   * @param prevValue the value {@code key} must hold
   * @return etcd's answer, holding the deleted node's previous state
   * @throws EtcdCompareFailedException when the value differs
   */
  public EtcdResponse compareAndDelete(String key, String prevValue) {
    return delete(key, DeleteOptions.defaults().withPrevValue(prevValue));
  }

  /**
   * Deletes {@code key} only if its modified index is {@code prevIndex}.
   *
   * @param key the key, such as {@code /config/db}
   * @param prevIndex the modified index {@code key} must have, positive
   * @return etcd's answer, holding the deleted node's previous state
   * @throws EtcdCompareFailedException when the index differs
   */
  public EtcdResponse compareAndDelete(String key, long prevIndex) {
    return delete(key, DeleteOptions.defaults().withPrevIndex(prevIndex));
  }

  /**
   * Like {@link #compareAndDelete(String, String)}, asynchronously.
   *
   * @param key the key, such as {@code /config/db}
   * @param prevValue the value {@code key} must hold
   * @return a future of etcd's answer; it fails with the {@link EtcdException} the blocking call would throw
   */
  public CompletableFuture<EtcdResponse> compareAndDeleteAsync(String key, String prevValue) {
    return deleteAsync(key, DeleteOptions.defaults().withPrevValue(prevValue));
  }

  /**
   * Like {@link #compareAndDelete(String, long)}, asynchronously.
   *
   * @param key the key, such as {@code /config/db}
   * @param prevIndex the modified index {@code key} must have, positive
   * @return a future of etcd's answer; it fails with the {@link EtcdException} the blocking call would throw
   */
  public CompletableFuture<EtcdResponse> compareAndDeleteAsync(String key, long prevIndex) {
    return deleteAsync(key, DeleteOptions.defaults().withPrevIndex(prevIndex));
  }

  /**
   * Waits for the next change of {@code key} (or, when {@code recursive}, of anything under it) at or after
   * {@code waitIndex}, and returns it. The wait is not bounded by {@code read_timeout}; it runs on the watch
   * dispatcher, so it never holds back other calls.
   *
   * @param key the key, such as {@code /config/db}
   * @param waitIndex the first index to report, or {@code 0} for the next change from now
   * @param recursive whether a change anywhere under {@code key} counts
   * @return etcd's answer, holding the change's action and node
   * @throws EtcdException with {@link EtcdError#COMPACTED} when {@code waitIndex} is older than the events etcd
   *     keeps
   */
  public EtcdResponse watchOnce(String key, long waitIndex, boolean recursive) {
    return transport.execute(watchCall(key, waitIndex, recursive), keysResponse());
  }

  /**
   * Like {@link #watchOnce}, asynchronously; cancel the future to stop waiting.
   *
   * @param key the key, such as {@code /config/db}
   * @param waitIndex the first index to report, or {@code 0} for the next change from now
   * @param recursive whether a change anywhere under {@code key} counts
   * @return a future of etcd's answer; it fails with the {@link EtcdException} the blocking call would throw
   * @throws IllegalArgumentException when {@code waitIndex} is negative
   */
  public CompletableFuture<EtcdResponse> watchOnceAsync(String key, long waitIndex, boolean recursive) {
    return transport.enqueue(watchCall(key, waitIndex, recursive), keysResponse());
  }

  private Call<ResponseJson> watchCall(String key, long waitIndex, boolean recursive) {
    if (waitIndex < 0) {
      throw new IllegalArgumentException("waitIndex must be 0 (from now) or positive but was " + waitIndex);
    }
    checkOpen();
    return transport.watchApi().get(Keys.encode(key), flag(recursive), null, null, true,
        waitIndex == 0 ? null : waitIndex);
  }

  /**
   * Watches {@code key} with {@link WatchOptions#defaults()}: every change of that one key after this method
   * returns.
   *
   * @param key the key, such as {@code /config/db}
   * @param listener called with each event, on a watch thread
   * @return the running watcher; close it to stop
   */
  public Watcher watch(String key, Consumer<WatchEvent> listener) {
    return watch(key, WatchOptions.defaults(), listener);
  }

  /**
   * Watches {@code key} (with {@link WatchOptions#recursive()}, everything under it) and hands each change to
   * {@code listener} until the returned {@link Watcher} is closed; see {@link Watcher} for how it resumes after a
   * failure and resyncs when etcd dropped the changes it missed.
   *
   * <p>With {@link WatchOptions#fromIndex()} {@code 0} this method first reads {@code key} to learn etcd's
   * current index, so it fails at once when etcd cannot be reached, and every change made after it returns is
   * delivered.
   *
   * @param key the key, such as {@code /config/db}
   * @param options recursive, first index, poll timeout
   * @param listener called with each event, on a watch thread
   * @return the running watcher; close it to stop
   * @throws IllegalArgumentException when {@code key} is invalid
   */
  public Watcher watch(String key, WatchOptions options, Consumer<WatchEvent> listener) {
    String normalized = Keys.normalize(key);
    Keys.encode(normalized);
    checkOpen();
    long from = options.fromIndex();
    if (from == 0) {
      from = currentIndex(normalized) + 1;
    }
    Watcher watcher = new Watcher(this, normalized, options, from, listener);
    watcher.start();
    return watcher;
  }

  private long currentIndex(String key) {
    try {
      return read(key).etcdIndex();
    } catch (EtcdKeyNotFoundException e) {
      return e.index();
    }
  }

  /** One long poll of a {@link Watcher}, on the watch dispatcher, ended after {@code timeout}. */
  CompletableFuture<EtcdResponse> pollAsync(String key, long waitIndex, boolean recursive, Duration timeout) {
    return bounded(watchCall(key, waitIndex, recursive), timeout);
  }

  /** The read of a {@link Watcher}'s resync, on the watch dispatcher, ended after {@code timeout}. */
  CompletableFuture<EtcdResponse> snapshotAsync(String key, boolean recursive, Duration timeout) {
    checkOpen();
    return bounded(transport.watchApi().get(Keys.encode(key), flag(recursive), flag(recursive), null, null, null),
        timeout);
  }

  private CompletableFuture<EtcdResponse> bounded(Call<ResponseJson> call, Duration timeout) {
    call.timeout().timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return transport.enqueue(call, keysResponse());
  }

  /** {@return the members of the cluster} */
  public List<EtcdMember> members() {
    return transport.execute(api().members(), transport.onSuccess(EtcdClient::members));
  }

  /**
   * Like {@link #members()}, asynchronously.
   *
   * @return a future of what {@link #members()} returns; it fails with the exception that would throw
   */
  public CompletableFuture<List<EtcdMember>> membersAsync() {
    return transport.enqueue(api().members(), transport.onSuccess(EtcdClient::members));
  }

  private static List<EtcdMember> members(Response<MembersJson> response) {
    MembersJson body = response.body();
    List<EtcdMember> members = new ArrayList<>();
    if (body != null && body.members() != null) {
      for (MemberJson member : body.members()) {
        members.add(new EtcdMember(
            member.id() == null ? "" : member.id(),
            member.name() == null ? "" : member.name(),
            member.peerURLs() == null ? List.of() : member.peerURLs(),
            member.clientURLs() == null ? List.of() : member.clientURLs()));
      }
    }
    return List.copyOf(members);
  }

  /** {@return this member's statistics ({@code /v2/stats/self}) as JSON values (maps, lists, strings, doubles)} */
  public Map<String, Object> selfStats() {
    return transport.execute(api().selfStats(), transport.onSuccess(EtcdClient::jsonObject));
  }

  /**
   * Like {@link #selfStats()}, asynchronously.
   *
   * @return a future of what {@link #selfStats()} returns; it fails with the exception that would throw
   */
  public CompletableFuture<Map<String, Object>> selfStatsAsync() {
    return transport.enqueue(api().selfStats(), transport.onSuccess(EtcdClient::jsonObject));
  }

  /**
   * {@return the leader's view of its followers ({@code /v2/stats/leader}) as JSON values} Only the leader
   * answers; other members fail with an {@link EtcdException}.
   */
  public Map<String, Object> leaderStats() {
    return transport.execute(api().leaderStats(), transport.onSuccess(EtcdClient::jsonObject));
  }

  /**
   * Like {@link #leaderStats()}, asynchronously.
   *
   * @return a future of what {@link #leaderStats()} returns; it fails with the exception that would throw
   */
  public CompletableFuture<Map<String, Object>> leaderStatsAsync() {
    return transport.enqueue(api().leaderStats(), transport.onSuccess(EtcdClient::jsonObject));
  }

  /** {@return the store's operation counters ({@code /v2/stats/store}) as JSON values} */
  public Map<String, Object> storeStats() {
    return transport.execute(api().storeStats(), transport.onSuccess(EtcdClient::jsonObject));
  }

  /**
   * Like {@link #storeStats()}, asynchronously.
   *
   * @return a future of what {@link #storeStats()} returns; it fails with the exception that would throw
   */
  public CompletableFuture<Map<String, Object>> storeStatsAsync() {
    return transport.enqueue(api().storeStats(), transport.onSuccess(EtcdClient::jsonObject));
  }

  private static Map<String, Object> jsonObject(Response<Map<String, Object>> response) {
    Map<String, Object> body = response.body();
    return body == null ? Map.of() : body;
  }

  /** {@return the server's and the cluster's versions} */
  public EtcdVersion version() {
    return transport.execute(api().version(), transport.onSuccess(EtcdClient::version));
  }

  /**
   * Like {@link #version()}, asynchronously.
   *
   * @return a future of what {@link #version()} returns; it fails with the exception that would throw
   */
  public CompletableFuture<EtcdVersion> versionAsync() {
    return transport.enqueue(api().version(), transport.onSuccess(EtcdClient::version));
  }

  private static EtcdVersion version(Response<VersionJson> response) {
    VersionJson body = response.body();
    if (body == null || body.etcdserver() == null) {
      throw new IllegalStateException("no etcdserver field");
    }
    return new EtcdVersion(body.etcdserver(), body.etcdcluster() == null ? "" : body.etcdcluster());
  }

  /**
   * {@return whether the member answers {@code /health} with {@code "health":"true"}; an unhealthy member (HTTP
   * 503 with {@code "health":"false"}) gives {@code false}}
   *
   * @throws EtcdConnectionException when it cannot be reached
   */
  public boolean health() {
    return transport.execute(api().health(), this::health);
  }

  /**
   * Like {@link #health()}, asynchronously.
   *
   * @return a future of what {@link #health()} returns; it fails with the exception that would throw
   */
  public CompletableFuture<Boolean> healthAsync() {
    return transport.enqueue(api().health(), this::health);
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

  private Transport.Mapper<ResponseJson, EtcdResponse> keysResponse() {
    return transport.onSuccess(response -> {
      ResponseJson body = response.body();
      if (body == null) {
        throw new IllegalStateException("empty body");
      }
      return Nodes.response(body, response.headers());
    });
  }

  private EtcdApi api() {
    checkOpen();
    return transport.api();
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("This EtcdClient is closed; create a new one");
    }
  }

  private static @Nullable Boolean flag(boolean value) {
    return value ? Boolean.TRUE : null;
  }

  private static @Nullable Long ttlSeconds(@Nullable Duration ttl) {
    return ttl == null ? null : WriteOptions.seconds(ttl);
  }

  /** Cancels calls in flight and releases every thread and connection. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      transport.close();
    }
  }

  @Override
  public String toString() {
    return "EtcdClient{" + settings + (closed.get() ? ", closed" : "") + "}";
  }
}
