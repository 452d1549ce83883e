package link.etcd.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import link.etcd.EtcdSettings;
import link.etcd.conf.IniConfDriver;
import link.etcd.middleware.EtcdMiddleware;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The command {@code link-etcd} and its global options: where etcd is and which API to speak. */
@Command(
    name = "link-etcd",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Configuration as files for etcd: get, apply, diff, history, rollback, watch.",
    subcommands = {
      GetCommand.class,
      ApplyCommand.class,
      DiffCommand.class,
      HistoryCommand.class,
      RollbackCommand.class,
      WatchCommand.class,
      ValidateCommand.class,
      MigrateCommand.class,
      picocli.AutoComplete.GenerateCompletion.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success (diff: the tree already is the file)",
      "1:diff: the tree differs from the file",
      "2:an error: bad input, etcd refused or could not be reached; nothing was written unless"
          + " the message says what was"
    })
final class LinkEtcd {
  @Option(
      names = "--endpoints",
      split = ",",
      paramLabel = "URL",
      scope = ScopeType.INHERIT,
      description = "etcd's client URLs, comma-separated, as etcdctl takes them")
  @Nullable List<String> endpoints;

  @Option(
      names = "--api",
      paramLabel = "v2|v3",
      scope = ScopeType.INHERIT,
      description = "the etcd API to speak (default: middleware.conf's api, else v2)")
  @Nullable String api;

  @Option(
      names = "--conf",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description =
          "read DIR/link/etcd/middleware.conf instead of searching /etc, ~/.config and"
              + " $B3J0F_CONF_DIR")
  @Nullable Path conf;

  /** {@return the settings the options and the middleware.conf files say} */
  EtcdSettings settings() {
    EtcdSettings.Builder builder;
    try {
      builder = loadConf().newBuilder();
      if (endpoints != null && !endpoints.isEmpty()) {
        builder.endpoints(endpoints).allowReconnect(endpoints.size() > 1);
      }
      if (api != null) {
        builder.api(api(api));
      }
      String username = System.getenv("ETCD_USERNAME");
      String password = System.getenv("ETCD_PASSWORD");
      if (username != null && password != null) {
        builder.username(username).password(password);
      }
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  private EtcdSettings loadConf() {
    if (conf == null) {
      return EtcdSettings.load();
    }
    Path file = conf.resolve(EtcdSettings.CONF_PATH);
    if (!Files.isRegularFile(file)) {
      throw new UserError(
          "--conf "
              + conf
              + ": there is no "
              + file
              + "; give the directory that holds link/etcd/middleware.conf");
    }
    return EtcdSettings.load(new IniConfDriver(List.of(conf)));
  }

  private static EtcdSettings.Api api(String name) {
    return switch (name) {
      case "v2" -> EtcdSettings.Api.V2;
      case "v3" -> EtcdSettings.Api.V3;
      default -> throw new UserError("--api " + name + ": give v2 or v3");
    };
  }

  /** {@return a middleware over {@link #settings()}; no I/O yet} */
  EtcdMiddleware middleware() {
    return new EtcdMiddleware(settings());
  }
}
