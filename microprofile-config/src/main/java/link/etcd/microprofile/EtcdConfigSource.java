package link.etcd.microprofile;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jspecify.annotations.Nullable;

/**
 * The properties of an application's contexts in etcd, {@code /config/application} then {@code
 * /config/<name>} (which wins), as one MicroProfile {@link ConfigSource}; replaced as a whole when
 * etcd changes.
 */
public final class EtcdConfigSource implements ConfigSource {
  /**
   * The ordinal: above {@code microprofile-config.properties} (100), below environment variables
   * (300) and system properties (400).
   */
  public static final int ORDINAL = 270;

  private final String name;
  private final int ordinal;
  private volatile Map<String, String> values;

  EtcdConfigSource(String name, int ordinal, Map<String, String> values) {
    this.name = name;
    this.ordinal = ordinal;
    this.values = Map.copyOf(values);
  }

  /** Replaces the properties with those now in etcd. */
  void update(Map<String, String> newValues) {
    values = Map.copyOf(newValues);
  }

  @Override
  public Map<String, String> getProperties() {
    return values;
  }

  @Override
  public Set<String> getPropertyNames() {
    return values.keySet();
  }

  @Override
  public @Nullable String getValue(String propertyName) {
    return values.get(propertyName);
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public int getOrdinal() {
    return ordinal;
  }

  @Override
  public String toString() {
    return "EtcdConfigSource{" + name + ", ordinal " + ordinal + "}";
  }
}
