package com.example.shop;

import link.etcd.schema.ConfigSchema;
import link.etcd.schema.Default;

/** Stored at /shop/shop.conf/SHOP/...; inject it by this type, its values follow etcd. */
@ConfigSchema(paths = "shop/shop.conf", category = "SHOP")
public interface ShopConfig {
  @Default("1") int getWorkers();
}
