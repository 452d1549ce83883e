package link.etcd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import link.etcd.internal.Keys;
import link.etcd.internal.http.Transport;
import link.etcd.internal.v3.KeyBytes;
import link.etcd.internal.v3.KeyTree;
import link.etcd.internal.v3.KvMessages;
import link.etcd.internal.v3.V3Cluster;
import link.etcd.internal.v3.V3Kv;
import link.etcd.internal.v3.V3Lease;
import link.etcd.internal.v3.V3Maintenance;
import link.etcd.internal.v3.WatchStream;

/**
 * A client of etcd's v3 API over etcd's gRPC (HTTP/2, one connection per member), at the level of
 * jetcd: KV {@link #range range}, {@link #put put}, {@link #deleteRange deleteRange}, {@link #txn()
 * txn} and {@link #compact compact}; leases; {@link #members() members} and {@link #status()
 * status}. Every operation has a blocking form and an {@code ...Async} form returning a {@link
 * CompletableFuture} (cancelling it cancels the request). It needs {@code api = v3} in its
 * settings.
 *
 * <pre>{@code
 * try (EtcdV3Client client = new EtcdV3Client(EtcdSettings.builder().api(EtcdSettings.Api.V3).port(2379).build())) {
 *   client.put("/config/port", "8080");
 *   EtcdV3Client.RangeResult all = client.range("/config/",
 *       EtcdV3Client.RangeOptions.defaults().withRangeEnd(EtcdV3Client.prefixEnd("/config/")));
 *   EtcdV3Client.TxnResult swapped = client.txn()
 *       .when(EtcdV3Client.Compare.value("/config/port", EtcdV3Client.Compare.Result.EQUAL, "8080"))
 *       .then(EtcdV3Client.Op.put("/config/port", "9090"))
 *       .commit();
 * }
 * }</pre>
 *
 * <p>Keys and values are text, sent as the UTF-8 bytes of the text (a value that is not UTF-8 reads
 * back with replacement characters). Keys live under {@link EtcdSettings#keyPrefix()}: it is added
 * to every key and range end sent, and taken off every key read. A range end of {@code "\0"} means
 * every key from the start key on (within the prefix). A key with an unpaired surrogate is refused
 * with an {@link IllegalArgumentException} before any I/O.
 *
 * <p>Failures are unchecked {@link EtcdException}s, chosen by etcd's gRPC code and message, never
 * by the HTTP status. With a {@code username} and {@code password}, the client authenticates on its
 * first call and sends the token etcd gives it; it authenticates again, once, when etcd says the
 * token is no longer valid. A client is safe for use by many threads; construction does no I/O;
 * {@link #close()} releases its threads and connections.
 */
public final class EtcdV3Client implements EtcdV3Types, AutoCloseable {
  private final EtcdSettings settings;
  private final Transport transport;
  private final KeyBytes keys;
  private final V3Kv kv;
  private final V3Lease lease;
  private final V3Cluster cluster;
  private final V3Maintenance maintenance;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * The one Watch stream of every watch, which {@link #close()} ends: a stream's body is read after
   * OkHttp's dispatcher has let go of its call, so cancelling the dispatcher's calls does not reach
   * it.
   */
  private final WatchStream watches;

  /**
   * Creates a client; no connection is made until the first call.
   *
   * @param settings where etcd is and how to reach it; {@link EtcdSettings#api()} must be {@link
   *     EtcdSettings.Api#V3}
   * @throws IllegalArgumentException when the settings choose the v2 API
   */
  public EtcdV3Client(EtcdSettings settings) {
    if (settings.api() != EtcdSettings.Api.V3) {
      throw new IllegalArgumentException(
          "EtcdV3Client needs api = v3, but the settings say api = v2; set api = v3, or use EtcdClient for v2");
    }
    this.settings = settings;
    this.keys = new KeyBytes(settings.keyPrefix());
    this.transport = new Transport(settings, settings.filesNote());
    this.kv = new V3Kv(settings, transport, new KvMessages(keys));
    this.lease = new V3Lease(transport, keys);
    this.cluster = new V3Cluster(transport);
    this.maintenance = new V3Maintenance(transport);
    this.watches = new WatchStream(this, transport, keys);
  }

  /** {@return the settings this client was built with} */
  public EtcdSettings settings() {
    return settings;
  }

  /**
   * {@return the range end that selects every key starting with {@code prefix}} It is the prefix
   * with its last character replaced by the next one, as etcd's clients do on bytes (they agree
   * whenever etcd's byte rule gives UTF-8); {@code "\0"} (every key from the start on) for an empty
   * prefix. A prefix ending with {@code /} ends at the same text ending with {@code 0}, so {@code
   * /a/} never selects {@code /ab}.
   *
   * @param prefix the prefix, such as {@code /config/}
   */
  public static String prefixEnd(String prefix) {
    return KeyBytes.prefixEnd(prefix);
  }

  // ---- KV

  /**
   * Reads the one key {@code key}, with {@link #rangeDefaults()}.
   *
   * @param key the key, such as {@code /config/port}
   * @return the answer; {@code kvs()} is empty when the key does not exist
   */
  public RangeResult range(String key) {
    return range(key, rangeDefaults());
  }

  /**
   * {@return the options of a plain read, which {@link #range(String)} and {@link #readValues} use:
   * {@link RangeOptions#defaults()}, {@code serializable} unless {@link
   * EtcdSettings#quorumReads()}} A serializable read is answered by the member the client talks to,
   * from its own copy, as a plain v2 read is; with {@code quorumReads(true)} every plain read goes
   * through the leader and sees every write acknowledged before it.
   */
  public RangeOptions rangeDefaults() {
    return RangeOptions.defaults().withSerializable(!settings.quorumReads());
  }

  /**
   * Reads {@code key}, or the keys in [{@code key}, {@link RangeOptions#rangeEnd()}).
   *
   * @param key the key, or the start of the range
   * @param options range end, limit, revision, serializable, keys only, count only
   * @return the keys found in key order, whether there are {@code more}, and how many there are in
   *     all
   */
  public RangeResult range(String key, RangeOptions options) {
    return open(kv).range(key, options).now();
  }

  /**
   * Like {@link #range(String, RangeOptions)}, asynchronously.
   *
   * @param key the key, or the start of the range
   * @param options range end, limit, revision, serializable, keys only, count only
   * @return a future of the answer; it fails with the {@link EtcdException} the blocking call would
   *     throw
   */
  public CompletableFuture<RangeResult> rangeAsync(String key, RangeOptions options) {
    return open(kv).range(key, options).async();
  }

  /**
   * Reads {@code key} and everything under it as plain values, as {@code EtcdClient.readValues}
   * does on v2: a key gives its {@code String} value; a directory (keys under {@code key/}, or the
   * marker {@code key/} the middleware writes) gives a {@code Map} keyed by each child's name, in
   * key order. Every page of a large tree is read at one revision and decoded as it streams in.
   *
   * @param key the key, such as {@code /config}
   * @return a {@code String} or a {@code Map<String, Object>}, nested
   * @throws EtcdKeyNotFoundException when nothing is stored at {@code key} or under it
   */
  public Object readValues(String key) {
    return KeyTree.read(this, Keys.normalize(key));
  }

  /**
   * Reads like {@link #range(String, RangeOptions)}, but hands each key to {@code each} as it is
   * decoded from the answer, on the calling thread, without building the list of keys.
   *
   * @param key the key, or the start of the range
   * @param options range end, limit, revision, serializable, keys only, count only
   * @param each called with each key, in key order
   * @return the revision read, whether there are {@code more}, and the {@code count}; {@code kvs()}
   *     is empty
   */
  public RangeResult rangeEach(String key, RangeOptions options, Consumer<KeyValue> each) {
    return open(kv).rangeEach(key, options, each);
  }

  /**
   * Sets {@code key} to {@code value}.
   *
   * @param key the key, such as {@code /config/port}
   * @param value the value
   * @return the answer, with the revision of the write
   */
  public PutResult put(String key, String value) {
    return put(key, value, PutOptions.defaults());
  }

  /**
   * Sets {@code key} to {@code value} with {@code options}.
   *
   * @param key the key, such as {@code /config/port}
   * @param value the value
   * @param options the lease to attach, whether to return the previous key
   * @return the answer, with the revision of the write and, when asked for, the previous key
   */
  public PutResult put(String key, String value, PutOptions options) {
    return open(kv).put(key, value, options).now();
  }

  /**
   * Like {@link #put(String, String, PutOptions)}, asynchronously.
   *
   * @param key the key, such as {@code /config/port}
   * @param value the value
   * @param options the lease to attach, whether to return the previous key
   * @return a future of the answer; it fails with the {@link EtcdException} the blocking call would
   *     throw
   */
  public CompletableFuture<PutResult> putAsync(String key, String value, PutOptions options) {
    return open(kv).put(key, value, options).async();
  }

  /**
   * Deletes the one key {@code key}.
   *
   * @param key the key, such as {@code /config/port}
   * @return the answer; {@code deleted()} is 0 when the key did not exist
   */
  public DeleteRangeResult deleteRange(String key) {
    return deleteRange(key, DeleteRangeOptions.defaults());
  }

  /**
   * Deletes {@code key}, or the keys in [{@code key}, {@link DeleteRangeOptions#rangeEnd()}).
   *
   * @param key the key, or the start of the range
   * @param options range end, whether to return the deleted keys
   * @return the answer: how many keys were deleted and, when asked for, what they held
   */
  public DeleteRangeResult deleteRange(String key, DeleteRangeOptions options) {
    return open(kv).deleteRange(key, options).now();
  }

  /**
   * Like {@link #deleteRange(String, DeleteRangeOptions)}, asynchronously.
   *
   * @param key the key, or the start of the range
   * @param options range end, whether to return the deleted keys
   * @return a future of the answer; it fails with the {@link EtcdException} the blocking call would
   *     throw
   */
  public CompletableFuture<DeleteRangeResult> deleteRangeAsync(
      String key, DeleteRangeOptions options) {
    return open(kv).deleteRange(key, options).async();
  }

  /**
   * {@return a new transaction: compares, the operations to run when all hold, and those to run
   * otherwise}
   *
   * <pre>{@code
   * TxnResult result = client.txn()
   *     .when(Compare.version("/lock", Compare.Result.EQUAL, 0))
   *     .then(Op.put("/lock", "me"))
   *     .otherwise(Op.range("/lock"))
   *     .commit();
   * }</pre>
   */
  public Txn txn() {
    return new Txn(this);
  }

  /**
   * Compacts etcd's history up to {@code revision}: older revisions can no longer be read or
   * watched.
   *
   * @param revision the revision to compact to
   * @param physical whether to wait until the compaction is applied to the backend
   * @return the revision of etcd's answer
   */
  public long compact(long revision, boolean physical) {
    return open(kv).compact(revision, physical).now();
  }

  /**
   * Like {@link #compact(long, boolean)}, asynchronously.
   *
   * @param revision the revision to compact to
   * @param physical whether to wait until the compaction is applied to the backend
   * @return a future of the revision of etcd's answer
   */
  public CompletableFuture<Long> compactAsync(long revision, boolean physical) {
    return open(kv).compact(revision, physical).async();
  }

  // ---- Lease

  /**
   * Grants a lease of {@code ttlSeconds}; keys put with it are deleted when it expires or is
   * revoked.
   *
   * @param ttlSeconds the time to live in seconds (etcd raises it to its minimum, about 1.5
   *     election timeouts)
   * @return the lease: its id and the TTL etcd granted
   */
  public Lease grant(long ttlSeconds) {
    return open(lease).grant(ttlSeconds).now();
  }

  /**
   * Like {@link #grant(long)}, asynchronously.
   *
   * @param ttlSeconds the time to live in seconds
   * @return a future of the lease
   */
  public CompletableFuture<Lease> grantAsync(long ttlSeconds) {
    return open(lease).grant(ttlSeconds).async();
  }

  /**
   * Revokes the lease {@code id}, deleting every key attached to it.
   *
   * @param id the lease's id
   * @throws EtcdKeyNotFoundException when there is no such lease
   */
  public void revoke(long id) {
    open(lease).revoke(id).now();
  }

  /**
   * Like {@link #revoke(long)}, asynchronously.
   *
   * @param id the lease's id
   * @return a future completed when the lease is revoked
   */
  public CompletableFuture<Void> revokeAsync(long id) {
    return open(lease).revoke(id).async();
  }

  /**
   * Renews the lease {@code id} once, to its granted TTL.
   *
   * @param id the lease's id
   * @return the lease with its renewed TTL; {@link Lease#expired()} when etcd no longer has it
   *     (etcd then answers without a TTL)
   */
  public Lease keepAliveOnce(long id) {
    return open(lease).keepAliveOnce(id).now();
  }

  /**
   * Like {@link #keepAliveOnce(long)}, asynchronously.
   *
   * @param id the lease's id
   * @return a future of the renewed lease
   */
  public CompletableFuture<Lease> keepAliveOnceAsync(long id) {
    return open(lease).keepAliveOnce(id).async();
  }

  /**
   * Asks how long the lease {@code id} has left.
   *
   * @param id the lease's id
   * @param keys whether to list the keys attached to it
   * @return the time left; {@code ttlSeconds()} is -1 when etcd no longer has the lease
   */
  public LeaseTimeToLive timeToLive(long id, boolean keys) {
    return open(lease).timeToLive(id, keys).now();
  }

  /**
   * Like {@link #timeToLive(long, boolean)}, asynchronously.
   *
   * @param id the lease's id
   * @param keys whether to list the keys attached to it
   * @return a future of the time left
   */
  public CompletableFuture<LeaseTimeToLive> timeToLiveAsync(long id, boolean keys) {
    return open(lease).timeToLive(id, keys).async();
  }

  /**
   * Keeps the lease {@code id} alive: renews it every third of its TTL, on the client's one gRPC
   * {@code LeaseKeepAlive} stream (shared by every kept lease), until the returned keeper is closed
   * or this client is; calls {@code onGone} once if etcd says the lease is gone. See {@link
   * LeaseKeeper}.
   *
   * @param id the lease's id, from {@link #grant(long)} or {@link KeyValue#lease()}
   * @param onGone called, on a client thread, with an {@link EtcdKeyNotFoundException} when the
   *     lease is found gone (revoked, or expired): its keys are deleted
   * @return the running keeper; close it to stop renewing
   */
  public LeaseKeeper keepAlive(long id, Consumer<EtcdException> onGone) {
    LeaseKeeper keeper = new LeaseKeeper(id, onGone);
    keeper.start(open(lease).keepAliveStream());
    return keeper;
  }

  /** {@return the ids of the leases etcd has (granted by any client), in etcd's order} */
  public List<Long> leases() {
    return open(lease).leases().now();
  }

  /**
   * Like {@link #leases()}, asynchronously.
   *
   * @return a future of what {@link #leases()} returns
   */
  public CompletableFuture<List<Long>> leasesAsync() {
    return open(lease).leases().async();
  }

  // ---- Watch

  /**
   * Watches the one key {@code key} from now on; see {@link #watch(String, WatchOptions,
   * Consumer)}.
   *
   * @param key the key, such as {@code /config/port}
   * @param listener called with each change, on a watch thread
   * @return the running watcher; close it to stop
   */
  public Watcher watch(String key, Consumer<WatchEvent> listener) {
    return watch(key, WatchOptions.defaults(), listener);
  }

  /**
   * Watches {@code key} (with {@link WatchOptions#recursive()}, also every key under {@code key +
   * "/"}) and hands each change to {@code listener} as a {@link WatchEvent.V3Change}, in revision
   * order, until the returned {@link Watcher} is closed. A change carries etcd's own facts: the key
   * after it (value, create and mod revisions, version, lease) and the key before it. The directory
   * markers that {@code EtcdMiddleware} writes (keys ending in {@code /}) are never delivered: they
   * are its layout, not data.
   *
   * <p>Every watch of a client shares one gRPC {@code Watch} stream, opened at the first watch over
   * the client's one HTTP/2 connection, each watch by its own {@code watch_id}; closing a watcher
   * cancels its watch there. The stream asks etcd for progress notifications, so a quiet watch
   * knows how far etcd has come. After any end of the stream (a member killed, a failover) it is
   * opened again and every watch resumes from the revision after the last change it delivered (or
   * was told of), so no change is skipped or delivered twice. When etcd compacted that revision
   * away, the watcher reads the keys again and delivers one {@link WatchEvent.V3Resync}. A stale
   * auth token is renewed; permission denied, or credentials etcd refuses even after authenticating
   * anew, end that one watch with one {@link WatchEvent.Failed}. PINGs on the connection find a
   * member that died silently within {@code read_timeout}; {@link WatchOptions#pollTimeout()} is a
   * v2 setting.
   *
   * <p>With {@link WatchOptions#fromIndex()} {@code 0} this method first reads {@code key} to learn
   * etcd's current revision, so it fails at once when etcd cannot be reached, and every change made
   * after it returns is delivered; otherwise {@code fromIndex} is the first revision delivered.
   * Listeners are called on the stream's watch thread, apart from ordinary calls, one event at a
   * time: a listener that blocks holds back the other watches of the client.
   *
   * @param key the key or directory, such as {@code /config}
   * @param options recursive, the first revision, and how long failing attempts are retried
   * @param listener called with each event, on the watch thread, one at a time
   * @return the running watcher; close it to stop
   * @throws EtcdException when {@code fromIndex} is 0 and etcd cannot be read
   */
  public Watcher watch(String key, WatchOptions options, Consumer<WatchEvent> listener) {
    keys.key(key);
    long from = options.fromIndex();
    if (from == 0) {
      from = range(key, RangeOptions.defaults().withCountOnly(true)).revision() + 1;
    }
    return watches.watch(key, options, from, listener);
  }

  /** {@return whether {@link #close()} was called} */
  public boolean isClosed() {
    return closed.get();
  }

  // ---- Cluster and maintenance

  /** {@return the members of the cluster; ids in hexadecimal, as etcdctl shows them} */
  public List<EtcdMember> members() {
    return open(cluster).members().now();
  }

  /**
   * Like {@link #members()}, asynchronously.
   *
   * @return a future of what {@link #members()} returns
   */
  public CompletableFuture<List<EtcdMember>> membersAsync() {
    return open(cluster).members().async();
  }

  /** {@return the status of the member this client talks to} */
  public Status status() {
    return open(maintenance).status().now();
  }

  /**
   * Like {@link #status()}, asynchronously.
   *
   * @return a future of what {@link #status()} returns
   */
  public CompletableFuture<Status> statusAsync() {
    return open(maintenance).status().async();
  }

  // ---- plumbing

  /** {@return {@code part}, while this client is open} */
  private <T> T open(T part) {
    if (closed.get()) {
      throw new IllegalStateException("This EtcdV3Client is closed; create a new one");
    }
    return part;
  }

  /** Cancels calls in flight and releases every thread and connection. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      watches.close();
      lease.close();
      transport.close();
    }
  }

  @Override
  public String toString() {
    return "EtcdV3Client{" + settings + (closed.get() ? ", closed" : "") + "}";
  }

  /**
   * A transaction being built: {@link #when} compares, {@link #then} the operations to run when all
   * hold, {@link #otherwise} those to run when one does not; {@link #commit()} sends it as one
   * atomic request. Each method adds to what was given before. Not safe for use by several threads.
   */
  public static final class Txn {
    private final EtcdV3Client client;
    private final List<Compare> compares = new ArrayList<>();
    private final List<Op> success = new ArrayList<>();
    private final List<Op> failure = new ArrayList<>();

    private Txn(EtcdV3Client client) {
      this.client = client;
    }

    /**
     * Adds compares; the txn succeeds when all hold.
     *
     * @param compares the conditions
     * @return this txn
     */
    public Txn when(Compare... compares) {
      this.compares.addAll(Arrays.asList(compares));
      return this;
    }

    /**
     * Adds operations to run when every compare holds.
     *
     * @param ops the operations, run in order
     * @return this txn
     */
    public Txn then(Op... ops) {
      success.addAll(Arrays.asList(ops));
      return this;
    }

    /**
     * Adds operations to run when a compare does not hold.
     *
     * @param ops the operations, run in order
     * @return this txn
     */
    public Txn otherwise(Op... ops) {
      failure.addAll(Arrays.asList(ops));
      return this;
    }

    /**
     * Sends the txn.
     *
     * @return whether it succeeded and the answers of the operations that ran
     * @throws IllegalArgumentException when it has more compares, or more operations on one side,
     *     than {@code max_txn_ops}
     */
    public TxnResult commit() {
      return client.open(client.kv).txnNow(compares, success, failure);
    }

    /**
     * Like {@link #commit()}, asynchronously.
     *
     * @return a future of the answer; it fails with the {@link EtcdException} the blocking call
     *     would throw
     */
    public CompletableFuture<TxnResult> commitAsync() {
      return client.open(client.kv).txnAsync(compares, success, failure);
    }
  }
}
