package link.etcd.spring.actuate;

import link.etcd.middleware.EtcdMiddleware;
import link.etcd.spring.EtcdHealthDetails;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/** The health of etcd for Spring Boot 3's Actuator: up with {@link EtcdHealthDetails} or down. */
public final class EtcdHealthIndicator extends AbstractHealthIndicator {
  private final EtcdMiddleware etcd;

  /**
   * Creates the indicator.
   *
   * @param etcd the middleware whose etcd to check
   */
  public EtcdHealthIndicator(EtcdMiddleware etcd) {
    super("etcd health check failed");
    this.etcd = etcd;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    builder.up().withDetails(EtcdHealthDetails.check(etcd));
  }
}
