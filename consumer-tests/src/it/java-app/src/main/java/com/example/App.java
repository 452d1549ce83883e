package com.example;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import link.etcd.EtcdSettings;
import link.etcd.dsl.EtcdTree;
import link.etcd.middleware.EtcdMiddleware;

/** What a user's first program does: the seed's tutorial, a schema accessor, the tree DSL and a typed record. */
public final class App {
  private App() {}

  public static void main(String[] args) {
    run(args[0], System.out);                                    // args[0]: etcd, as "127.0.0.1:2379"
  }

  static void run(String endpoint, PrintStream out) {
    EtcdSettings settings =
        EtcdSettings.builder().api(EtcdSettings.Api.V3).endpoints(List.of(endpoint)).build();
    try (EtcdMiddleware etcd = new EtcdMiddleware(settings)) {
      etcd.set("/collection", Map.of("subcollection", List.of("item1", "item2")));
      out.println("tree: " + etcd.get("/collection"));

      AppConfigAccessor config = AppConfigAccessor.of(etcd);      // generated from AppConfig
      config.setPort(9090);
      out.println("config: " + config.getGreeting() + " on " + config.getPort());

      EtcdTree.merge(etcd, "/collection", root -> root.put("answer", 42));
      etcd.set("/services/api", new Service("api.example", 8443, List.of("blue")));
      out.println("record: " + etcd.get("/services/api", Service.class));
    }
  }
}
