package link.etcd.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import link.etcd.middleware.EtcdMiddleware;
import link.etcd.middleware.TreeChange;
import link.etcd.middleware.TreeHistory;
import link.etcd.middleware.TreeSync;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code history PATH [--limit N] [-o json]} (v3): the revisions that changed PATH. */
@Command(
    mixinStandardHelpOptions = true,
    name = "history",
    description =
        "List the revisions at which something under PATH changed, newest first, with what"
            + " changed, back to where etcd's history ends (v3).")
final class HistoryCommand implements Callable<Integer> {
  @ParentCommand LinkEtcd root;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PATH", description = "the directory, such as /app")
  String path;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "the most revisions to list (default: 20)")
  int limit = 20;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "text (the default) or json")
  String format = "text";

  @Override
  public Integer call() {
    if (!format.equals("text") && !format.equals("json")) {
      throw new UserError("-o " + format + ": history prints text or json");
    }
    if (limit < 1) {
      throw new UserError("--limit " + limit + ": give a positive number");
    }
    try (EtcdMiddleware etcd = root.middleware()) {
      TreeHistory history = new TreeSync(etcd).history(path, limit);
      PrintWriter out = spec.commandLine().getOut();
      if (format.equals("json")) {
        out.print(TreeOutput.historyJson(history));
      } else {
        for (TreeHistory.Revision revision : history.revisions()) {
          out.println("revision " + revision.revision());
          for (TreeChange change : revision.changes()) {
            out.println("  " + change);
          }
        }
        out.println(history.end());
      }
      out.flush();
      if (!history.exact()) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(
            "link-etcd: note: this etcd is older than 3.5.13 (or 3.4.31), whose answers to a"
                + " progress request say when the history is complete; it was taken as complete"
                + " after a second without changes, so a key created and deleted again in that"
                + " last moment could be missing");
        err.flush();
      }
      return 0;
    }
  }
}
