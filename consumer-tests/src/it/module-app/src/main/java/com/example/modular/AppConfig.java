package com.example.modular;

import link.etcd.schema.Category;
import link.etcd.schema.ConfigSchema;
import link.etcd.schema.Default;

@ConfigSchema(paths = "modular/app.conf", category = "APP")
public interface AppConfig {
  @Default("world") String getGreeting();

  @Category("HTTP") @Default("8080") int getPort();
}
