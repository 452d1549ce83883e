package com.example;

import java.util.List;
import link.etcd.schema.Category;
import link.etcd.schema.ConfigSchema;
import link.etcd.schema.Default;

/** A schema that {@code link-etcd validate} checks files against in the tests. */
@ConfigSchema(paths = "shop/app.conf", category = "APP")
public interface ShopConfig {
  @Default("shop")
  String getName();

  boolean isEnabled();

  @Category("HTTP")
  @Default("8080")
  int getPort();

  @Category("HTTP")
  List<String> getHosts();
}
