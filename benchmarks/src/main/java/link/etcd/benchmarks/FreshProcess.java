package link.etcd.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** A child process that does one cold piece of work and prints its figures on one line. */
final class FreshProcess {
  private FreshProcess() {}

  /**
   * Runs {@code command}, which prints the seconds of its work, its CPU seconds, then any further
   * figures, separated by spaces; returns those two, the seconds from spawn to exit, then the
   * further figures.
   *
   * @param what names the work in the exception thrown when the process fails
   */
  static double[] time(List<String> command, String what) throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String answer =
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (process.waitFor() != 0) {
      throw new IOException(what + " failed: " + answer);
    }
    double whole = (System.nanoTime() - start) / 1e9;
    double[] printed = Arrays.stream(answer.split(" ")).mapToDouble(Double::parseDouble).toArray();
    double[] figures = new double[printed.length + 1];
    figures[0] = printed[0];
    figures[1] = printed[1];
    figures[2] = whole;
    System.arraycopy(printed, 2, figures, 3, printed.length - 2);
    return figures;
  }
}
