package link.etcd.examples;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import link.etcd.middleware.EtcdMiddleware;

/** Typed object mapping: a record written as a tree and read back into the record. */
public final class TypedMappingExample {
  private TypedMappingExample() {}

  // [START typed-record]
  /** How a service is reached; Moshi maps it, so it must be public. */
  public record Service(
      String host,
      int port,
      boolean tls,
      Protocol protocol,
      Endpoint admin,
      List<String> tags,
      Map<String, String> labels) {}

  /** The protocol a service speaks. */
  public enum Protocol {
    HTTP,
    GRPC
  }

  /** A host and a port. */
  public record Endpoint(String host, int port) {}

  // [END typed-record]

  /** Runs the example against the etcd that {@code middleware.conf} names. */
  public static void main(String[] args) {
    try (EtcdMiddleware client = new EtcdMiddleware()) {
      run(client, System.out);
    }
  }

  /** Runs the example with {@code client}, printing what it does to {@code out}. */
  public static void run(EtcdMiddleware client, PrintStream out) {
    // [START typed-set]
    client.set(
        "/services/api",
        new Service(
            "api.example",
            8443,
            true,
            Protocol.GRPC,
            new Endpoint("admin.example", 9000),
            List.of("blue", "green"),
            Map.of("team", "core")));
    // [END typed-set]
    out.println("stored /services/api = " + client.get("/services/api"));

    // [START typed-get]
    Service api = client.get("/services/api", Service.class);
    int port = api.port();
    // [END typed-get]
    out.println("read back: " + api);
    out.println("port + 1 = " + (port + 1));

    // [START typed-error]
    client.set("/services/api/port", "https");
    try {
      client.get("/services/api", Service.class);
    } catch (IllegalArgumentException e) {
      out.println("refused: " + e.getMessage());
    }
    // [END typed-error]

    client.delete("/services");
  }
}
