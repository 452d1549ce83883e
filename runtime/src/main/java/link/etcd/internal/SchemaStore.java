package link.etcd.internal;

import static java.util.Objects.requireNonNull;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import link.etcd.conf.ConfCategory;
import link.etcd.conf.ConfDriver;
import link.etcd.conf.Configuration;
import link.etcd.conf.Parameter;
import link.etcd.conf.ReloadListener;
import org.jspecify.annotations.Nullable;

/**
 * The values of one configuration schema: a snapshot of its paths, loaded through a {@link
 * ConfDriver} on first use, and the writes that go to the most specific path. Called by code that
 * {@code link-etcd-processor} generates; not for users.
 *
 * <p>For every schema path in order, every resource the driver lists for it is loaded, later ones
 * overriding earlier ones. Writes are saved into the last resource of the last path and merged into
 * the snapshot.
 */
public final class SchemaStore {
  private final ConfDriver driver;
  private final List<String> paths;
  private final Object lock = new Object();
  private final List<ReloadListener> listeners = new CopyOnWriteArrayList<>();
  private volatile @Nullable Snapshot snapshot;

  /**
   * The merged configuration, and for each {@code CATEGORY/param} the resource its value came from.
   */
  private record Snapshot(Configuration conf, Map<String, String> origins) {}

  /**
   * Creates a store that reads {@code paths} (later ones overriding earlier ones) through {@code
   * driver}.
   */
  public SchemaStore(ConfDriver driver, List<String> paths) {
    this.driver = requireNonNull(driver, "driver == null");
    this.paths = List.copyOf(paths);
    if (this.paths.isEmpty()) {
      throw new IllegalArgumentException("A schema needs at least one path");
    }
  }

  /** A store that only reads {@code snapshot}: what {@link #autoReload} hands to its check. */
  private SchemaStore(SchemaStore of, Snapshot snapshot) {
    this.driver = of.driver;
    this.paths = of.paths;
    this.snapshot = snapshot;
  }

  /**
   * Keeps the snapshot current: watches every resource of every path through the driver, and after
   * each change loads them all again. New values replace the snapshot only when they load and
   * {@code check} accepts them (it gets a store that reads the new values and throws to refuse
   * them); otherwise the last good values stay. Listeners hear about each reload and each refusal.
   * The snapshot is loaded once now, after the watches started, so no change in between is missed.
   *
   * @return the subscription that stops the watches
   * @throws UnsupportedOperationException when the driver cannot watch
   */
  public ConfDriver.Subscription autoReload(Consumer<SchemaStore> check) {
    List<ConfDriver.Subscription> watches = new ArrayList<>();
    try {
      for (String path : paths) {
        for (String resource : driver.resourcePaths(path)) {
          watches.add(driver.watch(resource, () -> reloadChecked(check), this::watchEnded));
        }
      }
      reload();
    } catch (RuntimeException e) {
      watches.forEach(ConfDriver.Subscription::close);
      throw e;
    }
    return () -> watches.forEach(ConfDriver.Subscription::close);
  }

  /** Adds a listener of the reloads that {@link #autoReload} makes. */
  public void addListener(ReloadListener listener) {
    listeners.add(requireNonNull(listener, "listener == null"));
  }

  /** Removes a listener added by {@link #addListener}; does nothing when it is not there. */
  public void removeListener(ReloadListener listener) {
    listeners.remove(listener);
  }

  private void reloadChecked(Consumer<SchemaStore> check) {
    try {
      synchronized (lock) {
        Snapshot candidate = load();
        check.accept(new SchemaStore(this, candidate));
        snapshot = candidate;
      }
    } catch (RuntimeException e) {
      for (ReloadListener listener : listeners) {
        tell(listener, () -> listener.failed(e));
      }
      return;
    }
    for (ReloadListener listener : listeners) {
      tell(listener, listener::reloaded);
    }
  }

  /** A watch ended on an error: no reload will follow, and the listeners hear why. */
  private void watchEnded(RuntimeException error) {
    RuntimeException ended =
        new IllegalStateException(
            "Automatic reloading stopped: "
                + error.getMessage()
                + "; the last good values are kept, and autoReload() must be called again to resume",
            error);
    for (ReloadListener listener : listeners) {
      tell(listener, () -> listener.failed(ended));
    }
  }

  private static void tell(ReloadListener listener, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      System.getLogger(SchemaStore.class.getName())
          .log(Level.WARNING, "Reload listener " + listener + " failed", e);
    }
  }

  /** Drops the snapshot and loads a new one from the driver now. */
  public void reload() {
    synchronized (lock) {
      snapshot = load();
    }
  }

  /**
   * One property of a schema: where its value is stored, how its text converts, and whether it is a
   * secret. A generated accessor holds one constant per property.
   *
   * @param <T> the type of one value
   * @param category the category holding the value
   * @param name the parameter's name within the category
   * @param parse converts one stored text
   * @param secret whether the value is never quoted, in errors or {@code toString()}
   */
  public record Param<T>(String category, String name, Function<String, T> parse, boolean secret) {
    /** {@return a property whose value errors may quote} */
    public static <T> Param<T> of(String category, String name, Function<String, T> parse) {
      return new Param<>(category, name, parse, false);
    }

    /** {@return a property whose value is never quoted} */
    public static <T> Param<T> secret(String category, String name, Function<String, T> parse) {
      return new Param<>(category, name, parse, true);
    }
  }

  /**
   * Returns what {@code getter} returns, as text for {@code toString()}; when it throws (nothing
   * stored for a value without default, a value that does not convert), the reason in angle
   * brackets.
   */
  public static String show(Supplier<?> getter) {
    try {
      return String.valueOf(getter.get());
    } catch (IllegalStateException e) {
      return "<" + e.getMessage() + ">";
    }
  }

  /**
   * Returns the converted value of {@code param}, or null when it is not stored.
   *
   * @throws IllegalStateException when the stored value does not convert, naming where it is stored
   *     (the value is not quoted when the param is secret)
   */
  public <T> @Nullable T get(Param<T> param) {
    return get(param.category(), param.name(), param.parse(), param.secret());
  }

  private <T> @Nullable T get(
      String category, String param, Function<String, T> parse, boolean secret) {
    Snapshot current = current();
    Parameter parameter = current.conf.parameter(category, param).orElse(null);
    if (parameter == null) {
      return null;
    }
    String where = where(current, category, param);
    String value = parameter.value();
    if (value == null) {
      throw new IllegalStateException("Expected one value but found list items at " + where);
    }
    return convert(parse, value, secret, where);
  }

  /**
   * Returns the converted value of {@code param}.
   *
   * @param method the schema method, as {@code MyConfigurable.port()}, named in the error when
   *     nothing is stored
   * @throws IllegalStateException when nothing is stored, or the stored value does not convert
   */
  public <T> T require(Param<T> param, String method) {
    T value = get(param);
    if (value == null) {
      throw new IllegalStateException(
          "No value for "
              + method
              + " at "
              + where(current(), param.category(), param.name())
              + "; store one there or declare a @Default");
    }
    return value;
  }

  /**
   * Returns the converted items of list {@code param}, or null when it is not stored.
   *
   * @throws IllegalStateException when an item does not convert, naming the item's place ({@code
   *     .../param/2})
   */
  public <T> @Nullable List<T> list(Param<T> list) {
    String category = list.category();
    String param = list.name();
    Function<String, T> parse = list.parse();
    boolean secret = list.secret();
    Snapshot current = current();
    Parameter parameter = current.conf.parameter(category, param).orElse(null);
    if (parameter == null) {
      return null;
    }
    String where = where(current, category, param);
    List<String> items = parameter.items();
    if (items == null) {
      throw new IllegalStateException(
          "Expected list items "
              + param
              + "/1, "
              + param
              + "/2, ... but found one value"
              + " at "
              + where);
    }
    List<T> result = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      result.add(convert(parse, items.get(i), secret, where + "/" + (i + 1)));
    }
    return List.copyOf(result);
  }

  /**
   * Returns the raw stored value of {@code category/param} as text, items as {@code [a, b]}, or
   * null.
   */
  public @Nullable String raw(String category, String param) {
    Parameter parameter = current().conf.parameter(category, param).orElse(null);
    if (parameter == null) {
      return null;
    }
    return parameter.value() != null ? parameter.value() : String.valueOf(parameter.items());
  }

  /** Returns a batch of writes that {@link Batch#apply()} saves in one driver call. */
  public Batch edit() {
    return new Batch();
  }

  /**
   * A batch of writes, saved in one {@link ConfDriver#save} call, then one {@link
   * ConfDriver#remove} call per removed value. Not safe for use by several threads.
   */
  public final class Batch {
    private Configuration changes = Configuration.empty();
    private final Set<List<String>> removals = new LinkedHashSet<>();

    private Batch() {}

    /** Sets {@code param} to {@code value}, its stored text. */
    public Batch set(Param<?> param, String value) {
      return set(param.category(), new Parameter(param.name(), value));
    }

    /**
     * Sets list {@code param} to {@code items}, their stored texts, replacing every stored item.
     */
    public Batch setList(Param<?> param, List<String> items) {
      return set(param.category(), Parameter.list(param.name(), items));
    }

    /** Removes the value or list {@code param} from the most specific resource. */
    public Batch remove(Param<?> param) {
      changes = changes.without(param.category(), param.name());
      removals.add(List.of(param.category(), param.name()));
      return this;
    }

    private Batch set(String category, Parameter parameter) {
      changes = changes.with(category, parameter);
      removals.remove(List.of(category, parameter.name()));
      return this;
    }

    /**
     * Saves every change into the most specific resource and updates the snapshot; after a removal
     * the snapshot is loaded again, since an earlier path may hold the removed value.
     */
    public void apply() {
      boolean values =
          changes.categories().stream().anyMatch(category -> !category.parameters().isEmpty());
      if (!values && removals.isEmpty()) {
        return;
      }
      String target = target();
      synchronized (lock) {
        if (values) {
          driver.save(target, changes);
        }
        for (List<String> removal : removals) {
          driver.remove(target, removal.get(0), removal.get(1));
        }
        Snapshot current = snapshot;
        if (current != null && !removals.isEmpty()) {
          snapshot = load();
        } else if (current != null) {
          Map<String, String> origins = new HashMap<>(current.origins);
          record(origins, changes, target);
          snapshot = new Snapshot(current.conf.mergedWith(changes), Map.copyOf(origins));
        }
      }
    }
  }

  private Snapshot current() {
    Snapshot current = snapshot;
    if (current == null) {
      synchronized (lock) {
        current = snapshot;
        if (current == null) {
          current = load();
          snapshot = current;
        }
      }
    }
    return current;
  }

  private Snapshot load() {
    Configuration conf = Configuration.empty();
    Map<String, String> origins = new HashMap<>();
    for (String path : paths) {
      for (String resource : driver.resourcePaths(path)) {
        Configuration loaded = driver.load(resource).orElse(null);
        if (loaded != null) {
          conf = conf.mergedWith(loaded);
          record(origins, loaded, resource);
        }
      }
    }
    return new Snapshot(conf, Map.copyOf(origins));
  }

  private static void record(Map<String, String> origins, Configuration conf, String resource) {
    for (ConfCategory category : conf.categories()) {
      for (Parameter parameter : category.parameters()) {
        origins.put(category.name() + "/" + parameter.name(), resource);
      }
    }
  }

  private String target() {
    List<String> resources = driver.resourcePaths(paths.get(paths.size() - 1));
    if (resources.isEmpty()) {
      throw new IllegalStateException(
          "The driver lists no resource for " + paths.get(paths.size() - 1));
    }
    return resources.get(resources.size() - 1);
  }

  private String where(Snapshot current, String category, String param) {
    String resource = current.origins.get(category + "/" + param);
    if (resource == null) {
      resource = target();
    }
    return (resource.startsWith("/") ? "" : "/") + resource + "/" + category + "/" + param;
  }

  private static <T> T convert(
      Function<String, T> parse, String raw, boolean secret, String where) {
    try {
      return parse.apply(raw);
    } catch (ConfValues.Mismatch e) {
      if (secret) {
        throw new IllegalStateException(
            "Expected " + e.expected() + " but was a secret value at " + where);
      }
      throw new IllegalStateException(e.getMessage() + " at " + where, e);
    }
  }
}
