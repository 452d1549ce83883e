package com.example;

import java.time.Duration;
import java.util.List;
import link.etcd.schema.Category;
import link.etcd.schema.ConfigSchema;
import link.etcd.schema.Default;
import link.etcd.schema.Param;
import link.etcd.schema.Secret;
import org.jspecify.annotations.Nullable;

@ConfigSchema(paths = {"myproject/defaults.conf", "myproject/myconfigurable.conf"}, category = "MYCONF")
public interface MyConfigurable {
  @Nullable String getMyparam();

  @Category("HTTP") @Default("8080") int port();

  @Category("HTTP") @Param("read_timeout") default Duration readTimeout() {
    return Duration.ofSeconds(60);
  }

  List<String> hosts();

  boolean isEnabled();

  @Secret @Nullable String password();
}
