package link.etcd.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import link.etcd.EtcdException;
import link.etcd.EtcdNode;
import link.etcd.EtcdResponse;
import link.etcd.EtcdSettings;
import link.etcd.EtcdV3Client;
import link.etcd.WatchEvent;
import link.etcd.WatchOptions;
import link.etcd.Watcher;
import link.etcd.middleware.EtcdMiddleware;
import link.etcd.middleware.TreeChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code watch PATH}: prints each change under PATH as it happens, until interrupted. */
@Command(
    mixinStandardHelpOptions = true,
    name = "watch",
    description =
        "Print each change at or under PATH as it happens (one line each, with its revision or"
            + " index), until Ctrl-C.")
final class WatchCommand implements Callable<Integer> {
  @ParentCommand LinkEtcd root;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PATH", description = "the key or directory, such as /app")
  String path;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    CompletableFuture<EtcdException> ended = new CompletableFuture<>();
    try (EtcdMiddleware etcd = root.middleware()) {
      WatchOptions options = WatchOptions.defaults().withRecursive(true);
      boolean v3 = etcd.settings().api() == EtcdSettings.Api.V3;
      try (Watcher watcher =
          v3
              ? etcd.v3Client().watch(path, options, event -> print(out, event, ended))
              : etcd.client().watch(path, options, event -> print(out, event, ended))) {
        out.println("watching " + path + " (Ctrl-C to stop)");
        out.flush();
        throw ended.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
  }

  private static void print(
      PrintWriter out, WatchEvent event, CompletableFuture<EtcdException> ended) {
    if (event instanceof WatchEvent.Failed failed) {
      ended.complete(failed.error());
      return;
    }
    if (event instanceof WatchEvent.Resync || event instanceof WatchEvent.V3Resync) {
      out.println(
          "(changes up to "
              + event.index()
              + " are gone from etcd's history; the tree was read again)");
      out.flush();
      return;
    }
    if (event instanceof WatchEvent.V3Change v3) {
      print(out, v3);
      return;
    }
    EtcdResponse response = ((WatchEvent.Change) event).response();
    EtcdNode node = response.node();
    if (node.dir() || node.key().endsWith("/")) {
      return;
    }
    EtcdNode before = response.prevNode();
    TreeChange change =
        switch (response.action()) {
          case "delete", "expire", "compareAndDelete" ->
              new TreeChange(TreeChange.Kind.REMOVED, node.key(), null, null);
          default ->
              before == null || before.value() == null
                  ? new TreeChange(TreeChange.Kind.ADDED, node.key(), null, node.value())
                  : new TreeChange(
                      TreeChange.Kind.CHANGED, node.key(), before.value(), node.value());
        };
    out.println(change + "  (" + node.modifiedIndex() + ")");
    out.flush();
  }

  private static void print(PrintWriter out, WatchEvent.V3Change v3) {
    EtcdV3Client.KeyValue before = v3.prevKv();
    String key = v3.key();
    TreeChange change =
        v3.type() == WatchEvent.V3Change.Type.DELETE
            ? new TreeChange(TreeChange.Kind.REMOVED, key, null, null)
            : before == null
                ? new TreeChange(TreeChange.Kind.ADDED, key, null, v3.kv().value())
                : new TreeChange(TreeChange.Kind.CHANGED, key, before.value(), v3.kv().value());
    out.println(change + "  (" + v3.index() + ")");
    out.flush();
  }
}
