package link.etcd.examples;

import java.io.PrintStream;
import java.time.Duration;
import link.etcd.dsl.EtcdTree;
import link.etcd.middleware.EtcdMiddleware;

/**
 * The tree DSL: the seed's {@code /collection} written in replace mode, then merged into, with
 * TTLs.
 */
public final class TreeDslExample {
  private TreeDslExample() {}

  /** Runs the example against the etcd that {@code middleware.conf} names. */
  public static void main(String[] args) {
    try (EtcdMiddleware client = new EtcdMiddleware()) {
      run(client, System.out);
    }
  }

  /** Runs the example with {@code client}, printing what it does to {@code out}. */
  public static void run(EtcdMiddleware client, PrintStream out) {
    client.set("/collection/old", "from an earlier run");
    out.println("before: /collection = " + client.get("/collection"));

    // [START tree-replace]
    EtcdTree.replace(
        client,
        "/collection",
        root ->
            root.dir("subcollection", sub -> sub.item("item1").item("item2")).put("leaf", "value"));
    // [END tree-replace]
    out.println("replaced /collection = " + client.get("/collection"));

    // [START tree-merge]
    EtcdTree.merge(
        client,
        "/collection",
        root ->
            root.put("answer", 42)
                .put("session", "abc", Duration.ofMinutes(5))
                .dir(
                    "lease", lease -> lease.ttl(Duration.ofSeconds(30)).put("holder", "worker-1")));
    // [END tree-merge]
    out.println("merged /collection = " + client.get("/collection"));
    out.println("/collection/session expires: " + client.ttl("/collection/session").isPresent());
    out.println("/collection/lease expires: " + client.ttl("/collection/lease").isPresent());

    // [START tree-build]
    Object plain =
        EtcdTree.build(
                root ->
                    root.dir("subcollection", sub -> sub.item("item1").item("item2"))
                        .put("leaf", "value"))
            .toTree();
    // [END tree-build]
    out.println("built without writing: " + plain);

    client.delete("/collection");
    out.println("erased /collection: still there? " + client.contains("/collection"));
  }
}
