package link.etcd;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import link.etcd.internal.Keys;
import link.etcd.internal.v2.LeanWritePath;
import link.etcd.internal.v2.V2Calls;
import link.etcd.internal.v2.V2Watcher;
import org.jspecify.annotations.Nullable;

/**
 * A client of etcd's v2 keys API, at the level of python-etcd: read, write, append, delete,
 * compare-and-swap, watch, members, stats, version and health. Every operation has a blocking form
 * and an {@code ...Async} form returning a {@link CompletableFuture} (cancelling it cancels the
 * request).
 *
 * <pre>{@code
 * try (EtcdClient client = new EtcdClient(EtcdSettings.builder().port(2379).build())) {
 *   client.write("/config/port", "8080");
 *   EtcdResponse read = client.read("/config", ReadOptions.defaults().withRecursive(true));
 *   client.compareAndSwap("/config/port", "9090", "8080");
 * }
 * }</pre>
 *
 * <p>Keys get a leading {@code /} when they lack one; each segment is percent-encoded, so any
 * character but {@code /} and control characters can be used. {@code .}, {@code ..} and empty
 * segments are refused with an {@link IllegalArgumentException} before any I/O. Keys whose last
 * segment starts with {@code _} are hidden: etcd v2 leaves them out of directory listings.
 *
 * <p>Failures are unchecked {@link EtcdException}s whose {@link EtcdError} is chosen by etcd's
 * {@code errorCode}. A client is safe for use by many threads; construction does no I/O; {@link
 * #close()} releases its threads and connections.
 *
 * <p>With {@link EtcdSettings#allowReconnect()}, a call that fails on one endpoint moves to the
 * next only when that is safe: when it surely did not reach a server, or when it is idempotent (a
 * read, a plain write, a compare-and-swap by index). An append, a create-only write, a
 * compare-and-swap by value or a delete whose answer was lost raises {@link
 * EtcdIndeterminateException} instead. Every answer's cluster id is checked ({@link
 * EtcdClusterIdChangedException}).
 */
public final class EtcdClient implements AutoCloseable {
  private static final WriteOptions MKDIR =
      WriteOptions.defaults().withDir(true).withPrevExist(false);

  private final EtcdSettings settings;
  private final V2Calls calls;

  /**
   * Creates a client; no connection is made until the first call.
   *
   * @param settings where etcd is and how to reach it, with {@code api = v2}
   * @throws IllegalArgumentException when the settings say {@code api = v3}
   */
  public EtcdClient(EtcdSettings settings) {
    if (settings.api() != EtcdSettings.Api.V2) {
      throw new IllegalArgumentException(
          "EtcdClient speaks the v2 API, but the settings say api = v3; set api = v2, or use EtcdV3Client for v3");
    }
    this.settings = settings;
    this.calls = new V2Calls(settings, settings.filesNote());
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
    return calls.read(key, options).execute();
  }

  /**
   * Reads {@code key} with {@code options}, asynchronously.
   *
   * @param key the key, such as {@code /config/db}
   * @param options recursive, sorted, quorum
   * @return a future of etcd's answer; it fails with the {@link EtcdException} the blocking call
   *     would throw
   */
  public CompletableFuture<EtcdResponse> readAsync(String key, ReadOptions options) {
    return calls.read(key, options).enqueue();
  }

  /**
   * Reads {@code key} and everything under it as plain values, decoded as the answer streams in,
   * without building {@link EtcdNode}s: a key gives its {@code String} value; a directory gives a
   * {@code Map} keyed by each child's last segment, in key order, whatever the names look like.
   * {@code EtcdMiddleware.get} reads it, then turns directories of items {@code 1} to {@code n}
   * into lists. A tree of any depth is read. Quorum as {@link EtcdSettings#quorumReads()} says.
   *
   * @param key the key, such as {@code /config}
   * @return a {@code String} or a {@code Map<String, Object>}, nested
   * @throws EtcdKeyNotFoundException when nothing is stored at {@code key}
   */
  public Object readValues(String key) {
    return calls.readValues(key);
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
   * Writes {@code key} with {@code options}. {@code value} is {@code null} for a directory ({@link
   * WriteOptions#dir()}) and for a TTL refresh ({@link WriteOptions#refresh()}).
   *
   * @param key the key, such as {@code /config/db}
   * @param value the new value, or {@code null} for a directory or a refresh
   * @param options TTL, directory, conditions, refresh
   * @return etcd's answer, holding the node written and the previous one
   * @throws IllegalArgumentException when {@code value} is given for a directory or missing for a
   *     key
   * @throws EtcdCompareFailedException when a condition of {@code options} does not hold
   */
  public EtcdResponse write(String key, @Nullable String value, WriteOptions options) {
    return calls.write(key, value, options).execute();
  }

  /**
   * Writes {@code key} with {@code options}, asynchronously.
   *
   * @param key the key, such as {@code /config/db}
   * @param value the new value, or {@code null} for a directory or a refresh
   * @param options TTL, directory, conditions, refresh
   * @return a future of etcd's answer; it fails with the {@link EtcdException} the blocking call
   *     would throw
   * @throws IllegalArgumentException when {@code value} is given for a directory or missing for a
   *     key
   */
  public CompletableFuture<EtcdResponse> writeAsync(
      String key, @Nullable String value, WriteOptions options) {
    return calls.write(key, value, options).enqueue();
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
   * @return a future of etcd's answer; it fails with the {@link EtcdException} the blocking call
   *     would throw
   */
  public CompletableFuture<EtcdResponse> mkdirAsync(String key) {
    return writeAsync(key, null, MKDIR);
  }

  /**
   * Adds {@code value} as a new in-order key under the directory {@code key}: etcd names it with
   * the next index, zero-padded to 20 digits, so items list in the order they were appended.
   *
   * @param key the directory to append to
   * @param value the value of the new item
   * @return the answer; {@code response.node().key()} is the key etcd created
   */
  public EtcdResponse append(String key, String value) {
    return append(key, value, null);
  }

  /**
   * Like {@link #append(String, String)}, with a time to live in whole seconds ({@code null} for
   * none).
   *
   * @param key the directory to append to
   * @param value the value of the new item
   * @param ttl the item's time to live, or {@code null} for none
   * @return the answer; {@code response.node().key()} is the key etcd created
   */
  public EtcdResponse append(String key, String value, @Nullable Duration ttl) {
    return calls.append(key, value, ttl).execute();
  }

  /**
   * Like {@link #append(String, String, Duration)}, asynchronously.
   *
   * @param key the directory to append to
   * @param value the value of the new item
   * @param ttl the item's time to live, or {@code null} for none
   * @return a future of etcd's answer; it fails with the {@link EtcdException} the blocking call
   *     would throw
   */
  public CompletableFuture<EtcdResponse> appendAsync(
      String key, String value, @Nullable Duration ttl) {
    return calls.append(key, value, ttl).enqueue();
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
    return calls.delete(key, options).execute();
  }

  /**
   * Deletes {@code key} with {@code options}, asynchronously.
   *
   * @param key the key, such as {@code /config/db}
   * @param options recursive, directory, conditions
   * @return a future of etcd's answer; it fails with the {@link EtcdException} the blocking call
   *     would throw
   */
  public CompletableFuture<EtcdResponse> deleteAsync(String key, DeleteOptions options) {
    return calls.delete(key, options).enqueue();
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
   * @return a future of etcd's answer; it fails with the {@link EtcdException} the blocking call
   *     would throw
   */
  public CompletableFuture<EtcdResponse> compareAndSwapAsync(
      String key, String value, String prevValue) {
    return writeAsync(key, value, WriteOptions.defaults().withPrevValue(prevValue));
  }

  /**
   * Like {@link #compareAndSwap(String, String, long)}, asynchronously.
   *
   * @param key the key, such as {@code /config/db}
   * @param value the new value
   * @param prevIndex the modified index {@code key} must have, positive
   * @return a future of etcd's answer; it fails with the {@link EtcdException} the blocking call
   *     would throw
   */
  public CompletableFuture<EtcdResponse> compareAndSwapAsync(
      String key, String value, long prevIndex) {
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
   * @return a future of etcd's answer; it fails with the {@link EtcdException} the blocking call
   *     would throw
   */
  public CompletableFuture<EtcdResponse> compareAndDeleteAsync(String key, String prevValue) {
    return deleteAsync(key, DeleteOptions.defaults().withPrevValue(prevValue));
  }

  /**
   * Like {@link #compareAndDelete(String, long)}, asynchronously.
   *
   * @param key the key, such as {@code /config/db}
   * @param prevIndex the modified index {@code key} must have, positive
   * @return a future of etcd's answer; it fails with the {@link EtcdException} the blocking call
   *     would throw
   */
  public CompletableFuture<EtcdResponse> compareAndDeleteAsync(String key, long prevIndex) {
    return deleteAsync(key, DeleteOptions.defaults().withPrevIndex(prevIndex));
  }

  /**
   * Waits for the next change of {@code key} (or, when {@code recursive}, of anything under it) at
   * or after {@code waitIndex}, and returns it. The wait is not bounded by {@code read_timeout}; it
   * runs on the watch dispatcher, so it never holds back other calls.
   *
   * @param key the key, such as {@code /config/db}
   * @param waitIndex the first index to report, or {@code 0} for the next change from now
   * @param recursive whether a change anywhere under {@code key} counts
   * @return etcd's answer, holding the change's action and node
   * @throws EtcdException with {@link EtcdError#COMPACTED} when {@code waitIndex} is older than the
   *     events etcd keeps
   */
  public EtcdResponse watchOnce(String key, long waitIndex, boolean recursive) {
    return calls.watch(key, waitIndex, recursive).execute();
  }

  /**
   * Like {@link #watchOnce}, asynchronously; cancel the future to stop waiting.
   *
   * @param key the key, such as {@code /config/db}
   * @param waitIndex the first index to report, or {@code 0} for the next change from now
   * @param recursive whether a change anywhere under {@code key} counts
   * @return a future of etcd's answer; it fails with the {@link EtcdException} the blocking call
   *     would throw
   * @throws IllegalArgumentException when {@code waitIndex} is negative
   */
  public CompletableFuture<EtcdResponse> watchOnceAsync(
      String key, long waitIndex, boolean recursive) {
    return calls.watch(key, waitIndex, recursive).enqueue();
  }

  /**
   * Watches {@code key} with {@link WatchOptions#defaults()}: every change of that one key after
   * this method returns.
   *
   * @param key the key, such as {@code /config/db}
   * @param listener called with each event, on a watch thread
   * @return the running watcher; close it to stop
   */
  public Watcher watch(String key, Consumer<WatchEvent> listener) {
    return watch(key, WatchOptions.defaults(), listener);
  }

  /**
   * Watches {@code key} (with {@link WatchOptions#recursive()}, everything under it) and hands each
   * change to {@code listener} until the returned {@link Watcher} is closed; see {@link Watcher}
   * for how it resumes after a failure and resyncs when etcd dropped the changes it missed.
   *
   * <p>With {@link WatchOptions#fromIndex()} {@code 0} this method first reads {@code key} to learn
   * etcd's current index, so it fails at once when etcd cannot be reached, and every change made
   * after it returns is delivered.
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
    calls.checkOpen();
    long from = options.fromIndex();
    if (from == 0) {
      from = currentIndex(normalized) + 1;
    }
    V2Watcher watcher = new V2Watcher(calls, normalized, options, from, listener);
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

  /** {@return the members of the cluster} */
  public List<EtcdMember> members() {
    return calls.members().execute();
  }

  /**
   * Like {@link #members()}, asynchronously.
   *
   * @return a future of what {@link #members()} returns; it fails with the exception that would
   *     throw
   */
  public CompletableFuture<List<EtcdMember>> membersAsync() {
    return calls.members().enqueue();
  }

  /**
   * {@return this member's statistics ({@code /v2/stats/self}) as JSON values (maps, lists,
   * strings, doubles)}
   */
  public Map<String, Object> selfStats() {
    return calls.selfStats().execute();
  }

  /**
   * Like {@link #selfStats()}, asynchronously.
   *
   * @return a future of what {@link #selfStats()} returns; it fails with the exception that would
   *     throw
   */
  public CompletableFuture<Map<String, Object>> selfStatsAsync() {
    return calls.selfStats().enqueue();
  }

  /**
   * {@return the leader's view of its followers ({@code /v2/stats/leader}) as JSON values} Only the
   * leader answers; other members fail with an {@link EtcdException}.
   */
  public Map<String, Object> leaderStats() {
    return calls.leaderStats().execute();
  }

  /**
   * Like {@link #leaderStats()}, asynchronously.
   *
   * @return a future of what {@link #leaderStats()} returns; it fails with the exception that would
   *     throw
   */
  public CompletableFuture<Map<String, Object>> leaderStatsAsync() {
    return calls.leaderStats().enqueue();
  }

  /** {@return the store's operation counters ({@code /v2/stats/store}) as JSON values} */
  public Map<String, Object> storeStats() {
    return calls.storeStats().execute();
  }

  /**
   * Like {@link #storeStats()}, asynchronously.
   *
   * @return a future of what {@link #storeStats()} returns; it fails with the exception that would
   *     throw
   */
  public CompletableFuture<Map<String, Object>> storeStatsAsync() {
    return calls.storeStats().enqueue();
  }

  /** {@return the server's and the cluster's versions} */
  public EtcdVersion version() {
    return calls.version().execute();
  }

  /**
   * Like {@link #version()}, asynchronously.
   *
   * @return a future of what {@link #version()} returns; it fails with the exception that would
   *     throw
   */
  public CompletableFuture<EtcdVersion> versionAsync() {
    return calls.version().enqueue();
  }

  /**
   * {@return whether the member answers {@code /health} with {@code "health":"true"}; an unhealthy
   * member (HTTP 503 with {@code "health":"false"}) gives {@code false}}
   *
   * @throws EtcdConnectionException when it cannot be reached
   */
  public boolean health() {
    return calls.health().execute();
  }

  /**
   * Like {@link #health()}, asynchronously.
   *
   * @return a future of what {@link #health()} returns; it fails with the exception that would
   *     throw
   */
  public CompletableFuture<Boolean> healthAsync() {
    return calls.health().enqueue();
  }

  /**
   * {@return this client's lean write path, for the middleware's v2 tree writer} Not for users: its
   * type is in an internal package and may change in any release. The path sends the same requests
   * as {@link #write} and {@link #delete}, through the same failover, cluster-id checks, auth and
   * TLS, but leaves their answers unread and runs on this client's call threads.
   */
  public LeanWritePath leanWritePath() {
    return calls;
  }

  /** Cancels calls in flight and releases every thread and connection. Idempotent. */
  @Override
  public void close() {
    calls.close();
  }

  @Override
  public String toString() {
    return "EtcdClient{" + settings + (calls.closed() ? ", closed" : "") + "}";
  }
}
