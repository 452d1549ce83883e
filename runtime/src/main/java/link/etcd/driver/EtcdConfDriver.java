package link.etcd.driver;

import static java.util.Objects.requireNonNull;

import com.squareup.moshi.Types;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import link.etcd.EtcdKeyNotFoundException;
import link.etcd.conf.ConfCategory;
import link.etcd.conf.ConfDriver;
import link.etcd.conf.Configuration;
import link.etcd.conf.Parameter;
import link.etcd.internal.Keys;
import link.etcd.middleware.EtcdMiddleware;
import org.jspecify.annotations.Nullable;

/**
 * Keeps configurations in etcd, as the seed's driver: the configuration path {@code
 * myproject/app.conf} is the directory {@code /myproject/app.conf}, each category a directory under
 * it, each parameter a key holding its raw string value: {@code
 * /myproject/app.conf/MYCONF/myparam}. A list parameter is a directory of the seed's list items:
 * {@code /myproject/app.conf/MYCONF/hosts/1}, {@code .../hosts/2}, ...
 *
 * <pre>{@code
 * EtcdConfDriver driver = new EtcdConfDriver(middleware);
 * Configuration conf = driver.load("/myproject/app.conf").orElseGet(driver::resource);
 * }</pre>
 *
 * <p>Values the Python driver wrote as {@code =py:<literal>} ({@code =py:4001}, {@code =py:True},
 * {@code =py:'text'}) load as the literal ({@code 4001}, {@code True}, {@code text}). A missing
 * path loads as empty; every other failure propagates.
 */
public final class EtcdConfDriver implements ConfDriver {
  private static final String PYTHON_PREFIX = "=py:";

  /**
   * A directory read with every name kept: a map of maps for categories, whose values read as
   * untyped.
   */
  private static final Type DIRECTORY =
      Types.newParameterizedType(Map.class, String.class, Object.class);

  private final EtcdMiddleware middleware;

  /**
   * Creates a driver over its own {@link EtcdMiddleware}, configured by {@code middleware.conf}.
   */
  public EtcdConfDriver() {
    this(new EtcdMiddleware());
  }

  /**
   * Creates a driver over {@code middleware}.
   *
   * @param middleware the middleware the driver reads and writes with
   */
  public EtcdConfDriver(EtcdMiddleware middleware) {
    this.middleware = middleware;
  }

  /** Returns the one etcd directory holding {@code path}: {@code /} followed by the path. */
  @Override
  public List<String> resourcePaths(String path) {
    return List.of(Keys.normalize(path));
  }

  /**
   * Reads the directory {@code resourcePath}: each sub-directory is a category, each key in it a
   * parameter.
   *
   * @return the configuration, or empty when nothing is stored at {@code resourcePath}
   * @throws IllegalArgumentException naming the key when the stored tree does not have that shape
   */
  @Override
  public Optional<Configuration> load(String resourcePath) {
    String root = Keys.normalize(resourcePath);
    Map<String, Object> categories;
    try {
      // A declared map keeps every name; below it, only parameters named exactly 1..n read as a
      // list.
      categories = middleware.get(root, DIRECTORY);
    } catch (EtcdKeyNotFoundException e) {
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(root + " holds a value, not a directory of categories", e);
    }
    Configuration conf = Configuration.empty();
    for (Map.Entry<String, Object> category : categories.entrySet()) {
      String categoryKey = Keys.child(root, category.getKey());
      Map<?, ?> parameters = asDirectory(category.getValue());
      if (parameters == null) {
        throw new IllegalArgumentException(
            categoryKey + " is not a category directory of parameters");
      }
      ConfCategory loaded = new ConfCategory(category.getKey(), List.of());
      for (Map.Entry<?, ?> parameter : parameters.entrySet()) {
        String name = (String) parameter.getKey();
        loaded = loaded.with(parameter(Keys.child(categoryKey, name), name, parameter.getValue()));
      }
      conf = conf.with(loaded);
    }
    return Optional.of(conf);
  }

  /**
   * Returns the parameters of a category: a map as read, or, for the list an untyped read makes of
   * parameters named exactly {@code 1} to {@code n}, a map keyed by those names again; {@code null}
   * for a value.
   */
  private static @Nullable Map<?, ?> asDirectory(Object category) {
    if (category instanceof Map<?, ?> parameters) {
      return parameters;
    }
    if (category instanceof List<?> items) {
      Map<String, Object> parameters = new LinkedHashMap<>();
      for (int i = 0; i < items.size(); i++) {
        parameters.put(Integer.toString(i + 1), items.get(i));
      }
      return parameters;
    }
    return null;
  }

  /**
   * Returns the parameter stored at {@code key}: a value, or list items {@code 1}, {@code 2}, ...
   */
  private static Parameter parameter(String key, String name, Object stored) {
    if (stored instanceof String value) {
      return new Parameter(name, fromPython(value));
    }
    if (stored instanceof Map<?, ?> map && map.isEmpty()) {
      return Parameter.list(name, List.of());
    }
    if (stored instanceof List<?> list) {
      List<String> items = new ArrayList<>(list.size());
      for (Object item : list) {
        if (!(item instanceof String value)) {
          throw new IllegalArgumentException(
              key
                  + " holds a list item that is a directory; a list parameter's"
                  + " items are keys holding values");
        }
        items.add(fromPython(value));
      }
      return Parameter.list(name, items);
    }
    throw new IllegalArgumentException(
        key + " is a directory; a parameter is a key holding a value, or list items 1, 2, ...");
  }

  /**
   * Merges {@code conf} into what is stored at {@code resourcePath} (new values win) in one
   * validated tree write; each list parameter is then replaced as a whole (one more tree write
   * each), so a shorter list leaves no stale items behind.
   */
  @Override
  public void save(String resourcePath, Configuration conf) {
    String root = Keys.normalize(resourcePath);
    Map<String, Object> tree = new LinkedHashMap<>();
    Map<String, List<String>> lists = new LinkedHashMap<>();
    for (ConfCategory category : conf.categories()) {
      Map<String, Object> parameters = new LinkedHashMap<>();
      for (Parameter parameter : category.parameters()) {
        List<String> items = parameter.items();
        if (items == null) {
          parameters.put(parameter.name(), requireNonNull(parameter.value()));
        } else {
          lists.put(Keys.child(Keys.child(root, category.name()), parameter.name()), items);
        }
      }
      tree.put(category.name(), parameters);
    }
    middleware.merge(root, tree);
    for (Map.Entry<String, List<String>> list : lists.entrySet()) {
      middleware.set(list.getKey(), list.getValue());
    }
  }

  /**
   * Deletes {@code /<resourcePath>/<category>/<parameter>}, with its list items; nothing there,
   * nothing done.
   */
  @Override
  public void remove(String resourcePath, String category, String parameter) {
    try {
      middleware.delete(Keys.child(Keys.child(Keys.normalize(resourcePath), category), parameter));
    } catch (EtcdKeyNotFoundException e) {
      // Already absent: the outcome the caller asked for.
    }
  }

  /**
   * Watches the directory {@code resourcePath} and everything under it with {@link
   * EtcdMiddleware#watch}: {@code onChange} runs on the client's watch thread after each change,
   * and after a resync when etcd had dropped changes the watcher missed; {@code onEnd} gets the
   * error a watch ends on. Disconnecting the middleware ends the watch.
   *
   * @throws link.etcd.EtcdException when etcd cannot be reached to start the watch
   */
  @Override
  public Subscription watch(
      String resourcePath, Runnable onChange, Consumer<RuntimeException> onEnd) {
    return middleware.watch(resourcePath, onChange, onEnd)::close;
  }

  static String fromPython(String value) {
    if (!value.startsWith(PYTHON_PREFIX)) {
      return value;
    }
    String literal = value.substring(PYTHON_PREFIX.length()).strip();
    if (literal.length() >= 2) {
      char first = literal.charAt(0);
      char last = literal.charAt(literal.length() - 1);
      if ((first == '\'' || first == '"') && first == last) {
        return literal.substring(1, literal.length() - 1);
      }
    }
    return literal;
  }

  @Override
  public String toString() {
    return "EtcdConfDriver{" + middleware.settings() + "}";
  }
}
