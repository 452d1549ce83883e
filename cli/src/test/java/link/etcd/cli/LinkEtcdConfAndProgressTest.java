package link.etcd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import link.etcd.EtcdSettings;
import link.etcd.middleware.EtcdMiddleware;
import link.etcd.testing.EtcdBinary;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --conf DIR} instead of {@code --endpoints}, and the progress bar of a large apply: shown
 * when stdout is a terminal ({@code script(1)} gives the command one), absent on a pipe.
 */
final class LinkEtcdConfAndProgressTest {
  private static EtcdProcess etcd;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    etcd = EtcdProcess.builder().binary(EtcdBinary.V3_5).v2(false).start();
  }

  @AfterAll
  static void stop() {
    etcd.close();
  }

  private Path conf() throws IOException {
    Path conf = dir.resolve("conf");
    Files.createDirectories(conf.resolve("link/etcd"));
    Files.writeString(
        conf.resolve("link/etcd/middleware.conf"),
        "[ETCD]\nhost = "
            + etcd.host()
            + "\nport = "
            + etcd.clientPort()
            + "\napi = v3\nmax_txn_ops = 8\n");
    return conf;
  }

  private void bigFile(String value) throws IOException {
    Files.writeString(
        dir.resolve("big.yaml"),
        java.util.stream.IntStream.range(0, 40)
            .mapToObj(i -> String.format("k%02d: '%s'%n", i, value))
            .collect(Collectors.joining()));
  }

  @Test
  void aLargeApplyShowsABarOnATerminalAndNoneOnAPipe() throws Exception {
    Path conf = conf();
    bigFile("1");
    Command.Result piped =
        Command.run(dir, "--conf", conf.toString(), "apply", "-f", "big.yaml", "/big");
    assertEquals(0, piped.exit(), piped.toString());
    assertFalse(piped.out().contains("requests"), piped.out());
    assertFalse(piped.out().contains("\r"), piped.out());
    assertTrue(piped.out().endsWith("40 change(s) written to /big\n"), piped.out());
    try (EtcdMiddleware check =
        new EtcdMiddleware(
            EtcdSettings.builder()
                .api(EtcdSettings.Api.V3)
                .host(etcd.host())
                .port(etcd.clientPort())
                .build())) {
      assertEquals(40, ((Map<?, ?>) check.get("/big")).size());
    }

    bigFile("2");
    List<String> command =
        Command.builder(dir, "--conf", conf.toString(), "apply", "-f", "big.yaml", "/big")
            .command();
    String line =
        command.stream()
            .map(arg -> "'" + arg.replace("'", "'\\''") + "'")
            .collect(Collectors.joining(" "));
    Path out = dir.resolve("terminal.txt");
    Process process =
        new ProcessBuilder("script", "-q", "-e", "-c", line, "/dev/null")
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectErrorStream(true)
            .start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    String terminal = Files.readString(out, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), terminal);
    assertTrue(terminal.contains("] 8/40 requests"), terminal);
    assertTrue(terminal.contains("] 40/40 requests"), terminal);
    assertTrue(terminal.contains("40 change(s) written to /big"), terminal);
  }

  @Test
  void aConfDirectoryWithoutMiddlewareConfIsNamed() {
    Command.Result result = Command.run(dir, "--conf", dir.toString(), "get", "/big");
    assertEquals(
        new Command.Result(
            2,
            "",
            "link-etcd: --conf "
                + dir
                + ": there is no "
                + dir.resolve("link/etcd/middleware.conf")
                + "; give the directory that holds link/etcd/middleware.conf\n"),
        result);
  }
}
