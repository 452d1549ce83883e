package link.etcd.spring.config;

import java.util.List;
import link.etcd.EtcdSettings;
import org.springframework.boot.context.config.ConfigDataLocation;
import org.springframework.boot.context.config.ConfigDataLocationResolver;
import org.springframework.boot.context.config.ConfigDataLocationResolverContext;
import org.springframework.boot.context.config.Profiles;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Resolves {@code spring.config.import=etcd:} into the contexts of {@link ConfigLayout}: {@code
 * link.etcd.config.prefix} (default {@code /config}), and {@code link.etcd.config.name} (default
 * {@code spring.application.name}, else {@code application}) for the active profiles. Registered in
 * {@code META-INF/spring.factories}.
 */
public final class EtcdConfigDataLocationResolver
    implements ConfigDataLocationResolver<EtcdConfigDataResource> {
  /** The prefix of the location: {@code etcd:}. */
  public static final String PREFIX = "etcd:";

  /** Creates the resolver; Spring Boot does this. */
  public EtcdConfigDataLocationResolver() {}

  @Override
  public boolean isResolvable(
      ConfigDataLocationResolverContext context, ConfigDataLocation location) {
    return location.hasPrefix(PREFIX);
  }

  /**
   * Resolves nothing before the profiles are known: every context is resolved by {@link
   * #resolveProfileSpecific}, so that the profile contexts of {@code application} rank below the
   * application's own context.
   */
  @Override
  public List<EtcdConfigDataResource> resolve(
      ConfigDataLocationResolverContext context, ConfigDataLocation location) {
    String rest = location.getNonPrefixedValue(PREFIX);
    if (!rest.isEmpty()) {
      throw new IllegalArgumentException(
          "spring.config.import="
              + location
              + " names something after 'etcd:', which takes nothing: import etcd: and set"
              + " link.etcd.host, link.etcd.port and link.etcd.config.prefix");
    }
    return List.of();
  }

  @Override
  public List<EtcdConfigDataResource> resolveProfileSpecific(
      ConfigDataLocationResolverContext context, ConfigDataLocation location, Profiles profiles) {
    Binder binder = context.getBinder();
    EtcdSettings settings = EtcdConnectionProperties.bind(binder);
    ConfigRetry retry = ConfigRetry.bind(binder);
    String name =
        binder
            .bind("link.etcd.config.name", String.class)
            .orElseGet(
                () ->
                    binder
                        .bind("spring.application.name", String.class)
                        .orElse(ConfigLayout.SHARED));
    ConfigLayout layout =
        new ConfigLayout(
            binder.bind("link.etcd.config.prefix", String.class).orElse("/config"), name);
    return layout.contexts(profiles.getActive()).stream()
        .map(c -> new EtcdConfigDataResource(settings, c, retry, location.isOptional()))
        .toList();
  }
}
