package link.etcd.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of one etcd member on loopback, as the harness starts every member. */
final class MemberCommand {
  private MemberCommand() {}

  /**
   * Returns, as a list the caller may add flags to, the command that runs {@code binary} as member
   * {@code name} with its data in {@code dataDir}, serving clients at {@code clientUrl} and peers
   * at {@code peerUrl}, in the cluster {@code initialCluster} ({@code name=peerUrl,...}), logging
   * warnings to stderr, and with the v2 API when {@code v2}.
   */
  static List<String> of(
      Path binary,
      String name,
      Path dataDir,
      String clientUrl,
      String peerUrl,
      String initialCluster,
      boolean v2) {
    List<String> command =
        new ArrayList<>(
            List.of(
                binary.toString(),
                "--name",
                name,
                "--data-dir",
                dataDir.toString(),
                "--listen-client-urls",
                clientUrl,
                "--advertise-client-urls",
                clientUrl,
                "--listen-peer-urls",
                peerUrl,
                "--initial-advertise-peer-urls",
                peerUrl,
                "--initial-cluster",
                initialCluster,
                "--logger",
                "zap",
                "--log-outputs",
                "stderr",
                "--log-level",
                "warn"));
    if (v2) {
      command.add("--enable-v2=true");
    }
    return command;
  }
}
