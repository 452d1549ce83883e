package link.etcd.spring.config;

import java.util.Objects;
import link.etcd.EtcdSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.config.ConfigDataResource;

/**
 * One context of etcd to load into the Environment, such as {@code /config/shop}, with the settings
 * to reach etcd and the retry to use at start-up.
 */
public final class EtcdConfigDataResource extends ConfigDataResource {
  private final EtcdSettings settings;
  private final String context;
  private final ConfigRetry retry;
  private final boolean optional;

  /**
   * Creates the resource.
   *
   * @param settings how to reach etcd
   * @param context the context to read, such as {@code /config/shop}
   * @param retry how to retry while etcd cannot be reached
   * @param optional whether the import was {@code optional:etcd:}
   */
  public EtcdConfigDataResource(
      EtcdSettings settings, String context, ConfigRetry retry, boolean optional) {
    super(optional);
    this.settings = settings;
    this.context = context;
    this.retry = retry;
    this.optional = optional;
  }

  /** {@return whether the import was {@code optional:etcd:}} */
  public boolean optional() {
    return optional;
  }

  /** {@return how to reach etcd} */
  public EtcdSettings settings() {
    return settings;
  }

  /** {@return the context to read, such as {@code /config/shop}} */
  public String context() {
    return context;
  }

  /** {@return how to retry while etcd cannot be reached} */
  public ConfigRetry retry() {
    return retry;
  }

  /** {@return the endpoints, as {@code http://host:port}, comma-separated} */
  public String endpoints() {
    return settings.endpoints().stream()
        .map(endpoint -> settings.protocol() + "://" + endpoint)
        .reduce((a, b) -> a + "," + b)
        .orElse("");
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof EtcdConfigDataResource other
        && settings.equals(other.settings)
        && context.equals(other.context);
  }

  @Override
  public int hashCode() {
    return Objects.hash(settings, context);
  }

  @Override
  public String toString() {
    return "etcd " + context + " at " + endpoints();
  }
}
