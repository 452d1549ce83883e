package link.etcd.microprofile;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import link.etcd.EtcdConnectionException;
import link.etcd.EtcdException;
import link.etcd.EtcdSettings;
import link.etcd.middleware.EtcdMiddleware;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jspecify.annotations.Nullable;

/**
 * Makes the {@link EtcdConfigSource} of an application, configured by the properties of the sources
 * below it: every option of {@code middleware.conf} as {@code link.etcd.<option>} in kebab case
 * ({@code link.etcd.ca-cert}), over a {@code middleware.conf} when there is one; {@code
 * link.etcd.config.prefix} (default {@code /config}); {@code link.etcd.config.name}, the
 * application's context (without it only {@code application} is read); {@code
 * link.etcd.config.watch.enabled} (default true); {@code link.etcd.config.optional} (default false:
 * etcd unreachable stops the configuration from being built). Found by SmallRye Config through
 * {@code META-INF/services/io.smallrye.config.ConfigSourceFactory}.
 */
public final class EtcdConfigSourceFactory implements ConfigSourceFactory {
  /** Creates the factory; SmallRye Config does this. */
  public EtcdConfigSourceFactory() {}

  /**
   * Reads the application's contexts and, unless {@code link.etcd.config.watch.enabled=false},
   * starts following them.
   *
   * @param context the values of the sources below this one
   * @return the etcd source, or none when etcd cannot be reached and {@code
   *     link.etcd.config.optional} is true
   * @throws IllegalStateException naming the contexts and the endpoint when etcd cannot be read
   * @throws IllegalArgumentException naming the {@code link.etcd.*} property that is invalid
   */
  @Override
  public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
    EtcdSettings settings = settings(context);
    String prefix =
        "/" + text(context, "link.etcd.config.prefix", "/config").replaceAll("^/+|/+$", "");
    List<String> paths = new ArrayList<>();
    paths.add(prefix + "/application");
    String name = value(context, "link.etcd.config.name");
    if (name != null && !name.equals("application")) {
      paths.add(prefix + "/" + name);
    }
    boolean watch = Boolean.parseBoolean(text(context, "link.etcd.config.watch.enabled", "true"));
    int ordinal =
        Integer.parseInt(
            text(context, "link.etcd.config.ordinal", Integer.toString(EtcdConfigSource.ORDINAL)));
    EtcdMiddleware etcd = new EtcdMiddleware(settings);
    EtcdContexts contexts = new EtcdContexts(etcd, paths);
    EtcdConfigSource source;
    try {
      source = new EtcdConfigSource("etcd:" + String.join("+", paths), ordinal, contexts.read());
    } catch (EtcdConnectionException e) {
      etcd.close();
      if (Boolean.parseBoolean(text(context, "link.etcd.config.optional", "false"))) {
        System.getLogger(EtcdConfigSourceFactory.class.getName())
            .log(
                System.Logger.Level.WARNING,
                "etcd at {0} cannot be reached; going on without {1}: {2}",
                settings.endpoints(),
                paths,
                e.getMessage());
        return List.of();
      }
      throw new IllegalStateException(
          "Cannot read "
              + String.join(" and ", paths)
              + " from etcd at "
              + endpoints(settings)
              + ": "
              + e.getMessage()
              + "; start etcd or point link.etcd.host and link.etcd.port at it,"
              + " or set link.etcd.config.optional=true to go on without it",
          e);
    } catch (EtcdException e) {
      etcd.close();
      throw new IllegalStateException(
          "Cannot read "
              + String.join(" and ", paths)
              + " from etcd at "
              + endpoints(settings)
              + ": "
              + e.getMessage(),
          e);
    }
    if (watch) {
      new EtcdFollower(
              contexts,
              source,
              Duration.ofMillis(
                  Long.parseLong(text(context, "link.etcd.config.watch.delay-ms", "300"))),
              Duration.ofSeconds(5))
          .start();
    } else {
      etcd.close();
    }
    return List.of(source);
  }

  /** {@return the ordinal of this factory's source among the factories: 270} */
  @Override
  public OptionalInt getPriority() {
    return OptionalInt.of(EtcdConfigSource.ORDINAL);
  }

  private static EtcdSettings settings(ConfigSourceContext context) {
    EtcdSettings.Builder builder = EtcdSettings.load().newBuilder();
    for (String option : EtcdSettings.optionNames()) {
      String property = "link.etcd." + option.replace('_', '-');
      String text = value(context, property);
      if (text != null) {
        try {
          builder.option(option, text);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "Invalid property " + property + ": " + e.getMessage(), e);
        }
      }
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid link.etcd.* properties (options as in middleware.conf): " + e.getMessage(), e);
    }
  }

  private static String endpoints(EtcdSettings settings) {
    return String.join(
        ",",
        settings.endpoints().stream()
            .map(endpoint -> settings.protocol() + "://" + endpoint)
            .toList());
  }

  private static @Nullable String value(ConfigSourceContext context, String name) {
    ConfigValue value = context.getValue(name);
    return value == null ? null : value.getValue();
  }

  private static String text(ConfigSourceContext context, String name, String otherwise) {
    String value = value(context, name);
    return value == null ? otherwise : value.strip();
  }
}
