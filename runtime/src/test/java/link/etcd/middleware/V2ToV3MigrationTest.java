package link.etcd.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import link.etcd.EtcdClient;
import link.etcd.EtcdSettings;
import link.etcd.EtcdV3Client;
import link.etcd.testing.EtcdBinary;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link V2ToV3Migration} on a real etcd 3.5 serving both APIs ({@code --enable-v2}): a tree
 * written through {@code api = v2} reads back equal through {@code api = v3}; a dry run writes
 * nothing; a second run changes nothing.
 */
final class V2ToV3MigrationTest {
  private static EtcdProcess etcd;

  @BeforeAll
  static void start() {
    etcd = EtcdProcess.builder().binary(EtcdBinary.V3_5).v2(true).start();
  }

  @AfterAll
  static void stop() {
    etcd.close();
  }

  private static EtcdSettings.Builder settings() {
    return EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort());
  }

  @Test
  void aV2TreeWithMapsListsItemsAndTtlsReadsBackEqualOnV3AndADryRunWritesNothing() {
    try (EtcdMiddleware v2 = new EtcdMiddleware(settings().build());
        EtcdMiddleware v3 = new EtcdMiddleware(settings().api(EtcdSettings.Api.V3).build());
        EtcdClient from = new EtcdClient(settings().build());
        EtcdV3Client to = new EtcdV3Client(settings().api(EtcdSettings.Api.V3).build())) {
      Map<String, Object> tree = new LinkedHashMap<>();
      tree.put("name", "shop");
      tree.put("db", Map.of("host", "db1", "ports", List.of("5432", "5433"), "empty", Map.of()));
      tree.put("session", new Expiring(Map.of("user", "ann"), Duration.ofSeconds(60)));
      tree.put("lock", new Expiring("held", Duration.ofSeconds(90)));
      v2.set("/app", tree);
      v2.append("/app/queue", "first");
      v2.append("/app/queue", "second");
      Object before = v2.get("/app");

      List<String> dry = new ArrayList<>();
      V2ToV3Migration.Summary planned = V2ToV3Migration.copy(from, to, "/app", true, dry::add);
      assertEquals(
          0,
          to.range("/", EtcdV3Client.RangeOptions.defaults().withRangeEnd("\0").withCountOnly(true))
              .count(),
          "a dry run writes nothing");
      assertTrue(dry.contains("put /app/name = \"shop\""), dry.toString());
      assertTrue(dry.contains("put /app/db/empty/ (directory)"), dry.toString());
      assertTrue(
          dry.contains("put /app/lock = \"held\" (ttl 90 s)")
              || dry.contains("put /app/lock = \"held\" (ttl 89 s)"),
          dry.toString());
      assertEquals(
          "would copy 8 keys, 6 directories, 2 leases, "
              + planned.bytes()
              + " bytes; 0 keys already equal",
          dry.get(dry.size() - 1));

      List<String> lines = new ArrayList<>();
      V2ToV3Migration.Summary copied = V2ToV3Migration.copy(from, to, "/app", false, lines::add);
      assertEquals(
          List.of(
              "copied 8 keys, 6 directories, 2 leases, "
                  + planned.bytes()
                  + " bytes; 0 keys already"
                  + " equal"),
          lines);
      assertEquals(before, v3.get("/app"));
      assertEquals(List.of("first", "second"), v3.get("/app/queue", List.class));
      assertEquals(v2.get("/app/queue", List.class), v3.get("/app/queue", List.class));
      long sessionTtl = v3.ttl("/app/session/user").orElseThrow().toSeconds();
      assertTrue(sessionTtl > 50 && sessionTtl <= 60, "session ttl " + sessionTtl);
      assertEquals(copied.bytes(), planned.bytes());

      V2ToV3Migration.Summary again = V2ToV3Migration.copy(from, to, "/app", false, line -> {});
      assertEquals(6, again.unchanged(), "the keys without TTL are left alone");
      assertEquals(2, again.keys(), "the keys with a TTL get a lease with the time left");
      assertEquals(before, v3.get("/app"));
    }
  }
}
