package com.example.modular;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import link.etcd.EtcdClient;
import link.etcd.EtcdSettings;
import link.etcd.ReadOptions;
import link.etcd.WriteOptions;
import link.etcd.middleware.EtcdMiddleware;

/** Puts and gets on both of etcd's APIs, a typed record and a schema accessor, from a named module. */
public final class App {
  private App() {}

  public static void main(String[] args) {
    run(args[0], System.out);                                    // args[0]: etcd, as "127.0.0.1:2379"
  }

  static void run(String endpoint, PrintStream out) {
    for (EtcdSettings.Api api : List.of(EtcdSettings.Api.V2, EtcdSettings.Api.V3)) {
      EtcdSettings settings = EtcdSettings.builder().api(api).endpoints(List.of(endpoint)).build();
      try (EtcdMiddleware etcd = new EtcdMiddleware(settings)) {
        String root = "/modular/" + api;
        etcd.set(root + "/tree", Map.of("items", List.of("a", "b")));
        out.println(api + " tree: " + etcd.get(root + "/tree"));
        etcd.set(root + "/service", new Service("api.example", 8443, List.of("blue")));
        out.println(api + " record: " + etcd.get(root + "/service", Service.class));
      }
    }
    EtcdSettings v2 = EtcdSettings.builder().api(EtcdSettings.Api.V2).endpoints(List.of(endpoint)).build();
    try (EtcdClient client = new EtcdClient(v2)) {
      client.write("/modular/plain", "put", WriteOptions.defaults());
      out.println("client: " + client.read("/modular/plain", ReadOptions.defaults()).node().value());
    }
    EtcdSettings v3 = EtcdSettings.builder().api(EtcdSettings.Api.V3).endpoints(List.of(endpoint)).build();
    try (EtcdMiddleware etcd = new EtcdMiddleware(v3)) {
      AppConfigAccessor config = AppConfigAccessor.of(etcd);      // generated from AppConfig
      config.setPort(9090);
      out.println("config: " + config.getGreeting() + " on " + config.getPort());
    }
  }
}
