package com.example.shop;

import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads its configuration through MicroProfile Config; etcd's values come from the etcd source. */
public final class Shop {
  private final Config config;

  public Shop(Config config) { this.config = config; }

  public String greeting() { return config.getValue("greeting.text", String.class); }

  public int maxOrders() { return config.getValue("limits.max", Integer.class); }

  public List<String> hosts() { return config.getValues("hosts", String.class); }

  public static void main(String[] args) {
    Shop shop = new Shop(ConfigProvider.getConfig());
    System.out.println(shop.greeting() + ", up to " + shop.maxOrders() + " orders on " + shop.hosts());
  }
}
