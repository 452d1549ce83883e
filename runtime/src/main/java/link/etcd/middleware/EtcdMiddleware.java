package link.etcd.middleware;

import static java.util.Objects.requireNonNull;

import com.squareup.moshi.Moshi;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import link.etcd.EtcdClient;
import link.etcd.EtcdException;
import link.etcd.EtcdKeyNotFoundException;
import link.etcd.EtcdSettings;
import link.etcd.EtcdV3Client;
import link.etcd.internal.Keys;
import org.jspecify.annotations.Nullable;

/**
 * etcd as a nested map, the seed's dict protocol: {@link #set} writes a {@code Map} as a directory
 * tree and a {@code List} as items {@code 1}, {@code 2}, ...; {@link #get} reads a whole tree back;
 * {@link #delete} erases it; {@link #contains} tests it. From Kotlin these are operators: {@code
 * client["/a"] = tree}, {@code client["/a"]}, {@code "/a" in client}, {@code client -= "/a"}.
 *
 * <pre>{@code
 * try (EtcdMiddleware client = new EtcdMiddleware()) {      // reads middleware.conf, as the seed does
 *   client.set("/collection", Map.of("subcollection", List.of("item1", "item2")));
 *   // wrote /collection/subcollection/1 = item1 and /collection/subcollection/2 = item2
 *   Object tree = client.get("/collection");                // {subcollection=[item1, item2]}
 *   client.delete("/collection");                           // erases the whole tree
 * }
 * }</pre>
 *
 * <p>Records and other classes are mapped to trees and back with Moshi: {@code client.set("/svc",
 * new Service("h", 80))} writes {@code /svc/host} and {@code /svc/port}, and {@code
 * client.get("/svc", Service.class)} reads them back, parsing the leaves as the declared types say.
 * Pass your own {@code Moshi} to {@link #EtcdMiddleware(EtcdSettings, Moshi)} for custom adapters.
 * For trees built fluently, with TTLs, see {@link link.etcd.dsl.EtcdTree}.
 *
 * <p>Construction does no I/O: the connection is made on first use, or by {@link #connect()}. Safe
 * for use by many threads. With {@code api = v2} (the default) a tree write is several requests,
 * not a transaction, so concurrent writers of the same tree can interleave and leave the union of
 * their trees (see {@code docs/semantics.md}, "Concurrent writers"); with {@code api = v3} a tree
 * write within etcd's limits is one atomic txn, retried from a fresh read when another writer got
 * there first (see {@code docs/v3.md}).
 *
 * <p>On the v2 API, keys whose last segment starts with {@code _} are hidden by etcd: {@link #get}
 * of a directory does not list them and a replacing {@link #set} does not remove them, though
 * {@code get} of the key itself reads it.
 */
public final class EtcdMiddleware implements AutoCloseable {
  private final EtcdSettings settings;
  private final TypeMapping mapping;
  private @Nullable Backend backend;
  private boolean closed;

  /**
   * Creates a middleware configured by {@code middleware.conf}, read with {@link
   * EtcdSettings#load()}.
   */
  public EtcdMiddleware() {
    this(EtcdSettings.load());
  }

  /**
   * Creates a middleware for {@code settings}, mapping objects with a default {@code Moshi}. Kotlin
   * classes map when moshi-kotlin is on the class path: its {@code KotlinJsonAdapterFactory} is
   * then added to every middleware's {@code Moshi}.
   *
   * @param settings where etcd is and how to reach it
   */
  public EtcdMiddleware(EtcdSettings settings) {
    this.settings = settings;
    this.mapping = TypeMapping.DEFAULT;
  }

  /**
   * Creates a middleware for {@code settings} that maps objects to trees and back with {@code
   * moshi}, so that its adapters apply: {@code new Moshi.Builder().add(new
   * InstantAdapter()).build()}, or with {@code KotlinJsonAdapterFactory} for Kotlin classes.
   * Moshi's own adapters for numbers and booleans are wrapped to parse etcd's string leaves.
   *
   * @param settings where etcd is and how to reach it
   * @param moshi the {@code Moshi} whose adapters map objects
   */
  public EtcdMiddleware(EtcdSettings settings, Moshi moshi) {
    this.settings = settings;
    this.mapping = new TypeMapping(moshi);
  }

  /** {@return the settings this middleware connects with} */
  public EtcdSettings settings() {
    return settings;
  }

  /**
   * Reads the tree at {@code path} with one recursive, sorted read. A key gives its {@code String}
   * value; a directory gives a {@code Map<String, Object>} keyed by each child's last segment, in
   * key order, or a {@code List<Object>} when its children are named exactly {@code 1}, {@code 2},
   * ..., {@code n} (as {@link #set} writes lists), in that order; an empty directory gives an empty
   * map. So {@code set} of what {@code get} returned never renames a key. The result is a fresh
   * copy that the caller may change.
   *
   * @param path the key or directory, such as {@code /svc}
   * @return a {@code String}, a {@code Map<String, Object>} or a {@code List<Object>}
   * @throws EtcdKeyNotFoundException when nothing is stored at {@code path}
   */
  public Object get(String path) {
    return requireNonNull(ListRule.untyped(backend().read(Keys.normalize(path))));
  }

  /**
   * Reads the directory at {@code path} as {@link #get(String)} does, typed for Java callers: its
   * children by name, in key order.
   *
   * @param path the directory, such as {@code /svc}
   * @return a fresh map of each child's last segment to its {@code String}, {@code Map} or {@code
   *     List}
   * @throws EtcdKeyNotFoundException when nothing is stored at {@code path}
   * @throws IllegalArgumentException when {@code path} holds a value, or a list (items {@code 1},
   *     {@code 2}, ...)
   */
  @SuppressWarnings(
      "unchecked") // get makes every directory a Map<String, Object> or a List<Object>.
  public Map<String, Object> getMap(String path) {
    String key = Keys.normalize(path);
    Object tree = get(key);
    if (tree instanceof Map) {
      return (Map<String, Object>) tree;
    }
    throw new IllegalArgumentException(
        "Expected a directory of named children at "
            + key
            + " but found "
            + shape(tree)
            + "; read it with "
            + (tree instanceof List ? "getList" : "get(path, String.class)"));
  }

  /**
   * Reads the list at {@code path} (a directory of items {@code 1}, {@code 2}, ..., as {@link #set}
   * writes a list and {@link #append} adds to one) as {@link #get(String)} does, typed for Java
   * callers; an empty directory gives an empty list.
   *
   * @param path the directory, such as {@code /queue}
   * @return a fresh list of the items' {@code String}, {@code Map} or {@code List} values, in
   *     numeric order
   * @throws EtcdKeyNotFoundException when nothing is stored at {@code path}
   * @throws IllegalArgumentException when {@code path} holds a value, or children that are not all
   *     numbers
   */
  @SuppressWarnings(
      "unchecked") // get makes every directory a Map<String, Object> or a List<Object>.
  public List<Object> getList(String path) {
    String key = Keys.normalize(path);
    Object tree = get(key);
    if (tree instanceof List) {
      return (List<Object>) tree;
    }
    if (tree instanceof Map<?, ?> map && map.isEmpty()) {
      return new ArrayList<>();
    }
    throw new IllegalArgumentException(
        "Expected a list (a directory of items 1, 2, ...) at "
            + key
            + " but found "
            + shape(tree)
            + "; read it with "
            + (tree instanceof Map ? "getMap" : "get(path, String.class)"));
  }

  private static String shape(Object tree) {
    return tree instanceof Map
        ? "a directory of named children"
        : tree instanceof List ? "a list" : "a value";
  }

  /**
   * Reads the tree at {@code path} into {@code type} with Moshi: a directory into a record, a class
   * with fields or a {@code Map} (keyed by every child's name, numbers included); a directory of
   * children named by numbers (items {@code 1}, {@code 2}, ..., or in-order keys) into a {@code
   * List}, {@code Set} or array, in numeric order; a value declared {@code Object} as {@link
   * #get(String)} reads it; a leaf into a {@code String}, an enum (by name), or a number or boolean
   * parsed from the leaf's string as the declared type says. An empty directory reads as an empty
   * map, collection or array, as declared.
   *
   * <pre>{@code
   * record Service(String host, int port, boolean tls, List<String> tags) {}
   * Service service = client.get("/svc", Service.class);
   * }</pre>
   *
   * @param <T> the class read into
   * @param path the key or directory, such as {@code /svc}
   * @param type the class to read the tree into
   * @return the tree mapped to {@code type}
   * @throws EtcdKeyNotFoundException when nothing is stored at {@code path}
   * @throws IllegalArgumentException when the tree does not fit {@code type}, naming the key, as in
   *     {@code Expected an int but was "abc" at /svc/port}, or when Moshi cannot map {@code type}
   */
  public <T> T get(String path, Class<T> type) {
    return get(path, (Type) type);
  }

  /**
   * Reads the tree at {@code path} into {@code type}, which may be generic, such as {@code
   * List<Service>}; see {@link #get(String, Class)}. The caller chooses {@code T}; it must fit
   * {@code type}.
   *
   * @param <T> the type read into, as the caller declares it
   * @param path the key or directory, such as {@code /svc}
   * @param type the type to read the tree into
   * @return the tree mapped to {@code type}
   * @throws EtcdKeyNotFoundException when nothing is stored at {@code path}
   * @throws IllegalArgumentException when the tree does not fit {@code type}, naming the key
   */
  @SuppressWarnings("unchecked") // The caller's T stands for the type that Moshi read.
  public <T> T get(String path, Type type) {
    String key = Keys.normalize(path);
    Object value = mapping.fromTree(backend().read(key), type, key);
    if (value == null) {
      throw new IllegalArgumentException(
          "The adapter of " + type.getTypeName() + " read null from " + key);
    }
    return (T) value;
  }

  /**
   * Makes {@code path} hold {@code value}, replacing what was there: afterwards {@code get(path)}
   * equals {@code value} (lists read back as lists, other values as strings).
   *
   * <ul>
   *   <li>a scalar ({@code CharSequence}, {@code Number}, {@code Boolean}, {@code Character},
   *       {@code Enum}) is written as its string form (an enum by name);
   *   <li>a {@code Map} becomes a directory, recursively; its keys are single key segments;
   *   <li>a {@code List} or an array becomes a directory of items {@code 1}, {@code 2}, ... in
   *       order;
   *   <li>an empty map or list becomes an empty directory;
   *   <li>an {@link Expiring} writes its value with a TTL;
   *   <li>any other object, such as a record or a class with fields, is turned into maps, lists and
   *       scalars by Moshi ({@code null} fields are left out), then written as above.
   * </ul>
   *
   * <p>The whole value is checked before the first request: {@code null}, unsupported types, cycles
   * and bad keys (including a {@code /} inside a map key) fail with an {@link
   * IllegalArgumentException} naming the path, and nothing is written. New leaves are written
   * before what the new value no longer has is pruned, so old data is never deleted before its
   * replacement is written, except where a node changes kind (a key becoming a directory, or the
   * reverse). At the root {@code /}, the map's children are written and nothing else is removed; a
   * scalar at the root fails with {@link link.etcd.EtcdError#ROOT_READ_ONLY}.
   *
   * @param path the key or directory, such as {@code /svc}
   * @param value what {@code path} holds afterwards; not {@code null}
   * @throws IllegalArgumentException when {@code value} cannot be written, before any request
   * @throws EtcdPartialWriteException when a request fails after others were applied; it lists both
   */
  public void set(String path, Object value) {
    write(path, value, TreeWriter.Mode.REPLACE);
  }

  /**
   * Writes {@code value} at {@code path} like {@link #set}, but only adds and overwrites: what is
   * stored under {@code path} and not in {@code value} stays.
   *
   * @param path the key or directory, such as {@code /svc}
   * @param value what to add or overwrite under {@code path}; not {@code null}
   * @throws IllegalArgumentException when {@code value} cannot be written, before any request
   * @throws EtcdPartialWriteException when a request fails after others were applied; it lists both
   */
  public void merge(String path, Object value) {
    write(path, value, TreeWriter.Mode.MERGE);
  }

  private void write(String path, Object value, TreeWriter.Mode mode) {
    String key = Keys.normalize(path);
    TreeNode tree = TreeValidator.validate(key, value, mapping);
    backend().write(key, tree, mode);
  }

  /**
   * {@return whether anything, a key or a directory, is stored at {@code path}}
   *
   * @param path the key or directory, such as {@code /svc}
   * @throws link.etcd.EtcdException for every failure but "key not found"
   */
  public boolean contains(String path) {
    return backend().contains(Keys.normalize(path));
  }

  /**
   * Erases {@code path} and everything under it.
   *
   * @param path the key or directory, such as {@code /svc}
   * @throws EtcdKeyNotFoundException when nothing is stored at {@code path}, as {@link #get} does
   * @throws link.etcd.EtcdException with {@link link.etcd.EtcdError#ROOT_READ_ONLY} for {@code /}
   */
  public void delete(String path) {
    backend().delete(Keys.normalize(path));
  }

  /**
   * Same as {@link #delete}, named for Kotlin's {@code client -= "/path"}.
   *
   * @param path the key or directory, such as {@code /svc}
   */
  public void minusAssign(String path) {
    delete(path);
  }

  /**
   * Adds {@code value} (a scalar) as a new in-order item of the directory {@code path}, and returns
   * the key etcd created for it, such as {@code /queue/00000000000000000042}. {@link #get} reads
   * such a directory as a map keyed by those names; {@code get(path, List.class)} reads it as a
   * list in the order of the appends.
   *
   * @param path the directory to append to
   * @param value the item, a scalar
   * @return the key etcd created for the item
   */
  public String append(String path, Object value) {
    if (value == null) {
      throw new IllegalArgumentException("null value appended to " + path + "; etcd holds strings");
    }
    String scalar = TreeValidator.scalar(value);
    if (scalar == null) {
      throw new IllegalArgumentException(
          "append takes a CharSequence, Number, Boolean, Character or Enum, but "
              + "got "
              + value.getClass().getName()
              + " for "
              + path
              + "; use set(path + \"/<name>\", tree) for trees");
    }
    return backend().append(Keys.normalize(path), scalar);
  }

  /**
   * {@return how long {@code path} has left to live, or empty when it does not expire} A key or
   * directory written with a TTL ({@link Expiring}, the tree DSL's {@code ttl}) expires; on the v3
   * API a key under a directory with a TTL shares the directory's lease, so it reports the
   * directory's time.
   *
   * @param path the key or directory, such as {@code /locks/job-42}
   * @throws EtcdKeyNotFoundException when nothing is stored at {@code path}
   */
  public Optional<Duration> ttl(String path) {
    Long seconds = backend().ttl(Keys.normalize(path));
    return seconds == null ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
  }

  /**
   * Keeps the TTLs of {@code path} alive: renews every lease attached to a key at or under it (one
   * per TTL of each write: {@link Expiring}, the tree DSL's {@code ttl}) every third of its TTL,
   * until the returned handle is closed or this middleware disconnects. It follows the path: after
   * every change there it reads the leases again, so a tree written again with a new TTL is kept
   * alive, and a lease no key there uses any more is left to expire. When nothing at or under the
   * path has a lease any more (its keys were deleted, or a lease is gone: revoked, or expired
   * because no renewal reached etcd), {@code onGone} is called once with an {@link
   * EtcdKeyNotFoundException} saying so, and the renewals stop. Only on the v3 API.
   *
   * <pre>{@code
   * client.set("/workers/w1", new Expiring(Map.of("state", "up"), Duration.ofSeconds(10)));
   * try (TreeWatch alive = client.keepAlive("/workers/w1", gone -> stopWorking())) { ... }
   * }</pre>
   *
   * @param path the key or directory whose TTLs to keep, such as {@code /workers/w1}
   * @param onGone called once, when nothing at or under {@code path} has a lease, on a client
   *     thread
   * @return the running renewals; close it to stop them (the keys then expire after their TTL)
   * @throws IllegalArgumentException when nothing at or under {@code path} has a TTL
   * @throws UnsupportedOperationException on the v2 API, which has no leases
   */
  public TreeWatch keepAlive(String path, Consumer<EtcdException> onGone) {
    return backend().keepAlive(Keys.normalize(path), onGone);
  }

  /**
   * Calls {@code onChange} after every change at or under {@code path}, on the client's watch
   * thread, until the returned watch is closed or this middleware disconnects; {@code onEnd} gets
   * the error the watch ends on when it cannot go on. {@link link.etcd.driver.EtcdConfDriver} and
   * the generated accessors' {@code autoReload} watch with this. It works the same on both APIs:
   * long polls on v2, a watch stream on v3 (see {@code docs/v3.md}).
   *
   * <pre>{@code
   * try (TreeWatch changes = client.watch("/myproject/app.conf", this::reload, this::failed)) {
   *   ...
   * }
   * }</pre>
   *
   * @param path the key or directory to watch, such as {@code /myproject/app.conf}
   * @param onChange what to run after each change; it reads the tree again itself
   * @param onEnd what to run with the error when the watch ends on its own
   * @return the running watch
   * @throws link.etcd.EtcdException when etcd cannot be reached to start the watch
   */
  public TreeWatch watch(String path, Runnable onChange, Consumer<RuntimeException> onEnd) {
    return backend().watch(Keys.normalize(path), onChange, onEnd);
  }

  /**
   * {@return the v2 client this middleware uses, connecting first if needed}
   *
   * @throws IllegalStateException when this middleware uses the v3 API ({@code api = v3})
   */
  public EtcdClient client() {
    if (backend() instanceof V2Backend v2) {
      return v2.client();
    }
    throw new IllegalStateException(
        "This EtcdMiddleware uses the v3 API (api = v3), which EtcdClient does not speak; use v3Client()");
  }

  /**
   * {@return the v3 client this middleware uses, connecting first if needed}
   *
   * @throws IllegalStateException when this middleware uses the v2 API ({@code api = v2}, the
   *     default)
   */
  public EtcdV3Client v3Client() {
    if (backend() instanceof V3Backend v3) {
      return v3.client();
    }
    throw new IllegalStateException(
        "This EtcdMiddleware uses the v2 API (api = v2), which EtcdV3Client does not speak; use client()");
  }

  /** Connects now and checks that etcd answers, instead of waiting for the first call. */
  public void connect() {
    backend().connect();
  }

  /**
   * {@return whether a client is open; it is opened on first use and closed by {@link
   * #disconnect()}}
   */
  public synchronized boolean isConnected() {
    return backend != null;
  }

  /** Closes the connections; the next call reconnects. */
  public synchronized void disconnect() {
    if (backend != null) {
      backend.close();
      backend = null;
    }
  }

  /** Disconnects for good: later calls fail with {@link IllegalStateException}. */
  @Override
  public synchronized void close() {
    disconnect();
    closed = true;
  }

  private synchronized Backend backend() {
    if (closed) {
      throw new IllegalStateException("This EtcdMiddleware is closed; create a new one");
    }
    if (backend == null) {
      backend =
          settings.api() == EtcdSettings.Api.V3
              ? new V3Backend(new EtcdV3Client(settings))
              : new V2Backend(new EtcdClient(settings));
    }
    return backend;
  }

  @Override
  public String toString() {
    return "EtcdMiddleware{" + settings + "}";
  }
}
