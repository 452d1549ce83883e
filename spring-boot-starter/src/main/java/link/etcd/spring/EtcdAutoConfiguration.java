package link.etcd.spring;

import java.time.Duration;
import link.etcd.EtcdV3Client;
import link.etcd.middleware.EtcdMiddleware;
import link.etcd.spring.config.EtcdConnectionProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The beans of link-etcd: an {@link EtcdMiddleware} built from {@code link.etcd.*} (over {@code
 * middleware.conf}) and closed with the context, its {@link EtcdV3Client} on the v3 API, every
 * {@code @ConfigSchema} accessor ({@link ConfigSchemaBeans}), and the {@link EtcdConfigWatch} that
 * keeps the properties imported by {@code spring.config.import=etcd:} current ({@code
 * link.etcd.config.watch.enabled}, default true).
 */
@AutoConfiguration
@ConditionalOnClass(EtcdMiddleware.class)
public class EtcdAutoConfiguration {
  /** Creates the configuration; Spring Boot does this. */
  public EtcdAutoConfiguration() {}

  /**
   * {@return the middleware, connecting on first use}
   *
   * @param environment the properties {@code link.etcd.*}
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public EtcdMiddleware etcdMiddleware(ConfigurableEnvironment environment) {
    return new EtcdMiddleware(EtcdConnectionProperties.bind(Binder.get(environment)));
  }

  /**
   * {@return the middleware's v3 client, when {@code link.etcd.api} is {@code v3}; the middleware
   * closes it}
   *
   * @param etcd the middleware
   */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean
  @Conditional(OnV3Api.class)
  public EtcdV3Client etcdV3Client(EtcdMiddleware etcd) {
    return etcd.v3Client();
  }

  /** {@return the registrar of the {@code @ConfigSchema} accessor beans} */
  @Bean
  public static ConfigSchemaBeans etcdConfigSchemaBeans() {
    return new ConfigSchemaBeans();
  }

  /**
   * {@return the watch of the imported contexts}
   *
   * @param environment the Environment holding them
   * @param etcd the middleware to watch with
   * @param events where changes are published
   */
  @Bean
  @ConditionalOnProperty(
      name = "link.etcd.config.watch.enabled",
      havingValue = "true",
      matchIfMissing = true)
  public EtcdConfigWatch etcdConfigWatch(
      ConfigurableEnvironment environment, EtcdMiddleware etcd, ApplicationEventPublisher events) {
    Binder binder = Binder.get(environment);
    return new EtcdConfigWatch(
        environment,
        etcd,
        events,
        binder.bind("link.etcd.config.watch.delay", Duration.class).orElse(Duration.ofMillis(300)),
        binder
            .bind("link.etcd.config.watch.restart-delay", Duration.class)
            .orElse(Duration.ofSeconds(5)));
  }
}
