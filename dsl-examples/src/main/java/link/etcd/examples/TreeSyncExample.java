package link.etcd.examples;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import link.etcd.middleware.EtcdMiddleware;
import link.etcd.middleware.TreeDiff;
import link.etcd.middleware.TreeHistory;
import link.etcd.middleware.TreeSync;

/**
 * Configuration as files from Java (what {@code bin/link-etcd} does): diff a desired tree, apply it
 * as one guarded txn, read the history, roll back. Needs {@code api = v3}.
 */
public final class TreeSyncExample {
  private TreeSyncExample() {}

  /** Runs the example against the etcd that {@code middleware.conf} names (with api = v3). */
  public static void main(String[] args) {
    try (EtcdMiddleware client = new EtcdMiddleware()) {
      run(client, System.out);
    }
  }

  /** Runs the example with {@code client} (v3), printing what it does to {@code out}. */
  public static void run(EtcdMiddleware client, PrintStream out) {
    // [START tree-sync]
    TreeSync sync = new TreeSync(client);
    TreeDiff diff = sync.diff("/shop", Map.of("port", "8080", "hosts", List.of("a", "b")));
    diff.changes().forEach(out::println); // + /shop/hosts/1 = a, ...
    sync.apply(diff); // one txn, refused when /shop changed after the diff read it
    sync.apply(sync.diff("/shop", Map.of("port", "9090", "hosts", List.of("a"))));
    TreeHistory history = sync.history("/shop", 10); // newest first
    history.revisions().get(0).changes().forEach(out::println); // ~ /shop/port: 8080 -> 9090, ...
    long first = history.revisions().get(1).revision();
    sync.rollback("/shop", first); // /shop is again what the first apply wrote
    // [END tree-sync]
    out.println("after the rollback: " + client.get("/shop"));
    client.delete("/shop");
  }
}
