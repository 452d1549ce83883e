package link.etcd.spring.shop;

import link.etcd.schema.ConfigSchema;
import link.etcd.schema.Default;

/** A schema whose accessor the starter makes a bean of this type. */
@ConfigSchema(paths = "shop/shop.conf", category = "SHOP")
public interface ShopConfig {
  @Default("1")
  int getWorkers();
}
