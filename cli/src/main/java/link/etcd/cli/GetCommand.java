package link.etcd.cli;

import java.util.concurrent.Callable;
import link.etcd.EtcdKeyNotFoundException;
import link.etcd.middleware.EtcdMiddleware;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code get PATH [-o yaml|json|properties]}: prints the tree at PATH. */
@Command(
    mixinStandardHelpOptions = true,
    name = "get",
    description = "Print the tree at PATH; values are etcd's strings, lists are lists.")
final class GetCommand implements Callable<Integer> {
  @ParentCommand LinkEtcd root;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PATH", description = "the key or directory, such as /app")
  String path;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "yaml (the default), json or properties")
  TreeOutput.Format format = TreeOutput.Format.yaml;

  @Override
  public Integer call() {
    try (EtcdMiddleware etcd = root.middleware()) {
      Object tree;
      try {
        tree = etcd.get(path);
      } catch (EtcdKeyNotFoundException e) {
        throw new UserError("nothing is stored at " + path);
      }
      spec.commandLine().getOut().print(TreeOutput.tree(tree, format));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
