package link.etcd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import link.etcd.EtcdSettings;
import link.etcd.middleware.EtcdMiddleware;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code link-etcd} get, apply and diff on the v2 API (etcd 3.4 with {@code --enable-v2}). */
final class LinkEtcdV2Test {
  private static EtcdProcess etcd;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    etcd = EtcdProcess.builder().v2(true).start();
  }

  @AfterAll
  static void stop() {
    etcd.close();
  }

  private Command.Result linkEtcd(String... args) {
    List<String> all = new ArrayList<>();
    all.add("--endpoints");
    all.add(etcd.host() + ":" + etcd.clientPort());
    all.add("--api");
    all.add("v2");
    all.addAll(List.of(args));
    return Command.run(dir, all.toArray(String[]::new));
  }

  @Test
  void getApplyAndDiffWorkOnV2AndHistoryIsRefused() throws IOException {
    Files.writeString(dir.resolve("app.yaml"), "name: shop\nhosts: [a, b]\nempty: {}\n");
    assertEquals(
        new Command.Result(
            0,
            "+ /app/empty/\n+ /app/hosts/1 = a\n+ /app/hosts/2 = b\n+ /app/name = shop\n"
                + "4 change(s) written to /app\n",
            ""),
        linkEtcd("apply", "-f", "app.yaml", "/app"));
    assertEquals(new Command.Result(0, "", ""), linkEtcd("diff", "-f", "app.yaml", "/app"));
    Files.writeString(dir.resolve("app.yaml"), "name: shop2\nhosts: [a]\n");
    assertEquals(
        new Command.Result(1, "- /app/empty/\n- /app/hosts/2\n~ /app/name: shop -> shop2\n", ""),
        linkEtcd("diff", "-f", "app.yaml", "/app"));
    assertEquals(0, linkEtcd("apply", "-f", "app.yaml", "/app").exit());
    try (EtcdMiddleware check =
        new EtcdMiddleware(
            EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort()).build())) {
      assertEquals(Map.of("name", "shop2", "hosts", List.of("a")), check.get("/app"));
    }
    assertEquals(
        new Command.Result(0, "{\n  \"hosts\": [\n    \"a\"\n  ],\n  \"name\": \"shop2\"\n}\n", ""),
        linkEtcd("get", "/app", "-o", "json"));
    assertEquals(
        new Command.Result(
            2,
            "",
            "link-etcd: History needs etcd's revisions, which only the v3 API has; set api = v3"
                + " (etcd keeps no history of keys written through v2)\n"),
        linkEtcd("history", "/app"));
  }
}
