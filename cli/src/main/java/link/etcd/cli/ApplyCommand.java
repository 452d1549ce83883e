package link.etcd.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import link.etcd.middleware.EtcdMiddleware;
import link.etcd.middleware.TreeDiff;
import link.etcd.middleware.TreeSync;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code apply -f FILE PATH [--dry-run]}: makes the tree at PATH what FILE says. */
@Command(
    mixinStandardHelpOptions = true,
    name = "apply",
    description = {
      "Make the tree at PATH exactly what FILE says (keys not in the file are deleted), and print"
          + " each change.",
      "On v3 it is one txn guarded by the revisions read: a tree changed meanwhile is refused and"
          + " nothing is written."
    })
final class ApplyCommand implements Callable<Integer> {
  @ParentCommand LinkEtcd root;
  @Spec CommandSpec spec;

  @Option(
      names = {"-f", "--file"},
      required = true,
      paramLabel = "FILE",
      description = "a .yaml, .yml, .json or .properties file")
  Path file;

  @Parameters(paramLabel = "PATH", description = "the directory to write, such as /app")
  String path;

  @Option(names = "--dry-run", description = "print the changes, write nothing")
  boolean dryRun;

  @Override
  public Integer call() {
    Object tree = TreeFile.read(file);
    try (EtcdMiddleware etcd = root.middleware()) {
      TreeSync sync = new TreeSync(etcd);
      TreeDiff diff = Checked.diff(sync, path, tree, file);
      Changes.print(spec.commandLine().getOut(), diff);
      Changes.applyOrNot(spec.commandLine().getOut(), sync, diff, dryRun, file.toString());
      return 0;
    }
  }
}
