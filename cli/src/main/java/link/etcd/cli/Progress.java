package link.etcd.cli;

import java.io.PrintWriter;
import java.util.regex.Pattern;

/**
 * The progress of long work, a migration or a large apply, shown on one line that updates in place
 * when stdout is a terminal, and left out when it is not (a pipe, a file, a script), so scripts see
 * only results.
 */
final class Progress {
  private static final Pattern PROGRESS = Pattern.compile("copied \\d+ keys, the last .*");

  private final PrintWriter out;
  private final boolean terminal;
  private boolean showing;
  private int ticks;

  private Progress(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** {@return a progress for stdout: shown only when stdout is a terminal} */
  static Progress forStdout(PrintWriter out) {
    return new Progress(out, System.console() != null);
  }

  /** Prints {@code line}: progress in place (on a terminal only), anything else as a line. */
  void line(String line) {
    if (PROGRESS.matcher(line).matches()) {
      if (terminal) {
        out.print("\r\u001b[2K[" + "#".repeat(Math.min(40, ++ticks)) + "] " + line);
        out.flush();
        showing = true;
      }
      return;
    }
    done();
    out.println(line);
    out.flush();
  }

  /** Shows a bar of {@code written} requests out of {@code total} (on a terminal only). */
  void written(int written, int total) {
    if (terminal && total > 0) {
      int filled = (int) (40L * written / total);
      out.print(
          "\r\u001b[2K["
              + "#".repeat(filled)
              + " ".repeat(40 - filled)
              + "] "
              + written
              + "/"
              + total
              + " requests");
      out.flush();
      showing = true;
    }
  }

  /** Ends the progress line, if one is showing. */
  void done() {
    if (showing) {
      out.println();
      out.flush();
      showing = false;
    }
  }
}
