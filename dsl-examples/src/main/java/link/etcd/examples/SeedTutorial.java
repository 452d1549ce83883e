package link.etcd.examples;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import link.etcd.middleware.EtcdMiddleware;

/**
 * The seed's tutorial (section 1.1): write the {@code /collection} tree, read it back, erase it.
 */
public final class SeedTutorial {
  private SeedTutorial() {}

  /** Runs the tutorial against the etcd that {@code middleware.conf} names. */
  public static void main(String[] args) {
    try (EtcdMiddleware client = new EtcdMiddleware()) {
      run(client, System.out);
    }
  }

  /** Runs the tutorial with {@code client}, printing what it does to {@code out}. */
  // [START seed-tutorial-run]
  public static void run(EtcdMiddleware client, PrintStream out) {
    client.set("/collection", Map.of("subcollection", List.of("item1", "item2")));
    out.println("wrote /collection/subcollection/1 = " + client.get("/collection/subcollection/1"));
    out.println("wrote /collection/subcollection/2 = " + client.get("/collection/subcollection/2"));

    Object tree = client.get("/collection");
    out.println("read /collection = " + tree);

    client.delete("/collection");
    out.println("erased /collection: still there? " + client.contains("/collection"));
  }
  // [END seed-tutorial-run]
}
