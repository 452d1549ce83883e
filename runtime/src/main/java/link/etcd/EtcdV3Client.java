package link.etcd;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import link.etcd.internal.Keys;
import link.etcd.internal.http.Transport;
import link.etcd.internal.v3.KeyBytes;
import link.etcd.internal.v3.KeyTree;
import link.etcd.internal.v3.KvMessages;
import link.etcd.internal.v3.V3Calls;
import link.etcd.internal.v3.V3RetryRule;
import link.etcd.internal.v3.WatchStream;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

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
public final class EtcdV3Client implements AutoCloseable {
  private final EtcdSettings settings;
  private final Transport transport;
  private final KeyBytes keys;
  private final V3Calls calls;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Set<LeaseKeeper> keepers = ConcurrentHashMap.newKeySet();

  /**
   * The one Watch stream of every watch, which {@link #close()} ends: a stream's body is read after
   * OkHttp's dispatcher has let go of its call, so cancelling the dispatcher's calls does not reach
   * it.
   */
  private final WatchStream watches;

  private @Nullable ScheduledExecutorService leaseTimer;

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
    this.calls = new V3Calls(transport, new KvMessages(keys));
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
    return calls().rangeNow(key, options);
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
    return calls().rangeAsync(key, options);
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
    return calls().rangeEach(key, options, each);
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
    return calls().putNow(key, value, options);
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
    return calls().putAsync(key, value, options);
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
    return calls().deleteRangeNow(key, options);
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
    return calls().deleteRangeAsync(key, options);
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

  private Request txnRequest(Txn txn) {
    int largest = Math.max(txn.compares.size(), Math.max(txn.success.size(), txn.failure.size()));
    if (largest > settings.maxTxnOps()) {
      throw new IllegalArgumentException(
          "A txn of "
              + txn.compares.size()
              + " compares, "
              + txn.success.size()
              + " success and "
              + txn.failure.size()
              + " failure operations is over max_txn_ops ("
              + settings.maxTxnOps()
              + "); split it, or raise etcd's --max-txn-ops and max_txn_ops to match");
    }
    return calls().txnRequest(txn.compares, txn.success, txn.failure);
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
    return calls().compactNow(revision, physical);
  }

  /**
   * Like {@link #compact(long, boolean)}, asynchronously.
   *
   * @param revision the revision to compact to
   * @param physical whether to wait until the compaction is applied to the backend
   * @return a future of the revision of etcd's answer
   */
  public CompletableFuture<Long> compactAsync(long revision, boolean physical) {
    return calls().compactAsync(revision, physical);
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
    return calls().grantNow(ttlSeconds);
  }

  /**
   * Like {@link #grant(long)}, asynchronously.
   *
   * @param ttlSeconds the time to live in seconds
   * @return a future of the lease
   */
  public CompletableFuture<Lease> grantAsync(long ttlSeconds) {
    return calls().grantAsync(ttlSeconds);
  }

  /**
   * Revokes the lease {@code id}, deleting every key attached to it.
   *
   * @param id the lease's id
   * @throws EtcdKeyNotFoundException when there is no such lease
   */
  public void revoke(long id) {
    calls().revokeNow(id);
  }

  /**
   * Like {@link #revoke(long)}, asynchronously.
   *
   * @param id the lease's id
   * @return a future completed when the lease is revoked
   */
  public CompletableFuture<Void> revokeAsync(long id) {
    return calls().revokeAsync(id);
  }

  /**
   * Renews the lease {@code id} once, to its granted TTL.
   *
   * @param id the lease's id
   * @return the lease with its renewed TTL; {@link Lease#expired()} when etcd no longer has it
   *     (etcd then answers without a TTL)
   */
  public Lease keepAliveOnce(long id) {
    return calls().keepAliveOnceNow(id);
  }

  /**
   * Like {@link #keepAliveOnce(long)}, asynchronously.
   *
   * @param id the lease's id
   * @return a future of the renewed lease
   */
  public CompletableFuture<Lease> keepAliveOnceAsync(long id) {
    return calls().keepAliveOnceAsync(id);
  }

  /**
   * Asks how long the lease {@code id} has left.
   *
   * @param id the lease's id
   * @param keys whether to list the keys attached to it
   * @return the time left; {@code ttlSeconds()} is -1 when etcd no longer has the lease
   */
  public LeaseTimeToLive timeToLive(long id, boolean keys) {
    return calls().timeToLiveNow(id, keys);
  }

  /**
   * Like {@link #timeToLive(long, boolean)}, asynchronously.
   *
   * @param id the lease's id
   * @param keys whether to list the keys attached to it
   * @return a future of the time left
   */
  public CompletableFuture<LeaseTimeToLive> timeToLiveAsync(long id, boolean keys) {
    return calls().timeToLiveAsync(id, keys);
  }

  /**
   * Keeps the lease {@code id} alive: renews it every third of its TTL until the returned keeper is
   * closed or this client is; calls {@code onGone} once if etcd says the lease is gone. See {@link
   * LeaseKeeper}.
   *
   * @param id the lease's id, from {@link #grant(long)} or {@link KeyValue#lease()}
   * @param onGone called, on a client thread, with an {@link EtcdKeyNotFoundException} when the
   *     lease is found gone (revoked, or expired): its keys are deleted
   * @return the running keeper; close it to stop renewing
   */
  public LeaseKeeper keepAlive(long id, Consumer<EtcdException> onGone) {
    calls();
    LeaseKeeper keeper = new LeaseKeeper(this, id, onGone, leaseTimer());
    keepers.removeIf(kept -> !kept.isOpen());
    keepers.add(keeper);
    keeper.start();
    return keeper;
  }

  private synchronized ScheduledExecutorService leaseTimer() {
    if (leaseTimer == null) {
      ScheduledThreadPoolExecutor timer =
          new ScheduledThreadPoolExecutor(
              1,
              runnable -> {
                Thread thread = new Thread(runnable, "link-etcd lease keepalive");
                thread.setDaemon(true);
                return thread;
              });
      timer.setRemoveOnCancelPolicy(true);
      leaseTimer = timer;
    }
    return leaseTimer;
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
   * "/"}) and hands each change to {@code listener} as a {@link WatchChange}, in revision order,
   * until the returned {@link Watcher} is closed. A change carries etcd's own facts: the key after
   * it (value, create and mod revisions, version, lease) and the key before it. The directory
   * markers that {@code EtcdMiddleware} writes (keys ending in {@code /}) are never delivered: they
   * are its layout, not data.
   *
   * <p>Every watch of a client shares one gRPC {@code Watch} stream, opened at the first watch over
   * the client's one HTTP/2 connection, each watch by its own {@code watch_id}; closing a watcher
   * cancels its watch there. The stream asks etcd for progress notifications, so a quiet watch
   * knows how far etcd has come. After any end of the stream (a member killed, a failover) it is
   * opened again and every watch resumes from the revision after the last change it delivered (or
   * was told of), so no change is skipped or delivered twice. When etcd compacted that revision
   * away, the watcher reads the keys again and delivers one {@link WatchResync}. A stale auth token
   * is renewed; permission denied, or credentials etcd refuses even after authenticating anew, end
   * that one watch with one {@link WatchEvent.Failed}. PINGs on the connection find a member that
   * died silently within {@code read_timeout}; {@link WatchOptions#pollTimeout()} is a v2 setting.
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
    return calls().membersNow();
  }

  /**
   * Like {@link #members()}, asynchronously.
   *
   * @return a future of what {@link #members()} returns
   */
  public CompletableFuture<List<EtcdMember>> membersAsync() {
    return calls().membersAsync();
  }

  /** {@return the status of the member this client talks to} */
  public Status status() {
    return calls().statusNow();
  }

  /**
   * Like {@link #status()}, asynchronously.
   *
   * @return a future of what {@link #status()} returns
   */
  public CompletableFuture<Status> statusAsync() {
    return calls().statusAsync();
  }

  // ---- plumbing

  private V3Calls calls() {
    if (closed.get()) {
      throw new IllegalStateException("This EtcdV3Client is closed; create a new one");
    }
    return calls;
  }

  /** Cancels calls in flight and releases every thread and connection. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      keepers.forEach(LeaseKeeper::close);
      watches.close();
      synchronized (this) {
        if (leaseTimer != null) {
          leaseTimer.shutdownNow();
        }
      }
      transport.close();
    }
  }

  @Override
  public String toString() {
    return "EtcdV3Client{" + settings + (closed.get() ? ", closed" : "") + "}";
  }

  // ---- values

  /**
   * A key as etcd stores it.
   *
   * @param key the key, without {@code key_prefix}
   * @param value the value ({@code ""} with {@link RangeOptions#keysOnly()})
   * @param createRevision the revision that created the key
   * @param modRevision the revision that last changed it
   * @param version how many times it was written since it was created (1 after the first put)
   * @param lease the id of the lease it is attached to, or 0
   */
  public record KeyValue(
      String key, String value, long createRevision, long modRevision, long version, long lease) {}

  /**
   * One change a v3 watch saw, with etcd's own facts: {@link #kv()} is the key after the change
   * (its value, create and mod revisions, version and lease), {@link #prevKv()} the key before it.
   * On a {@link Type#DELETE}, {@code kv()} holds the key and the deleting revision as its {@code
   * modRevision}, with an empty value and 0 for the other numbers. The directory markers of the map
   * protocol (keys ending in {@code /}) are never delivered.
   *
   * @param type whether the key was put or deleted
   * @param kv the key after the change
   * @param prevKv the key before the change, or {@code null} when it did not exist (or etcd had
   *     already compacted that version away)
   */
  public record WatchChange(Type type, KeyValue kv, @Nullable KeyValue prevKv)
      implements WatchEvent {
    /** What a change did. */
    public enum Type {
      /** The key was written (created when {@code kv().version()} is 1). */
      PUT,
      /** The key was deleted. */
      DELETE
    }

    /** Returns the revision of the change: {@code kv().modRevision()}. */
    @Override
    public long index() {
      return kv.modRevision();
    }

    /** {@return the changed key, without {@code key_prefix}} */
    public String key() {
      return kv.key();
    }

    /** {@return whether this put created the key: its first version} */
    public boolean created() {
      return type == Type.PUT && kv.version() == 1;
    }
  }

  /**
   * The revisions a v3 watch missed are compacted away, so the watcher read the watched keys again:
   * {@link #kvs()} is every key watched at {@link #revision()} (directory markers left out), in key
   * order, and later changes follow as {@link WatchChange}s.
   *
   * @param kvs the watched keys at {@code revision}; empty when none exists
   * @param revision the revision of the read
   */
  public record WatchResync(List<KeyValue> kvs, long revision) implements WatchEvent {
    /**
     * Copies {@code kvs}.
     *
     * @param kvs the watched keys at {@code revision}
     * @param revision the revision of the read
     */
    public WatchResync {
      kvs = List.copyOf(kvs);
    }

    /** Returns {@link #revision()}. */
    @Override
    public long index() {
      return revision;
    }
  }

  /**
   * How to read: a range end, limits and the revision to read at. Every option starts at etcd's
   * default.
   *
   * @param rangeEnd the end of the range (exclusive), {@code "\0"} for every key from the start key
   *     on, or {@code null} to read the one key; see {@link EtcdV3Client#prefixEnd(String)}
   * @param limit the most keys to return, 0 for no limit
   * @param revision the revision to read at, 0 for the latest
   * @param serializable whether the member may answer from its own copy, without asking the leader
   *     (faster, maybe stale)
   * @param keysOnly whether to leave the values out
   * @param countOnly whether to return only the count
   */
  public record RangeOptions(
      @Nullable String rangeEnd,
      long limit,
      long revision,
      boolean serializable,
      boolean keysOnly,
      boolean countOnly) {
    private static final RangeOptions DEFAULTS = new RangeOptions(null, 0, 0, false, false, false);

    /**
     * Checks the options.
     *
     * @param rangeEnd the end of the range, {@code "\0"} for every key from the start key on, or
     *     {@code null}
     * @param limit the most keys to return, 0 for no limit
     * @param revision the revision to read at, 0 for the latest
     * @param serializable whether the member may answer from its own copy
     * @param keysOnly whether to leave the values out
     * @param countOnly whether to return only the count
     * @throws IllegalArgumentException when the limit or revision is negative
     */
    public RangeOptions {
      if (limit < 0) {
        throw new IllegalArgumentException("limit must be 0 (none) or positive but was " + limit);
      }
      if (revision < 0) {
        throw new IllegalArgumentException(
            "revision must be 0 (latest) or positive but was " + revision);
      }
    }

    /** {@return the options of a plain read of one key} */
    public static RangeOptions defaults() {
      return DEFAULTS;
    }

    /**
     * {@return a copy with this range end}
     *
     * @param rangeEnd the end of the range, {@code "\0"} for everything from the start key on, or
     *     {@code null}
     */
    public RangeOptions withRangeEnd(@Nullable String rangeEnd) {
      return new RangeOptions(rangeEnd, limit, revision, serializable, keysOnly, countOnly);
    }

    /**
     * {@return a copy with this limit}
     *
     * @param limit the most keys to return, 0 for no limit
     */
    public RangeOptions withLimit(long limit) {
      return new RangeOptions(rangeEnd, limit, revision, serializable, keysOnly, countOnly);
    }

    /**
     * {@return a copy reading at this revision}
     *
     * @param revision the revision, 0 for the latest
     */
    public RangeOptions withRevision(long revision) {
      return new RangeOptions(rangeEnd, limit, revision, serializable, keysOnly, countOnly);
    }

    /**
     * {@return a copy with this serializable flag}
     *
     * @param serializable whether the member may answer from its own copy
     */
    public RangeOptions withSerializable(boolean serializable) {
      return new RangeOptions(rangeEnd, limit, revision, serializable, keysOnly, countOnly);
    }

    /**
     * {@return a copy with this keys-only flag}
     *
     * @param keysOnly whether to leave the values out
     */
    public RangeOptions withKeysOnly(boolean keysOnly) {
      return new RangeOptions(rangeEnd, limit, revision, serializable, keysOnly, countOnly);
    }

    /**
     * {@return a copy with this count-only flag}
     *
     * @param countOnly whether to return only the count
     */
    public RangeOptions withCountOnly(boolean countOnly) {
      return new RangeOptions(rangeEnd, limit, revision, serializable, keysOnly, countOnly);
    }
  }

  /**
   * How to put.
   *
   * @param lease the id of the lease to attach the key to, or 0 for none
   * @param prevKv whether to return the key as it was before
   */
  public record PutOptions(long lease, boolean prevKv) {
    private static final PutOptions DEFAULTS = new PutOptions(0, false);

    /** {@return a plain put: no lease, no previous key} */
    public static PutOptions defaults() {
      return DEFAULTS;
    }

    /**
     * {@return a copy attaching the key to this lease}
     *
     * @param lease the lease's id, or 0 for none
     */
    public PutOptions withLease(long lease) {
      return new PutOptions(lease, prevKv);
    }

    /**
     * {@return a copy with this prev-kv flag}
     *
     * @param prevKv whether to return the key as it was before
     */
    public PutOptions withPrevKv(boolean prevKv) {
      return new PutOptions(lease, prevKv);
    }
  }

  /**
   * How to delete.
   *
   * @param rangeEnd the end of the range (exclusive), {@code "\0"} for every key from the start key
   *     on, or {@code null} to delete the one key
   * @param prevKv whether to return the deleted keys
   */
  public record DeleteRangeOptions(@Nullable String rangeEnd, boolean prevKv) {
    private static final DeleteRangeOptions DEFAULTS = new DeleteRangeOptions(null, false);

    /** {@return the options of a delete of one key} */
    public static DeleteRangeOptions defaults() {
      return DEFAULTS;
    }

    /**
     * {@return a copy with this range end}
     *
     * @param rangeEnd the end of the range, or {@code null} for one key
     */
    public DeleteRangeOptions withRangeEnd(@Nullable String rangeEnd) {
      return new DeleteRangeOptions(rangeEnd, prevKv);
    }

    /**
     * {@return a copy with this prev-kv flag}
     *
     * @param prevKv whether to return the deleted keys
     */
    public DeleteRangeOptions withPrevKv(boolean prevKv) {
      return new DeleteRangeOptions(rangeEnd, prevKv);
    }
  }

  /** The answer to one operation: of a range, a put or a delete, alone or inside a txn. */
  public sealed interface OpResult permits RangeResult, PutResult, DeleteRangeResult {
    /** {@return etcd's revision when it answered} */
    long revision();
  }

  /**
   * The answer to a range.
   *
   * @param revision the revision read (pass it to {@link RangeOptions#withRevision} to read more
   *     pages at it)
   * @param kvs the keys found, in key order
   * @param more whether there are more keys in the range than {@code limit} let through
   * @param count how many keys are in the range in all
   */
  public record RangeResult(long revision, List<KeyValue> kvs, boolean more, long count)
      implements OpResult {
    /**
     * Copies the list.
     *
     * @param revision the revision read
     * @param kvs the keys found
     * @param more whether there are more keys
     * @param count how many keys are in the range
     */
    public RangeResult {
      kvs = List.copyOf(kvs);
    }
  }

  /**
   * The answer to a put.
   *
   * @param revision the revision of the write
   * @param prevKv the key before the put, when asked for and it existed; otherwise {@code null}
   */
  public record PutResult(long revision, @Nullable KeyValue prevKv) implements OpResult {}

  /**
   * The answer to a delete.
   *
   * @param revision the revision of the delete
   * @param deleted how many keys were deleted
   * @param prevKvs the deleted keys, when asked for
   */
  public record DeleteRangeResult(long revision, long deleted, List<KeyValue> prevKvs)
      implements OpResult {
    /**
     * Copies the list.
     *
     * @param revision the revision of the delete
     * @param deleted how many keys were deleted
     * @param prevKvs the deleted keys
     */
    public DeleteRangeResult {
      prevKvs = List.copyOf(prevKvs);
    }
  }

  /**
   * The answer to a txn.
   *
   * @param revision the revision after the txn
   * @param succeeded whether every compare held, so that the {@code then} operations ran
   * @param results the answers of the operations that ran, in order
   */
  public record TxnResult(long revision, boolean succeeded, List<OpResult> results) {
    /**
     * Copies the list.
     *
     * @param revision the revision after the txn
     * @param succeeded whether every compare held
     * @param results the answers of the operations that ran
     */
    public TxnResult {
      results = List.copyOf(results);
    }
  }

  /**
   * A lease.
   *
   * @param id the lease's id
   * @param ttlSeconds its time to live in seconds; 0 when etcd no longer has it
   */
  public record Lease(long id, long ttlSeconds) {
    /** {@return whether etcd no longer has this lease (it expired or was revoked)} */
    public boolean expired() {
      return ttlSeconds <= 0;
    }
  }

  /**
   * How long a lease has left.
   *
   * @param id the lease's id
   * @param ttlSeconds the seconds left, or -1 when etcd no longer has the lease
   * @param grantedTtlSeconds the TTL it was granted (0 when it is gone)
   * @param keys the keys attached to it, when asked for
   */
  public record LeaseTimeToLive(
      long id, long ttlSeconds, long grantedTtlSeconds, List<String> keys) {
    /**
     * Copies the list.
     *
     * @param id the lease's id
     * @param ttlSeconds the seconds left, or -1
     * @param grantedTtlSeconds the TTL it was granted
     * @param keys the keys attached to it
     */
    public LeaseTimeToLive {
      keys = List.copyOf(keys);
    }
  }

  /**
   * The status of one member.
   *
   * @param version the member's etcd version, such as {@code 3.5.16}
   * @param clusterId the cluster's id, in hexadecimal
   * @param memberId this member's id, in hexadecimal
   * @param leader the leader's member id, in hexadecimal
   * @param revision the store's current revision
   * @param raftIndex the member's raft index
   * @param raftTerm the member's raft term
   * @param dbSize the backend's size in bytes
   * @param dbSizeInUse the bytes of it in use
   * @param learner whether this member is a learner
   * @param errors alarms the member raised, such as {@code NOSPACE}
   */
  public record Status(
      String version,
      String clusterId,
      String memberId,
      String leader,
      long revision,
      long raftIndex,
      long raftTerm,
      long dbSize,
      long dbSizeInUse,
      boolean learner,
      List<String> errors) {
    /**
     * Copies the list.
     *
     * @param version the member's etcd version
     * @param clusterId the cluster's id, in hexadecimal
     * @param memberId this member's id, in hexadecimal
     * @param leader the leader's member id, in hexadecimal
     * @param revision the store's current revision
     * @param raftIndex the member's raft index
     * @param raftTerm the member's raft term
     * @param dbSize the backend's size in bytes
     * @param dbSizeInUse the bytes of it in use
     * @param learner whether this member is a learner
     * @param errors alarms the member raised
     */
    public Status {
      errors = List.copyOf(errors);
    }
  }

  /**
   * One condition of a txn: the target of {@code key} (or of every key in [{@code key}, {@code
   * rangeEnd})), compared with a value or a number. Make one with {@link #value}, {@link #version},
   * {@link #createRevision}, {@link #modRevision} or {@link #lease}. A missing key has version,
   * create and mod revision and lease 0, and fails every {@code VALUE} compare.
   *
   * @param key the key, or the start of the range
   * @param rangeEnd the end of the range (exclusive), or {@code null} for the one key
   * @param target what of the key is compared
   * @param result how it must compare
   * @param value the value compared with, for {@link Target#VALUE}; otherwise {@code null}
   * @param number the number compared with, for the other targets; otherwise 0
   */
  public record Compare(
      String key,
      @Nullable String rangeEnd,
      Target target,
      Result result,
      @Nullable String value,
      long number) {
    /** What of a key a {@link Compare} looks at. */
    public enum Target {
      /** The value. */
      VALUE,
      /**
       * The version: how many times the key was written since it was created; 0 when it does not
       * exist.
       */
      VERSION,
      /** The revision that created the key; 0 when it does not exist. */
      CREATE,
      /** The revision that last changed the key; 0 when it does not exist. */
      MOD,
      /** The lease the key is attached to; 0 for none. */
      LEASE
    }

    /** How the target must compare with the given value or number. */
    public enum Result {
      /** Equal. */
      EQUAL,
      /** Not equal. */
      NOT_EQUAL,
      /** Less than. */
      LESS,
      /** Greater than. */
      GREATER
    }

    /**
     * Checks that a value is given exactly for {@link Target#VALUE}.
     *
     * @param key the key, or the start of the range
     * @param rangeEnd the end of the range, or {@code null} for the one key
     * @param target what of the key is compared
     * @param result how it must compare
     * @param value the value compared with, for {@link Target#VALUE}; otherwise {@code null}
     * @param number the number compared with, for the other targets; otherwise 0
     * @throws IllegalArgumentException when it is not
     */
    public Compare {
      requireNonNull(key, "key == null");
      requireNonNull(target, "target == null");
      requireNonNull(result, "result == null");
      if ((target == Target.VALUE) != (value != null)) {
        throw new IllegalArgumentException(
            target == Target.VALUE
                ? "A VALUE compare needs a value"
                : "A " + target + " compare takes a number, not a value");
      }
    }

    /**
     * {@return a compare of the value of {@code key}}
     *
     * @param key the key
     * @param result how the value must compare with {@code value}
     * @param value the value
     */
    public static Compare value(String key, Result result, String value) {
      return new Compare(
          key, null, Target.VALUE, result, requireNonNull(value, "value == null"), 0);
    }

    /**
     * {@return a compare of the version of {@code key}}
     *
     * @param key the key
     * @param result how the version must compare with {@code version}
     * @param version the version; 0 is "does not exist"
     */
    public static Compare version(String key, Result result, long version) {
      return new Compare(key, null, Target.VERSION, result, null, version);
    }

    /**
     * {@return a compare of the create revision of {@code key}}
     *
     * @param key the key
     * @param result how the create revision must compare with {@code revision}
     * @param revision the revision; 0 is "does not exist"
     */
    public static Compare createRevision(String key, Result result, long revision) {
      return new Compare(key, null, Target.CREATE, result, null, revision);
    }

    /**
     * {@return a compare of the mod revision of {@code key}}
     *
     * @param key the key
     * @param result how the mod revision must compare with {@code revision}
     * @param revision the revision
     */
    public static Compare modRevision(String key, Result result, long revision) {
      return new Compare(key, null, Target.MOD, result, null, revision);
    }

    /**
     * {@return a compare of the lease of {@code key}}
     *
     * @param key the key
     * @param result how the lease id must compare with {@code lease}
     * @param lease the lease id; 0 is "no lease"
     */
    public static Compare lease(String key, Result result, long lease) {
      return new Compare(key, null, Target.LEASE, result, null, lease);
    }

    /**
     * {@return a copy comparing every key in [{@code key}, {@code rangeEnd}): all must satisfy it}
     *
     * @param rangeEnd the end of the range, {@code "\0"} for every key from the start key on, or
     *     {@code null}
     */
    public Compare withRangeEnd(@Nullable String rangeEnd) {
      return new Compare(key, rangeEnd, target, result, value, number);
    }
  }

  /** One operation of a txn: a {@link Put}, a {@link Range} or a {@link DeleteRange}. */
  public sealed interface Op permits Op.Put, Op.Range, Op.DeleteRange {
    /**
     * A put.
     *
     * @param key the key
     * @param value the value
     * @param options lease and prev-kv
     */
    record Put(String key, String value, PutOptions options) implements Op {}

    /**
     * A range.
     *
     * @param key the key, or the start of the range
     * @param options range end, limit, revision, ...
     */
    record Range(String key, RangeOptions options) implements Op {}

    /**
     * A delete.
     *
     * @param key the key, or the start of the range
     * @param options range end and prev-kv
     */
    record DeleteRange(String key, DeleteRangeOptions options) implements Op {}

    /**
     * {@return a put of {@code value} at {@code key}}
     *
     * @param key the key
     * @param value the value
     */
    static Op put(String key, String value) {
      return new Put(key, value, PutOptions.defaults());
    }

    /**
     * {@return a put with options}
     *
     * @param key the key
     * @param value the value
     * @param options lease and prev-kv
     */
    static Op put(String key, String value, PutOptions options) {
      return new Put(key, value, options);
    }

    /**
     * {@return a read of the one key {@code key}}
     *
     * @param key the key
     */
    static Op range(String key) {
      return new Range(key, RangeOptions.defaults());
    }

    /**
     * {@return a read with options}
     *
     * @param key the key, or the start of the range
     * @param options range end, limit, revision, ...
     */
    static Op range(String key, RangeOptions options) {
      return new Range(key, options);
    }

    /**
     * {@return a delete of the one key {@code key}}
     *
     * @param key the key
     */
    static Op deleteRange(String key) {
      return new DeleteRange(key, DeleteRangeOptions.defaults());
    }

    /**
     * {@return a delete with options}
     *
     * @param key the key, or the start of the range
     * @param options range end and prev-kv
     */
    static Op deleteRange(String key, DeleteRangeOptions options) {
      return new DeleteRange(key, options);
    }
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
      Request request = client.txnRequest(this);
      try {
        return client.calls.txnNow(request);
      } catch (EtcdIndeterminateException lost) {
        if (!sendAgain()) {
          throw lost;
        }
        TxnResult again;
        try {
          again = client.calls.txnNow(request);
        } catch (EtcdException e) {
          lost.addSuppressed(e);
          throw lost;
        }
        return conclusive(again, request, lost);
      }
    }

    /**
     * Like {@link #commit()}, asynchronously.
     *
     * @return a future of the answer; it fails with the {@link EtcdException} the blocking call
     *     would throw
     */
    public CompletableFuture<TxnResult> commitAsync() {
      Request request = client.txnRequest(this);
      return client
          .calls
          .txnAsync(request)
          .exceptionallyCompose(
              failure -> {
                Throwable cause =
                    failure instanceof CompletionException ? failure.getCause() : failure;
                if (!(cause instanceof EtcdIndeterminateException lost) || !sendAgain()) {
                  return CompletableFuture.failedFuture(cause);
                }
                return client
                    .calls
                    .txnAsync(request)
                    .handle(
                        (again, e) -> {
                          if (e != null) {
                            lost.addSuppressed(e instanceof CompletionException ? e.getCause() : e);
                            throw lost;
                          }
                          return conclusive(again, request, lost);
                        });
              });
    }

    /**
     * Whether a txn whose answer was lost is sent once more: with {@code allow_reconnect}, when its
     * compares let it apply at most once ({@link V3RetryRule#guarded}).
     */
    private boolean sendAgain() {
      return client.settings.allowReconnect() && V3RetryRule.guarded(compares, success, failure);
    }

    /**
     * The answer of the second send: a success proves the first did not apply; compares that failed
     * may have failed because it did.
     */
    private static TxnResult conclusive(
        TxnResult again, Request request, EtcdIndeterminateException lost) {
      if (again.succeeded()) {
        return again;
      }
      throw new EtcdIndeterminateException(
          "The outcome of POST "
              + request.url().encodedPath()
              + " is unknown: it reached etcd at "
              + lost.endpoint()
              + ", but the connection failed before the answer arrived. Sent once more (its"
              + " mod_revision compares let it apply at most once), its compares failed, which the"
              + " first send may have caused; read the keys to find out whether it was applied",
          lost.endpoint(),
          lost);
    }
  }
}
