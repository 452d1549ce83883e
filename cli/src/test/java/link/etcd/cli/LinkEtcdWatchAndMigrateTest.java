package link.etcd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import link.etcd.EtcdSettings;
import link.etcd.middleware.EtcdMiddleware;
import link.etcd.testing.EtcdBinary;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code link-etcd watch} on both APIs and {@code migrate-v2-to-v3}, against etcd 3.5 serving both
 * ({@code --enable-v2}).
 */
final class LinkEtcdWatchAndMigrateTest {
  private static EtcdProcess etcd;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    etcd = EtcdProcess.builder().binary(EtcdBinary.V3_5).v2(true).start();
  }

  @AfterAll
  static void stop() {
    etcd.close();
  }

  private static EtcdMiddleware middleware(EtcdSettings.Api api) {
    return new EtcdMiddleware(
        EtcdSettings.builder().api(api).host(etcd.host()).port(etcd.clientPort()).build());
  }

  @Test
  void watchPrintsEachChangeAsItHappensOnV3AndOnV2() throws Exception {
    for (EtcdSettings.Api api : EtcdSettings.Api.values()) {
      String name = api.name().toLowerCase(java.util.Locale.ROOT);
      Process watch =
          Command.builder(
                  dir, "--endpoints", etcd.clientUrl(), "--api", name, "watch", "/watched-" + name)
              .redirectErrorStream(true)
              .start();
      try (BufferedReader out =
              new BufferedReader(
                  new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8));
          EtcdMiddleware etcd = middleware(api)) {
        assertEquals("watching /watched-" + name + " (Ctrl-C to stop)", out.readLine());
        etcd.set("/watched-" + name + "/a", "1");
        assertTrue(
            out.readLine().matches("\\+ /watched-" + name + "/a = 1  \\(\\d+\\)"), "on " + name);
        etcd.set("/watched-" + name + "/a", "2");
        assertTrue(
            out.readLine().matches("~ /watched-" + name + "/a: 1 -> 2  \\(\\d+\\)"), "on " + name);
        etcd.delete("/watched-" + name + "/a");
        assertTrue(out.readLine().matches("- /watched-" + name + "/a  \\(\\d+\\)"), "on " + name);
      } finally {
        watch.destroy();
        assertTrue(watch.waitFor(30, TimeUnit.SECONDS));
      }
    }
  }

  @Test
  void migrateCopiesAV2TreeThatV3ThenReadsAndPrintsNoProgressToAPipe() throws IOException {
    Map<String, Object> tree = new LinkedHashMap<>();
    for (int i = 0; i < 1100; i++) {
      tree.put(String.format("k%04d", i), Integer.toString(i));
    }
    tree.put("hosts", List.of("a", "b"));
    try (EtcdMiddleware v2 = middleware(EtcdSettings.Api.V2)) {
      v2.set("/legacy", tree);
    }
    Command.Result dry =
        Command.run(
            dir, "migrate-v2-to-v3", "--from", etcd.clientUrl(), "--path", "/legacy", "--dry-run");
    assertEquals(0, dry.exit(), dry.err());
    assertTrue(dry.out().contains("put /legacy/k0007 = \"7\"\n"), dry.out());
    try (EtcdMiddleware v3 = middleware(EtcdSettings.Api.V3)) {
      assertTrue(!v3.contains("/legacy"), "a dry run writes nothing");
      Command.Result copied =
          Command.run(dir, "migrate-v2-to-v3", "--from", etcd.clientUrl(), "--path", "/legacy");
      assertEquals(0, copied.exit(), copied.err());
      assertTrue(
          copied
              .out()
              .matches(
                  "copied 1102 keys, 2 directories, 0 leases, \\d+ bytes; 0 keys already equal\n"),
          "no progress lines when stdout is not a terminal: " + copied.out());
      assertEquals(tree, v3.get("/legacy"));
    }
  }
}
