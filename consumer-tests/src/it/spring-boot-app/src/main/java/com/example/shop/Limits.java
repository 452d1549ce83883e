package com.example.shop;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** limits.max from etcd; rebound after a change (a JavaBean: Spring Cloud rebinds through setters). */
@ConfigurationProperties("limits")
public class Limits {
  private int max;

  public int getMax() { return max; }

  public void setMax(int max) { this.max = max; }
}
