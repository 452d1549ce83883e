package link.etcd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import link.etcd.EtcdSettings;
import link.etcd.EtcdV3Client;
import link.etcd.EtcdV3Types.PutOptions;
import link.etcd.middleware.EtcdMiddleware;
import link.etcd.testing.EtcdBinary;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code link-etcd} on the v3 API, run as a child process against etcd 3.5 (without {@code
 * --enable-v2}) and 3.4, started here (one test compacts it).
 */
final class LinkEtcdV3Test {
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  final class OnEtcd35 extends Suite {
    OnEtcd35() {
      super(EtcdBinary.V3_5);
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  final class OnEtcd34 extends Suite {
    OnEtcd34() {
      super(EtcdBinary.DEFAULT);
    }
  }

  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  abstract static class Suite {
    private final EtcdBinary binary;
    private EtcdProcess etcd;
    @TempDir Path dir;

    Suite(EtcdBinary binary) {
      this.binary = binary;
    }

    @BeforeAll
    void start() {
      etcd = EtcdProcess.builder().binary(binary).v2(false).start();
    }

    @AfterAll
    void stop() {
      etcd.close();
    }

    private Command.Result linkEtcd(String... args) {
      List<String> all = new ArrayList<>();
      all.add("--endpoints");
      all.add("http://" + etcd.host() + ":" + etcd.clientPort());
      all.add("--api");
      all.add("v3");
      all.addAll(List.of(args));
      return Command.run(dir, all.toArray(String[]::new));
    }

    private EtcdMiddleware middleware() {
      return new EtcdMiddleware(
          EtcdSettings.builder()
              .api(EtcdSettings.Api.V3)
              .host(etcd.host())
              .port(etcd.clientPort())
              .build());
    }

    private Object stored(String path) {
      try (EtcdMiddleware etcd = middleware()) {
        return etcd.contains(path) ? etcd.get(path) : "(nothing)";
      }
    }

    private void write(String file, String text) throws IOException {
      Files.writeString(dir.resolve(file), text);
    }

    @Test
    void rollbackGivesLeasesBackRefusesExpiredOnesUnlessToldAndHistorySaysHowItEnded()
        throws IOException {
      long alive;
      long gone;
      long then;
      try (EtcdMiddleware etcd = middleware()) {
        EtcdV3Client raw = etcd.v3Client();
        alive = raw.grant(600).id();
        gone = raw.grant(600).id();
        raw.put("/leased/a", "1", PutOptions.defaults().withLease(alive));
        raw.put("/leased/b", "1", PutOptions.defaults().withLease(gone));
        then = raw.put("/leased/c", "1").revision();
        write("leased.yaml", "a: 2\nc: 2\n");
        Command.Result applied = linkEtcd("apply", "-f", "leased.yaml", "/leased");
        assertEquals(0, applied.exit(), applied.toString());
        raw.revoke(gone);
      }
      String revision = Long.toString(then);
      Command.Result refused = linkEtcd("rollback", "/leased", "--to-revision", revision);
      assertEquals(
          new Command.Result(
              2,
              "",
              "link-etcd: Cannot roll /leased back to revision "
                  + then
                  + ": at that revision /leased/b had lease "
                  + Long.toHexString(gone)
                  + ", which has expired since, and etcd deleted the keys with it; nothing was"
                  + " written. Roll back to a later revision, or restore those keys without a"
                  + " lease (TreeSync.ExpiredLeases.RESTORE_WITHOUT_LEASE; link-etcd rollback"
                  + " --without-expired-leases)\n"),
          refused);
      assertEquals(Map.of("a", "2", "c", "2"), stored("/leased"), "nothing written");

      Command.Result restored =
          linkEtcd("rollback", "/leased", "--to-revision", revision, "--without-expired-leases");
      assertEquals(
          new Command.Result(
              0,
              "~ /leased/a: 2 -> 1 [lease "
                  + Long.toHexString(alive)
                  + "]\n+ /leased/b = 1\n~ /leased/c: 2 -> 1\n3 change(s) written to /leased\n",
              ""),
          restored);
      try (EtcdMiddleware etcd = middleware()) {
        assertEquals(alive, etcd.v3Client().range("/leased/a").kvs().get(0).lease());
        assertEquals(0, etcd.v3Client().range("/leased/b").kvs().get(0).lease());
      }

      Command.Result history = linkEtcd("history", "/leased", "-o", "json");
      assertEquals(0, history.exit(), history.toString());
      boolean exact = binary == EtcdBinary.V3_5;
      assertTrue(history.out().contains("\"exact\": " + exact), history.out());
      assertEquals(
          exact
              ? ""
              : "link-etcd: note: this etcd is older than 3.5.13 (or 3.4.31), whose answers to a"
                  + " progress request say when the history is complete; it was taken as complete"
                  + " after a second without changes, so a key created and deleted again in that"
                  + " last moment could be missing\n",
          history.err());
    }

    /** The issue's "Done when", step by step. */
    @Test
    void applyDiffDryRunHistoryRollbackAndGetAsTheIssueSays() throws IOException {
      write(
          "app.yaml",
          """
          name: shop
          port: 8080
          debug: on
          hosts:
            - a.example
            - b.example
          db:
            url: jdbc:postgresql://db/shop
            pool: 10
          """);
      Command.Result applied = linkEtcd("apply", "-f", "app.yaml", "/app");
      assertEquals(
          """
          + /app/db/pool = 10
          + /app/db/url = jdbc:postgresql://db/shop
          + /app/debug = on
          + /app/hosts/1 = a.example
          + /app/hosts/2 = b.example
          + /app/name = shop
          + /app/port = 8080
          7 change(s) written to /app
          """,
          applied.out(),
          applied.toString());
      assertEquals(0, applied.exit());
      Map<String, Object> first =
          Map.of(
              "name", "shop",
              "port", "8080",
              "debug", "on",
              "hosts", List.of("a.example", "b.example"),
              "db", Map.of("url", "jdbc:postgresql://db/shop", "pool", "10"));
      assertEquals(first, stored("/app"));
      long firstRevision;
      try (EtcdMiddleware etcd = middleware()) {
        firstRevision = etcd.v3Client().range("/app/name").kvs().get(0).modRevision();
      }

      Command.Result same = linkEtcd("diff", "-f", "app.yaml", "/app");
      assertEquals(new Command.Result(0, "", ""), same);

      write(
          "app.yaml",
          """
          name: shop
          port: 9090
          debug: on
          hosts:
            - a.example
          db:
            url: jdbc:postgresql://db/shop
          """);
      Command.Result changed = linkEtcd("diff", "-f", "app.yaml", "/app");
      assertEquals(
          new Command.Result(1, "- /app/db/pool\n- /app/hosts/2\n~ /app/port: 8080 -> 9090\n", ""),
          changed);

      Command.Result dryRun = linkEtcd("apply", "--dry-run", "-f", "app.yaml", "/app");
      assertEquals(
          new Command.Result(
              0,
              "- /app/db/pool\n- /app/hosts/2\n~ /app/port: 8080 -> 9090\n"
                  + "dry run: 3 change(s) to /app, nothing written\n",
              ""),
          dryRun);
      assertEquals(first, stored("/app"), "a dry run writes nothing");

      Command.Result second = linkEtcd("apply", "-f", "app.yaml", "/app");
      assertEquals(0, second.exit(), second.toString());
      Map<String, Object> edited =
          Map.of(
              "name", "shop",
              "port", "9090",
              "debug", "on",
              "hosts", List.of("a.example"),
              "db", Map.of("url", "jdbc:postgresql://db/shop"));
      assertEquals(edited, stored("/app"));

      Command.Result history = linkEtcd("history", "/app");
      assertEquals(0, history.exit(), history.toString());
      assertTrue(
          history.out().contains("revision " + firstRevision + "\n  + /app/db/pool = 10\n"),
          history.toString());
      assertTrue(
          history
              .out()
              .endsWith(
                  "history of /app reaches back to revision 1, the start of this etcd: nothing"
                      + " was compacted\n"),
          history.toString());

      Command.Result rollback =
          linkEtcd("rollback", "/app", "--to-revision", Long.toString(firstRevision));
      assertEquals(
          new Command.Result(
              0,
              "+ /app/db/pool = 10\n+ /app/hosts/2 = b.example\n~ /app/port: 9090 -> 8080\n"
                  + "3 change(s) written to /app\n",
              ""),
          rollback);
      assertEquals(first, stored("/app"));

      Command.Result json = linkEtcd("get", "/app", "-o", "json");
      assertEquals(
          new Command.Result(
              0,
              """
              {
                "db": {
                  "pool": "10",
                  "url": "jdbc:postgresql://db/shop"
                },
                "debug": "on",
                "hosts": [
                  "a.example",
                  "b.example"
                ],
                "name": "shop",
                "port": "8080"
              }
              """,
              ""),
          json);

      Command.Result missing = linkEtcd("apply", "-f", "missing.yaml", "/app");
      assertEquals(new Command.Result(2, "", "link-etcd: missing.yaml: no such file\n"), missing);

      write("broken.yaml", "name: shop\nhosts: [a.example\nport: 1\n");
      Command.Result invalid = linkEtcd("apply", "-f", "broken.yaml", "/app");
      assertEquals(
          new Command.Result(
              2, "", "link-etcd: broken.yaml:3:5: invalid YAML: expected ',' or ']', but got :\n"),
          invalid);
      assertEquals(first, stored("/app"), "invalid YAML changes nothing");
    }

    @Test
    void badInputIsOneLineExitTwoAndWritesNothing() throws IOException {
      write("base.yaml", "a: '1'\n");
      assertEquals(0, linkEtcd("apply", "-f", "base.yaml", "/bad").exit());
      write("null.yaml", "a: 1\nb:\n");
      write("key.yaml", "a:\n  \"..\": 1\n");
      write("control.yaml", "\"a\\u0001b\": x\n");
      write("dup.json", "{\"a\": \"1\",\n \"a\": \"2\"}\n");
      write("bad.json", "{\"a\": \"1\",,\n}\n");
      write("plain.txt", "a=1\n");
      String[][] cases = {
        {
          "null.yaml",
          "link-etcd: null.yaml:2:3: no value (null); etcd holds strings: write \"\" for an empty value, or leave the key out"
        },
        {"key.yaml", "link-etcd: key.yaml: Key segment '..' is not allowed in '/bad/a/..'"},
        {"dup.json", "link-etcd: dup.json:2:2: duplicate key 'a'"},
        {
          "plain.txt",
          "link-etcd: plain.txt: unknown file type; name it .yaml, .yml, .json or .properties"
        },
      };
      for (String[] bad : cases) {
        Command.Result result = linkEtcd("apply", "-f", bad[0], "/bad");
        assertEquals(new Command.Result(2, "", bad[1] + "\n"), result);
      }
      Command.Result control = linkEtcd("apply", "-f", "control.yaml", "/bad");
      assertEquals(2, control.exit(), control.toString());
      assertTrue(control.err().startsWith("link-etcd: control.yaml: "), control.toString());
      assertEquals(1, control.err().lines().count(), control.toString());
      Command.Result badJson = linkEtcd("diff", "-f", "bad.json", "/bad");
      assertEquals(2, badJson.exit(), badJson.toString());
      assertTrue(badJson.err().startsWith("link-etcd: bad.json:1:"), badJson.toString());
      assertEquals(Map.of("a", "1"), stored("/bad"), "nothing written");

      Command.Result future = linkEtcd("rollback", "/bad", "--to-revision", "999999");
      assertEquals(2, future.exit(), future.toString());
      assertTrue(
          future
              .err()
              .matches(
                  "link-etcd: Revision 999999 is in the future: etcd is at revision \\d+; pick one that the history of /bad lists\n"),
          future.toString());
      Command.Result unreachable =
          Command.run(dir, "--endpoints", "http://127.0.0.1:1", "--api", "v3", "get", "/bad");
      assertEquals(2, unreachable.exit(), unreachable.toString());
      assertEquals(1, unreachable.err().lines().count(), unreachable.toString());
    }

    @Test
    void propertiesAndJsonFilesApplyAsYamlDoesAndValuesKeepTheirText() throws IOException {
      write("app.properties", "db.host=db1\ndb.port=5432\nhosts.1=a\nhosts.2=b\nratio=1.50\n");
      assertEquals(0, linkEtcd("apply", "-f", "app.properties", "/props").exit());
      assertEquals(
          Map.of(
              "db",
              Map.of("host", "db1", "port", "5432"),
              "hosts",
              List.of("a", "b"),
              "ratio",
              "1.50"),
          stored("/props"));
      write(
          "app.json",
          "{\"db\": {\"host\": \"db1\", \"port\": 5432}, \"hosts\": [\"a\", \"b\"], \"ratio\": 1.50}");
      assertEquals(new Command.Result(0, "", ""), linkEtcd("diff", "-f", "app.json", "/props"));
      Command.Result properties = linkEtcd("get", "/props", "-o", "properties");
      assertEquals(
          new Command.Result(
              0, "db.host=db1\ndb.port=5432\nhosts.1=a\nhosts.2=b\nratio=1.50\n", ""),
          properties);
      write("retype.yaml", "a: on\nb: 0x10\nc: 1e3\nd: 010\ne: yes\nf: '1.0'\n");
      assertEquals(0, linkEtcd("apply", "-f", "retype.yaml", "/retype").exit());
      assertEquals(
          Map.of("a", "on", "b", "0x10", "c", "1e3", "d", "010", "e", "yes", "f", "1.0"),
          stored("/retype"));
      Command.Result yaml = linkEtcd("get", "/retype");
      assertEquals(0, yaml.exit());
      write("back.yaml", yaml.out());
      assertEquals(new Command.Result(0, "", ""), linkEtcd("diff", "-f", "back.yaml", "/retype"));
    }

    @Test
    @Order(Integer.MAX_VALUE) // It compacts this suite's etcd; the others read its whole history.
    void historyAndRollbackSayWhereCompactionEndedHistory() throws IOException {
      write("v1.yaml", "a: '1'\n");
      write("v2.yaml", "a: '2'\n");
      write("v3.yaml", "a: '3'\n");
      linkEtcd("apply", "-f", "v1.yaml", "/compacted");
      long old;
      long compactedTo;
      try (EtcdMiddleware etcd = middleware()) {
        old = etcd.v3Client().range("/compacted/a").kvs().get(0).modRevision();
        linkEtcd("apply", "-f", "v2.yaml", "/compacted");
        compactedTo = etcd.v3Client().range("/compacted/a").kvs().get(0).modRevision();
        etcd.v3Client().compact(compactedTo, true);
      }
      linkEtcd("apply", "-f", "v3.yaml", "/compacted");
      Command.Result history = linkEtcd("history", "/compacted", "-o", "json");
      assertEquals(0, history.exit(), history.toString());
      assertTrue(history.out().contains("\"compacted\": true"), history.out());
      assertTrue(history.out().contains("\"oldestRevision\": " + compactedTo), history.out());
      assertTrue(
          history.out().contains("\"old\": \"2\",\n          \"new\": \"3\""), history.out());
      Command.Result gone = linkEtcd("rollback", "/compacted", "--to-revision", Long.toString(old));
      assertEquals(
          new Command.Result(
              2,
              "",
              "link-etcd: Revision "
                  + old
                  + " of /compacted was compacted: etcd keeps revisions from "
                  + compactedTo
                  + " on (the history of /compacted lists them); nothing was written\n"),
          gone);
      assertEquals(Map.of("a", "3"), stored("/compacted"));
    }
  }
}
