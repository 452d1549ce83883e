package link.etcd.conf;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where configurations are kept: the SPI that b3j0f.conf's drivers gave the seed. A configuration
 * path such as {@code myproject/myconfigurable.conf} names a logical resource; the driver maps it
 * to the places it reads and writes ({@link #resourcePaths}), in the order in which they are
 * applied (later ones override earlier ones).
 *
 * <p>Implementations are safe for use by several threads.
 */
public interface ConfDriver {
  /**
   * {@return the resources that hold configuration path {@code path}, in override order (the seed's
   * {@code rscpaths})} A resource that does not exist yet may be listed if {@link #save} would
   * create it there.
   *
   * @param path the configuration path, such as {@code myproject/myconfigurable.conf}
   */
  List<String> resourcePaths(String path);

  /** {@return an empty configuration, the seed's {@code resource()}} */
  default Configuration resource() {
    return Configuration.empty();
  }

  /**
   * Reads the resource at {@code resourcePath}.
   *
   * @param resourcePath one of the {@link #resourcePaths}
   * @return the configuration, or empty when the resource does not exist
   * @throws RuntimeException when the resource exists but cannot be read or parsed
   */
  Optional<Configuration> load(String resourcePath);

  /**
   * {@return where {@code parameter} of {@code category} is set in the resource at {@code
   * resourcePath}, for messages: the resource itself by default; {@link IniConfDriver} adds the
   * line, as in {@code /etc/x.conf:3}}
   *
   * @param resourcePath one of the {@link #resourcePaths}
   * @param category the category's name
   * @param parameter the parameter's name
   */
  default String locate(String resourcePath, String category, String parameter) {
    return resourcePath;
  }

  /**
   * Writes {@code conf} into the resource at {@code resourcePath}, merged into what it holds (new
   * values win).
   *
   * @param resourcePath one of the {@link #resourcePaths}
   * @param conf the values to write
   */
  void save(String resourcePath, Configuration conf);

  /**
   * Removes {@code category}/{@code parameter}, a value or a whole list, from the resource at
   * {@code resourcePath}; does nothing when it is not there.
   *
   * @param resourcePath one of the {@link #resourcePaths}
   * @param category the category's name
   * @param parameter the parameter's name
   */
  void remove(String resourcePath, String category, String parameter);

  /**
   * Calls {@code onChange} after each change of the resource at {@code resourcePath}, from now
   * until the returned subscription is closed, on a thread of the driver's. A call may also come
   * when nothing that {@link #load} reads changed; a burst of changes may give one call or several.
   * When the watch ends on its own (the store refused it for good, or could not be reached for too
   * long), {@code onEnd} is called once with the reason, and no call follows.
   *
   * @param resourcePath one of the {@link #resourcePaths}
   * @param onChange called after each change
   * @param onEnd called once if the watch ends on an error
   * @return the running watch; close it to stop
   * @throws UnsupportedOperationException when this driver cannot watch its resources (the default)
   */
  default Subscription watch(
      String resourcePath, Runnable onChange, Consumer<RuntimeException> onEnd) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName()
            + " cannot watch "
            + resourcePath
            + "; call reload() after the configuration changes");
  }

  /** A running {@link #watch}; {@link #close()} stops it. */
  @FunctionalInterface
  interface Subscription extends AutoCloseable {
    /** Stops watching at once. Idempotent; throws nothing. */
    @Override
    void close();
  }
}
