package link.etcd.spring.shop;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Bound from {@code limits.*}, rebound after a change in etcd: Spring Cloud rebinds
 * {@code @ConfigurationProperties} beans through their setters, so they are JavaBeans, not records.
 */
@ConfigurationProperties("limits")
public class Limits {
  private int max;

  public int getMax() {
    return max;
  }

  public void setMax(int max) {
    this.max = max;
  }
}
