package link.etcd.spring;

import link.etcd.EtcdSettings;
import link.etcd.spring.config.EtcdConnectionProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the settings built from {@code link.etcd.*} (over {@code middleware.conf}) choose
 * the v3 API.
 */
final class OnV3Api implements Condition {
  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    return EtcdConnectionProperties.bind(Binder.get(context.getEnvironment())).api()
        == EtcdSettings.Api.V3;
  }
}
