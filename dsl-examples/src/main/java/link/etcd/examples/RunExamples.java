package link.etcd.examples;

import java.io.PrintStream;
import java.util.List;
import java.util.function.BiConsumer;
import link.etcd.EtcdSettings;
import link.etcd.middleware.EtcdMiddleware;
import link.etcd.testing.EtcdProcess;

/** Starts a real etcd on a free loopback port, runs every example against it, and stops it. */
public final class RunExamples {
  /** One example: a heading and its {@code run(EtcdMiddleware, PrintStream)} method. */
  private record Example(String title, BiConsumer<EtcdMiddleware, PrintStream> run) {}

  private static final List<Example> EXAMPLES = List.of(
      new Example("The seed's tutorial: the map protocol on /collection", SeedTutorial::run),
      new Example("The seed's configuration driver: a schema interface and its generated accessor",
          ConfigurationDriverExample::run),
      new Example("The tree DSL: replace and merge modes, TTLs", TreeDslExample::run),
      new Example("Typed object mapping: a record as a tree", TypedMappingExample::run),
      new Example("Kotlin: operators, receiver blocks, accessor properties, data classes, coroutines",
          KotlinExample::run),
      new Example("The seed's tutorial in Kotlin", KotlinSeedTutorial::run),
      new Example("The seed's configuration driver in Kotlin: accessor getters and setters as properties",
          KotlinConfigurationDriverExample::run));

  private RunExamples() {}

  /** Runs the examples; the etcd binary comes from {@code $ETCD_BIN} or the {@code PATH}. */
  public static void main(String[] args) {
    try (EtcdProcess etcd = EtcdProcess.start()) {
      System.out.println("Started etcd " + etcd.clientUrl() + " (pid " + etcd.pid() + ")");
      EtcdSettings settings = EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort()).build();
      try (EtcdMiddleware client = new EtcdMiddleware(settings)) {
        for (Example example : EXAMPLES) {
          System.out.println();
          System.out.println("== " + example.title());
          example.run().accept(client, System.out);
        }
      }
    }
    System.out.println();
    System.out.println("Stopped etcd.");
  }
}
