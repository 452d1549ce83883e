package link.etcd.spring.config;

import link.etcd.EtcdSettings;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Builds {@link EtcdSettings} from the {@code link.etcd.*} properties: each option of {@code
 * middleware.conf} is a property named {@code link.etcd.} and the option in kebab case ({@code
 * ca_cert} is {@code link.etcd.ca-cert}), bound with Spring's relaxed names ({@code
 * LINK_ETCD_CACERT} in the environment). The properties win over a {@code middleware.conf}, which
 * is still read when present.
 */
public final class EtcdConnectionProperties {
  private EtcdConnectionProperties() {}

  /**
   * Reads {@code middleware.conf} ({@link EtcdSettings#load()}) and sets over it every {@code
   * link.etcd.*} option that {@code binder} holds.
   *
   * @param binder the properties
   * @return the settings
   * @throws IllegalArgumentException naming the property (or the options, for settings that do not
   *     go together) and what is wrong
   */
  public static EtcdSettings bind(Binder binder) {
    EtcdSettings.Builder builder = EtcdSettings.load().newBuilder();
    for (String option : EtcdSettings.optionNames()) {
      String property = property(option);
      binder
          .bind(property, String.class)
          .ifBound(
              text -> {
                try {
                  builder.option(option, text);
                } catch (IllegalArgumentException e) {
                  throw new IllegalArgumentException(
                      "Invalid property " + property + ": " + e.getMessage(), e);
                }
              });
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid link.etcd.* properties (options as in middleware.conf): " + e.getMessage(), e);
    }
  }

  /** {@return the property of {@code option}: {@code ca_cert} gives {@code link.etcd.ca-cert}} */
  static String property(String option) {
    return "link.etcd." + option.replace('_', '-');
  }
}
