package link.etcd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import link.etcd.testing.EtcdBinary;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published jar runs on its own: {@code java -jar link-etcd-cli-<version>.jar}, with nothing
 * else on the class path, applies a file to etcd 3.5 (v3) and reads it back.
 */
final class LinkEtcdJarIT {
  @TempDir Path dir;

  private static Command.Result javaJar(Path dir, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(System.getProperty("link.etcd.cli.jar"));
    command.addAll(List.of(args));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "java -jar did not end within 60 s");
    return new Command.Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void theJarAppliesAFileAndReadsItBack() throws Exception {
    try (EtcdProcess etcd = EtcdProcess.builder().binary(EtcdBinary.V3_5).v2(false).start()) {
      Files.writeString(dir.resolve("app.yaml"), "name: shop\nhosts: [a, b]\n");
      String endpoint = "http://" + etcd.host() + ":" + etcd.clientPort();
      assertEquals(
          new Command.Result(
              0,
              "+ /app/hosts/1 = a\n+ /app/hosts/2 = b\n+ /app/name = shop\n"
                  + "3 change(s) written to /app\n",
              ""),
          javaJar(dir, "--endpoints", endpoint, "--api", "v3", "apply", "-f", "app.yaml", "/app"));
      assertEquals(
          new Command.Result(
              0, "{\n  \"hosts\": [\n    \"a\",\n    \"b\"\n  ],\n  \"name\": \"shop\"\n}\n", ""),
          javaJar(dir, "--endpoints", endpoint, "--api", "v3", "get", "/app", "-o", "json"));
      Command.Result version = javaJar(dir, "--version");
      assertTrue(version.out().matches("link-etcd \\d+\\.\\d+\\.\\d+.*\n"), version.toString());
    }
  }
}
