package link.etcd.examples;

import link.etcd.EtcdSettings;
import link.etcd.middleware.EtcdMiddleware;
import link.etcd.testing.EtcdProcess;

/** Starts a real etcd on a free loopback port, runs every example against it, and stops it. */
public final class RunExamples {
  private RunExamples() {}

  /** Runs the examples; the etcd binary comes from {@code $ETCD_BIN} or the {@code PATH}. */
  public static void main(String[] args) {
    try (EtcdProcess etcd = EtcdProcess.start()) {
      System.out.println("Started etcd " + etcd.clientUrl() + " (pid " + etcd.pid() + ")");
      EtcdSettings settings = EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort()).build();
      try (EtcdMiddleware client = new EtcdMiddleware(settings)) {
        System.out.println();
        System.out.println("== The seed's tutorial: the map protocol on /collection");
        SeedTutorial.run(client, System.out);
        System.out.println();
        System.out.println("== The seed's configuration driver: a schema interface and its generated accessor");
        ConfigurationDriverExample.run(client, System.out);
        System.out.println();
        System.out.println("== The tree DSL: replace and merge modes, TTLs");
        TreeDslExample.run(client, System.out);
        System.out.println();
        System.out.println("== Typed object mapping: a record as a tree");
        TypedMappingExample.run(client, System.out);
        System.out.println();
        System.out.println("== Kotlin: operators, receiver blocks, accessor properties, data classes, coroutines");
        KotlinExample.run(client, System.out);
        System.out.println();
        System.out.println("== The seed's tutorial in Kotlin");
        KotlinSeedTutorial.run(client, System.out);
        System.out.println();
        System.out.println("== The seed's configuration driver in Kotlin: accessor getters and setters as properties");
        KotlinConfigurationDriverExample.run(client, System.out);
      }
    }
    System.out.println();
    System.out.println("Stopped etcd.");
  }
}
