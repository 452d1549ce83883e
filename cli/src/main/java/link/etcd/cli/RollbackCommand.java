package link.etcd.cli;

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

/** {@code rollback PATH --to-revision N [--dry-run]} (v3): makes PATH what it was at N. */
@Command(
    mixinStandardHelpOptions = true,
    name = "rollback",
    description =
        "Make PATH what it was at revision N, as one guarded txn when it fits (v3); refused when"
            + " etcd compacted N. Keys written back get the lease they had at N when it is still"
            + " alive; when it has expired the rollback is refused, unless"
            + " --without-expired-leases.")
final class RollbackCommand implements Callable<Integer> {
  @ParentCommand LinkEtcd root;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PATH", description = "the directory, such as /app")
  String path;

  @Option(
      names = "--to-revision",
      required = true,
      paramLabel = "N",
      description = "the revision to go back to, as history lists it")
  long revision;

  @Option(names = "--dry-run", description = "print the changes, write nothing")
  boolean dryRun;

  @Option(
      names = "--without-expired-leases",
      description =
          "restore keys whose lease at N has expired since without a lease (by default the"
              + " rollback is refused: etcd deleted those keys with their lease)")
  boolean withoutExpiredLeases;

  @Override
  public Integer call() {
    try (EtcdMiddleware etcd = root.middleware()) {
      TreeSync sync = new TreeSync(etcd);
      TreeDiff diff;
      try {
        diff =
            sync.diffToRevision(
                path,
                revision,
                withoutExpiredLeases
                    ? TreeSync.ExpiredLeases.RESTORE_WITHOUT_LEASE
                    : TreeSync.ExpiredLeases.REFUSE);
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        throw new UserError(Errors.oneLine(e));
      }
      Changes.print(spec.commandLine().getOut(), diff);
      Changes.applyOrNot(
          spec.commandLine().getOut(), sync, diff, dryRun, "what it was at revision " + revision);
      return 0;
    }
  }
}
