package link.etcd.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import link.etcd.EtcdClient;
import link.etcd.EtcdError;
import link.etcd.EtcdKeyNotFoundException;
import link.etcd.EtcdNode;
import link.etcd.EtcdSettings;
import link.etcd.ReadOptions;
import link.etcd.testing.EtcdExtension;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What only the v2 backend does, against a real etcd: its plan of many requests, etcd's own error
 * causes.
 */
@ExtendWith(EtcdExtension.class)
final class V2BackendTest {
  private final EtcdProcess etcd;
  private EtcdMiddleware client;
  private EtcdClient raw;
  private final String base = "/v2-tree-writer";

  V2BackendTest(EtcdProcess etcd) {
    this.etcd = etcd;
  }

  @BeforeEach
  void open() {
    client = new EtcdMiddleware(settings());
    raw = new EtcdClient(settings());
  }

  @AfterEach
  void close() {
    client.close();
    raw.close();
  }

  private EtcdSettings settings() {
    return EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort()).build();
  }

  @Test
  void partialFailureSaysWhatWasWritten() {
    client.set(base + "/blocker", "leaf");
    raw.write(base + "/t/b", "old");
    // A directory created by another writer after the plan was made: the write of b/x then hits a
    // file.
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("a", "1");
    tree.put("b", "2");
    tree.put("c", "3");
    EtcdNode current = raw.read(base + "/t", ReadOptions.defaults().withRecursive(true)).node();
    raw.delete(base + "/t/b");
    raw.write(base + "/t/b", null, link.etcd.WriteOptions.defaults().withDir(true));
    raw.write(base + "/t/b/inner", "x");
    // One request at a time, so that which were sent is exact; ConcurrentTreeWriteTest covers the
    // concurrent case.
    EtcdPartialWriteException e;
    try (EtcdClient oneAtATime =
        new EtcdClient(settings().newBuilder().perHostPoolSize(1).build())) {
      e =
          assertThrows(
              EtcdPartialWriteException.class,
              () ->
                  TreeWriter.write(
                      oneAtATime,
                      base + "/t",
                      TreeValidator.validate(base + "/t", tree, TypeMapping.DEFAULT),
                      current,
                      TreeWriter.Mode.REPLACE));
    }
    assertEquals(List.of("PUT " + base + "/t/a"), e.done());
    assertEquals(List.of("PUT " + base + "/t/b"), e.failed());
    assertEquals(List.of("PUT " + base + "/t/c"), e.notDone());
    assertEquals(EtcdError.NOT_A_FILE, e.error());
    assertEquals(102, e.serverCode());
    assertTrue(
        e.getMessage()
            .startsWith(
                "The tree write at "
                    + base
                    + "/t stopped part way: PUT "
                    + base
                    + "/t/b failed (Not a file: "
                    + base
                    + "/t/b"),
        e.getMessage());
    assertEquals("1", raw.read(base + "/t/a").node().value());
  }

  @Test
  void keyNotFoundNamesTheKeyAskedForBesideEtcdsCause() {
    client.set(base + "/present", "1");
    EtcdKeyNotFoundException e =
        assertThrows(
            EtcdKeyNotFoundException.class, () -> client.get(base + "/definitely/missing"));
    assertEquals(base + "/definitely/missing", e.key());
    assertEquals(base + "/definitely", e.detail());
    assertEquals(
        "Key not found: "
            + base
            + "/definitely/missing (etcd's cause: "
            + base
            + "/definitely; etcd"
            + " error 100, index "
            + e.index()
            + ")",
        e.getMessage());
  }

  @Test
  void aValueTooLargeForEtcdIsRefusedBeforeAnyWriteAndOneThatFitsIsWritten() {
    int limit = 10 * 1024 * 1024;
    String key = base + "/big-values";
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> client.set(key, Map.of("small", "1", "big", "x".repeat(limit))));
    assertEquals(
        "The value for key '"
            + key
            + "/big' is too large for etcd's v2 API: form-encoded it takes "
            + (limit + 6)
            + " bytes, and etcd refuses a request body over "
            + limit
            + " bytes (10 MiB); keep large data"
            + " elsewhere and store a reference in etcd",
        e.getMessage());
    assertFalse(client.contains(key));
    String fits = "x".repeat(limit - 1000);
    client.set(key, Map.of("small", "1", "big", fits));
    assertEquals(fits, client.get(key + "/big"));
  }
}
