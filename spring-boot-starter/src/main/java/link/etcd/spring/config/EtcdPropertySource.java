package link.etcd.spring.config;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * The properties of one context of etcd, such as {@code /config/shop}, named {@code
 * etcd:/config/shop} in the Environment. Its values are replaced as a whole when the context
 * changes in etcd.
 */
public final class EtcdPropertySource extends EnumerablePropertySource<String> {
  private volatile Map<String, String> values;

  /**
   * Creates the source.
   *
   * @param context the context, such as {@code /config/shop}
   * @param values its properties
   */
  public EtcdPropertySource(String context, Map<String, String> values) {
    super(EtcdConfigDataLocationResolver.PREFIX + context, context);
    this.values = Map.copyOf(values);
  }

  /** {@return the context, such as {@code /config/shop}} */
  public String context() {
    return getSource();
  }

  /**
   * Replaces the properties.
   *
   * @param newValues the properties now in etcd
   * @return whether they differ from the ones held before
   */
  public boolean update(Map<String, String> newValues) {
    Map<String, String> copy = Map.copyOf(newValues);
    boolean changed = !copy.equals(values);
    values = copy;
    return changed;
  }

  @Override
  public String[] getPropertyNames() {
    return values.keySet().stream().sorted().toArray(String[]::new);
  }

  @Override
  public @Nullable Object getProperty(String name) {
    return values.get(name);
  }
}
