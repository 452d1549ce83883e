package link.etcd.cli;

import java.util.concurrent.Callable;
import link.etcd.EtcdClient;
import link.etcd.EtcdSettings;
import link.etcd.EtcdV3Client;
import link.etcd.middleware.V2ToV3Migration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code migrate-v2-to-v3}: copies a v2 tree into the v3 layout ({@link V2ToV3Migration}). */
@Command(
    mixinStandardHelpOptions = true,
    name = "migrate-v2-to-v3",
    description = {
      "Copy a v2 subtree (or the whole v2 key space) into link-etcd's v3 layout, so that api = v3"
          + " reads back what api = v2 read: values, directories, in-order keys, TTLs.",
      "A dry run prints every write and writes nothing; a second run changes nothing."
          + " ETCD_USERNAME and ETCD_PASSWORD, when set, are used for both."
    })
final class MigrateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "URL",
      description = "the etcd serving v2 (3.4/3.5 with --enable-v2)")
  String from;

  @Option(names = "--to", paramLabel = "URL", description = "the etcd serving v3 (default: --from)")
  @Nullable String to;

  @Option(names = "--path", paramLabel = "PATH", description = "the subtree (default: /)")
  String path = "/";

  @Option(
      names = "--key-prefix",
      paramLabel = "PREFIX",
      description = "the v3 key_prefix to write under")
  String keyPrefix = "";

  @Option(names = "--dry-run", description = "print every write, write nothing")
  boolean dryRun;

  @Override
  public Integer call() {
    String username = System.getenv("ETCD_USERNAME");
    String password = System.getenv("ETCD_PASSWORD");
    EtcdSettings.Builder v2 = EtcdSettings.builder().host(from);
    EtcdSettings.Builder v3 =
        EtcdSettings.builder()
            .api(EtcdSettings.Api.V3)
            .host(to == null ? from : to)
            .keyPrefix(keyPrefix);
    if (username != null && password != null) {
      v2.username(username).password(password);
      v3.username(username).password(password);
    }
    Progress progress = Progress.forStdout(spec.commandLine().getOut());
    try (EtcdClient source = new EtcdClient(v2.build());
        EtcdV3Client target = new EtcdV3Client(v3.build())) {
      V2ToV3Migration.copy(source, target, path, dryRun, progress::line);
    } finally {
      progress.done();
    }
    return 0;
  }
}
