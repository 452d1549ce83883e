package link.etcd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code link-etcd validate} against {@code com.example.ShopConfig}, whose accessor the processor
 * generated into this module's test classes; no etcd needed.
 */
final class LinkEtcdValidateTest {
  @TempDir Path dir;

  private Command.Result validate(String file) {
    String classes = Path.of("target", "test-classes").toAbsolutePath().toString();
    return Command.run(
        dir, "validate", "-f", file, "--schema", "com.example.ShopConfig", "--classpath", classes);
  }

  @Test
  void aFileThatFitsTheSchemaPasses() throws IOException {
    Files.writeString(
        dir.resolve("good.yaml"), "APP:\n  enabled: true\nHTTP:\n  port: 9090\n  hosts: [a, b]\n");
    assertEquals(
        new Command.Result(0, "good.yaml fits com.example.ShopConfig (at /shop/app.conf)\n", ""),
        validate("good.yaml"));
  }

  @Test
  void wrongTypesMissingValuesAndUnknownKeysAreEachOneLineAndExitTwo() throws IOException {
    Files.writeString(
        dir.resolve("bad.yaml"), "APP:\n  name: x\nHTTP:\n  port: eighty\n  prot: 1\n  hosts: a\n");
    assertEquals(
        new Command.Result(
            2,
            "",
            """
            link-etcd: bad.yaml: Expected list items hosts/1, hosts/2, ... but found one value at \
            /shop/app.conf/HTTP/hosts
            link-etcd: bad.yaml: Expected an int but was "eighty" at /shop/app.conf/HTTP/port
            link-etcd: bad.yaml: No value for ShopConfig.isEnabled() at /shop/app.conf/APP/enabled; \
            store one there or declare a @Default
            link-etcd: bad.yaml: HTTP/prot is not in ShopConfig; check its spelling and category
            """),
        validate("bad.yaml"));
  }

  @Test
  void aSchemaNotOnTheClassPathIsNamed() throws IOException {
    Files.writeString(dir.resolve("good.yaml"), "APP:\n  enabled: true\n");
    assertEquals(
        new Command.Result(
            2,
            "",
            "link-etcd: --schema: com.example.Missing (the schema) is not on --classpath; give the"
                + " directories or jars that hold the compiled schema\n"),
        Command.run(dir, "validate", "-f", "good.yaml", "--schema", "com.example.Missing"));
  }
}
