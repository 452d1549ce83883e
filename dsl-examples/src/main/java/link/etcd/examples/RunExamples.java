package link.etcd.examples;

import java.io.PrintStream;
import java.util.List;
import java.util.function.BiConsumer;
import link.etcd.EtcdSettings;
import link.etcd.middleware.EtcdMiddleware;
import link.etcd.testing.EtcdBinary;
import link.etcd.testing.EtcdProcess;

/**
 * Starts a real etcd on a free loopback port, runs every example against it, and stops it. With
 * {@code --api v3} (or {@code LINK_ETCD_API=v3}) the examples run on the v3 API against etcd 3.5
 * started without {@code --enable-v2}; by default on the v2 API against etcd 3.4 with {@code
 * --enable-v2}.
 */
public final class RunExamples {
  /** One example: a heading and its {@code run(EtcdMiddleware, PrintStream)} method. */
  private record Example(String title, BiConsumer<EtcdMiddleware, PrintStream> run) {}

  private static final List<Example> EXAMPLES =
      List.of(
          new Example("The seed's tutorial: the map protocol on /collection", SeedTutorial::run),
          new Example(
              "The seed's configuration driver: a schema interface and its generated accessor",
              ConfigurationDriverExample::run),
          new Example("The tree DSL: replace and merge modes, TTLs", TreeDslExample::run),
          new Example("Typed object mapping: a record as a tree", TypedMappingExample::run),
          new Example(
              "Kotlin: operators, receiver blocks, accessor properties, data classes",
              KotlinExample::run),
          new Example(
              "Kotlin: the client's coroutines and its watch as a Flow", KotlinClientExample::run),
          new Example("The seed's tutorial in Kotlin", KotlinSeedTutorial::run),
          new Example(
              "The seed's configuration driver in Kotlin: accessor getters and setters as properties",
              KotlinConfigurationDriverExample::run));

  private RunExamples() {}

  /**
   * Runs the examples; {@code --api v2|v3} (or {@code $LINK_ETCD_API}) chooses the API. The etcd
   * 3.4 binary comes from {@code $ETCD_BIN} or the {@code PATH}, etcd 3.5 from {@code
   * bin/ensure-etcd}'s cache or {@code $ETCD35_BIN}.
   */
  public static void main(String[] args) {
    EtcdSettings.Api api = api(args);
    EtcdProcess.Builder member =
        api == EtcdSettings.Api.V3
            ? EtcdProcess.builder().binary(EtcdBinary.V3_5).v2(false)
            : EtcdProcess.builder();
    try (EtcdProcess etcd = member.start()) {
      System.out.println(
          "Started etcd "
              + etcd.clientUrl()
              + " (pid "
              + etcd.pid()
              + "); the examples use api = "
              + api.name().toLowerCase(java.util.Locale.ROOT));
      EtcdSettings settings =
          EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort()).api(api).build();
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

  private static EtcdSettings.Api api(String[] args) {
    String chosen = System.getenv().getOrDefault("LINK_ETCD_API", "v2");
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--api") && i + 1 < args.length) {
        chosen = args[++i];
      } else if (args[i].startsWith("--api=")) {
        chosen = args[i].substring("--api=".length());
      } else {
        throw new IllegalArgumentException(
            "Unknown argument " + args[i] + "; use --api v2 or --api v3");
      }
    }
    return switch (chosen) {
      case "v2" -> EtcdSettings.Api.V2;
      case "v3" -> EtcdSettings.Api.V3;
      default -> throw new IllegalArgumentException("api must be v2 or v3 but was " + chosen);
    };
  }
}
