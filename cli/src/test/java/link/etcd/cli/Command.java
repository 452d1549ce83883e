package link.etcd.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code link-etcd} as a user does: a child JVM on this module's class path, its exit code,
 * stdout and stderr. stdout is a pipe, not a terminal.
 */
final class Command {
  private Command() {}

  /** What a run printed and returned. */
  record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  static ProcessBuilder builder(Path dir, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().remove("ETCD_USERNAME");
    builder.environment().remove("ETCD_PASSWORD");
    builder.environment().remove("B3J0F_CONF_DIR");
    return builder;
  }

  /** Runs {@code link-etcd args} in {@code dir} and waits for it, 60 s at most. */
  static Result run(Path dir, String... args) {
    try {
      Path out = java.nio.file.Files.createTempFile("link-etcd-out", ".txt");
      Path err = java.nio.file.Files.createTempFile("link-etcd-err", ".txt");
      Process process =
          builder(dir, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      boolean ended = process.waitFor(60, TimeUnit.SECONDS);
      if (!ended) {
        process.destroyForcibly();
      }
      assertTrue(ended, "link-etcd " + String.join(" ", args) + " did not end within 60 s");
      Result result =
          new Result(
              process.exitValue(),
              java.nio.file.Files.readString(out, StandardCharsets.UTF_8),
              java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
      java.nio.file.Files.delete(out);
      java.nio.file.Files.delete(err);
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
