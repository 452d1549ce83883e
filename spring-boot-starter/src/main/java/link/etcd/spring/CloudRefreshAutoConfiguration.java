package link.etcd.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.cloud.endpoint.event.RefreshEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * With spring-cloud-context on the class path, follows each {@link EtcdConfigChangedEvent} with a
 * {@code RefreshEvent}: Spring Cloud then reads the configuration again, rebinds
 * {@code @ConfigurationProperties} beans and refreshes {@code @RefreshScope} beans.
 */
@AutoConfiguration(after = EtcdAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.cloud.endpoint.event.RefreshEvent")
public class CloudRefreshAutoConfiguration {
  /** Creates the configuration; Spring Boot does this. */
  public CloudRefreshAutoConfiguration() {}

  /**
   * {@return the listener that publishes a {@code RefreshEvent} after each change}
   *
   * @param events where to publish it
   */
  @Bean
  public ApplicationListener<EtcdConfigChangedEvent> etcdRefreshEvents(
      ApplicationEventPublisher events) {
    return changed ->
        events.publishEvent(
            new RefreshEvent(changed.getSource(), changed, "etcd: " + changed.contexts()));
  }
}
