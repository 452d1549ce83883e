package link.etcd.spring.health;

import link.etcd.middleware.EtcdMiddleware;
import link.etcd.spring.EtcdAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The health contributor {@code etcd} on Spring Boot 4 with spring-boot-health ({@code
 * management.health.etcd.enabled}, default true).
 */
@AutoConfiguration(after = EtcdAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnBean(EtcdMiddleware.class)
@ConditionalOnProperty(
    name = "management.health.etcd.enabled",
    havingValue = "true",
    matchIfMissing = true)
public class EtcdHealthAutoConfiguration {
  /** Creates the configuration; Spring Boot does this. */
  public EtcdHealthAutoConfiguration() {}

  /**
   * {@return the contributor, named {@code etcd} for its bean name}
   *
   * @param etcd the middleware whose etcd to check
   */
  @Bean
  @ConditionalOnMissingBean(name = "etcdHealthIndicator")
  public EtcdHealthIndicator etcdHealthIndicator(EtcdMiddleware etcd) {
    return new EtcdHealthIndicator(etcd);
  }
}
