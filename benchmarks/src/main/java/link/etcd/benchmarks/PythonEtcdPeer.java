package link.etcd.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * python-etcd, the seed's engine, driven through {@code python_etcd_peer.py} in a child process run
 * by Debian's {@code /usr/bin/python3} (where {@code apt-get install python3-etcd} puts it). The
 * script times each piece of work itself, so the pipe between the processes is not measured.
 */
final class PythonEtcdPeer implements Peer {
  static final Path PYTHON = Path.of("/usr/bin/python3");

  private final Process process;
  private final Path script;
  private final Writer commands;
  private final BufferedReader answers;
  private double lastCpuSeconds;

  private PythonEtcdPeer(Process process, Path script) {
    this.process = process;
    this.script = script;
    this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.answers =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Returns the installed python-etcd's version, or {@code null} when it is not installed. */
  static @Nullable String installedVersion() throws IOException, InterruptedException {
    if (!Files.isExecutable(PYTHON)) {
      return null;
    }
    Process probe =
        new ProcessBuilder(
                PYTHON.toString(),
                "-c",
                "import etcd, importlib.metadata as m; print(m.version('python-etcd'))")
            .redirectErrorStream(true)
            .start();
    String output =
        new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    return probe.waitFor() == 0 ? output : null;
  }

  static PythonEtcdPeer start(String host, int port) throws IOException {
    Path script = Files.createTempFile("python_etcd_peer", ".py");
    try (InputStream source =
        Objects.requireNonNull(
            PythonEtcdPeer.class.getResourceAsStream("python_etcd_peer.py"),
            "python_etcd_peer.py")) {
      Files.write(script, source.readAllBytes());
    }
    Process process =
        new ProcessBuilder(PYTHON.toString(), script.toString(), host, Integer.toString(port))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    return new PythonEtcdPeer(process, script);
  }

  @Override
  public String name() {
    return "python-etcd";
  }

  @Override
  public double run(Work work, String key) throws IOException {
    commands.write(work.name() + " " + key + "\n");
    commands.flush();
    String answer = answers.readLine();
    if (answer == null || answer.startsWith("error")) {
      throw new IOException("python-etcd failed " + work + " at " + key + ": " + answer);
    }
    String[] figures = answer.split(" ");
    lastCpuSeconds = Double.parseDouble(figures[1]);
    return Double.parseDouble(figures[0]);
  }

  /**
   * The CPU seconds the Python process spent on the last piece of work (its own count, not the
   * JVM's).
   */
  @Override
  public double cpuSeconds(double jvmCpuSeconds) {
    return lastCpuSeconds;
  }

  /**
   * Runs a fresh Python process that sets the 2000-leaf tree at {@code key} as its first call, and
   * returns {@code {first set's seconds, its CPU seconds, the whole process's seconds from spawn to
   * exit}}.
   */
  static double[] coldSet(String host, int port, String key)
      throws IOException, InterruptedException {
    Path script = Files.createTempFile("python_etcd_peer", ".py");
    try (InputStream source =
        Objects.requireNonNull(
            PythonEtcdPeer.class.getResourceAsStream("python_etcd_peer.py"),
            "python_etcd_peer.py")) {
      Files.write(script, source.readAllBytes());
      return FreshProcess.time(
          List.of(PYTHON.toString(), script.toString(), host, Integer.toString(port), "cold", key),
          "python-etcd's cold set");
    } finally {
      Files.deleteIfExists(script);
    }
  }

  @Override
  public void close() throws IOException {
    commands.close();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      Files.deleteIfExists(script);
    }
  }
}
