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

/** {@code diff -f FILE PATH [-o json]}: what {@code apply} would change; exit 0, 1 or 2. */
@Command(
    mixinStandardHelpOptions = true,
    name = "diff",
    description =
        "Print what apply would change at PATH; exit 0 when the tree is the file, 1 when it"
            + " differs, 2 on error.")
final class DiffCommand implements Callable<Integer> {
  @ParentCommand LinkEtcd root;
  @Spec CommandSpec spec;

  @Option(
      names = {"-f", "--file"},
      required = true,
      paramLabel = "FILE",
      description = "a .yaml, .yml, .json or .properties file")
  Path file;

  @Parameters(paramLabel = "PATH", description = "the directory to compare, such as /app")
  String path;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "text (the default) or json")
  String format = "text";

  @Override
  public Integer call() {
    if (!format.equals("text") && !format.equals("json")) {
      throw new UserError("-o " + format + ": diff prints text or json");
    }
    Object tree = TreeFile.read(file);
    try (EtcdMiddleware etcd = root.middleware()) {
      TreeDiff diff = Checked.diff(new TreeSync(etcd), path, tree, file);
      if (format.equals("json")) {
        spec.commandLine().getOut().print(TreeOutput.diffJson(diff));
        spec.commandLine().getOut().flush();
      } else {
        Changes.print(spec.commandLine().getOut(), diff);
      }
      return diff.isEmpty() ? 0 : 1;
    }
  }
}
