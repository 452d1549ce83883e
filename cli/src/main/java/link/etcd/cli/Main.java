package link.etcd.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The entry point of {@code link-etcd} ({@code java -jar link-etcd-cli.jar}, {@code
 * bin/link-etcd}): runs the command line and exits with its code, 0 on success, 1 when {@code diff}
 * finds changes, 2 on any error, printed as one line.
 */
public final class Main {
  private Main() {}

  /**
   * Runs the command line and exits with its code.
   *
   * @param args the command line, such as {@code get /app -o json}
   */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the command line and returns its exit code, without exiting.
   *
   * @param args the command line
   * @return the exit code
   */
  public static int run(String... args) {
    CommandLine line = new CommandLine(new LinkEtcd());
    line.setExecutionExceptionHandler(
        (e, command, parsed) -> {
          PrintWriter err = command.getErr();
          err.println("link-etcd: " + Errors.oneLine(e));
          err.flush();
          return 2;
        });
    return line.execute(args);
  }
}
