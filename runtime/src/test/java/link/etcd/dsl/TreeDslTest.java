package link.etcd.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.Target;
import link.etcd.middleware.EtcdMiddleware;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The tree DSL against a real etcd: both modes, TTLs, and validation before any write. */
@ParameterizedClass
@MethodSource("link.etcd.Target#all")
final class TreeDslTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final Target target;
  private EtcdMiddleware client;
  private String base;

  TreeDslTest(Target target) {
    this.target = target;
  }

  @BeforeEach
  void open(TestInfo info) {
    client = new EtcdMiddleware(target.settings());
    base = "/dsl-" + info.getTestMethod().orElseThrow().getName() + "-" + COUNTER.incrementAndGet();
  }

  @AfterEach
  void close() {
    client.close();
    if (raw != null) {
      raw.close();
    }
  }

  private Target.Raw raw;

  private Target.Raw raw() {
    if (raw == null) {
      raw = target.raw();
    }
    return raw;
  }

  @Test
  void seedExampleWritesWhatSetWrites() {
    EtcdTree.replace(
        client,
        base + "/dsl",
        root ->
            root.dir("subcollection", sub -> sub.item("item1").item("item2")).put("answer", 42));
    client.set(base + "/map", Map.of("subcollection", List.of("item1", "item2"), "answer", 42));
    assertEquals(client.get(base + "/map"), client.get(base + "/dsl"));
    assertEquals(
        Map.of("answer", "42", "subcollection", List.of("item1", "item2")),
        client.get(base + "/dsl"));
  }

  @Test
  void replaceRemovesWhatWasNotBuilt() {
    client.set(base, Map.of("keep", "old", "gone", "old", "sub", Map.of("x", "1", "y", "2")));
    EtcdTree.replace(
        client, base, root -> root.put("keep", "new").dir("sub", sub -> sub.put("x", "10")));
    assertEquals(Map.of("keep", "new", "sub", Map.of("x", "10")), client.get(base));
  }

  @Test
  void mergeKeepsWhatWasNotBuilt() {
    client.set(base, Map.of("keep", "old", "stays", "old", "sub", Map.of("x", "1", "y", "2")));
    EtcdTree.merge(
        client, base, root -> root.put("keep", "new").dir("sub", sub -> sub.put("x", "10")));
    assertEquals(
        Map.of("keep", "new", "stays", "old", "sub", Map.of("x", "10", "y", "2")),
        client.get(base));
  }

  @Test
  void leafTtlIsSetOnTheKey() {
    EtcdTree.replace(
        client, base, root -> root.put("lock", "me", Duration.ofSeconds(60)).put("plain", "x"));
    assertEquals("me", client.get(base + "/lock"));
    Long lock = raw().ttl(base + "/lock");
    assertTrue(lock != null && lock > 0 && lock <= 60, "ttl " + lock);
    assertNull(raw().ttl(base + "/plain"));
  }

  @Test
  void dirTtlIsSetOnTheDirectoryBeforeItsChildren() {
    EtcdTree.replace(
        client,
        base,
        root ->
            root.dir(
                "session",
                session -> session.ttl(Duration.ofSeconds(120)).put("user", "ann").item("a")));
    assertTrue(raw().isDirectory(base + "/session"));
    Long session = raw().ttl(base + "/session");
    assertTrue(session != null && session > 60 && session <= 120, "ttl " + session);
    // v2 expires the directory with its keys; v3 has no directories, so its keys share the
    // directory's lease.
    assertEquals(target.v3(), raw().ttl(base + "/session/user") != null);
    assertEquals(Map.of("user", "ann", "1", "a"), client.get(base + "/session"));
  }

  @Test
  void putOfAMapWithTtlGivesTheDirectoryTheTtl() {
    EtcdTree.replace(
        client, base, root -> root.put("cfg", Map.of("a", "1"), Duration.ofSeconds(60)));
    assertTrue(raw().isDirectory(base + "/cfg"));
    Long cfg = raw().ttl(base + "/cfg");
    assertNotNull(cfg);
    assertEquals(target.v3(), raw().ttl(base + "/cfg/a") != null);
  }

  @Test
  void ttlOfAnExistingDirectoryIsUpdatedAndReplaceClearsIt() {
    client.set(base, Map.of("session", Map.of("user", "ann")));
    if (target == Target.V2_ON_35) {
      etcd35sV2CannotUpdateADirectory();
      return;
    }
    EtcdTree.merge(
        client, base, root -> root.dir("session", session -> session.ttl(Duration.ofSeconds(90))));
    assertNotNull(raw().ttl(base + "/session"));
    assertEquals(Map.of("session", Map.of("user", "ann")), client.get(base));

    EtcdTree.merge(
        client, base, root -> root.dir("session", session -> session.put("user", "bob")));
    assertNotNull(raw().ttl(base + "/session"), "merge keeps a TTL it was not given");

    EtcdTree.replace(
        client, base, root -> root.dir("session", session -> session.put("user", "bob")));
    assertNull(raw().ttl(base + "/session"), "replace makes the directory exactly as built");
    assertEquals(Map.of("session", Map.of("user", "bob")), client.get(base));
  }

  /**
   * etcd 3.5's v2 store refuses every update of an existing directory (3.4 applies it): a clear
   * error that says what to do, and the tree as it was.
   */
  private void etcd35sV2CannotUpdateADirectory() {
    EtcdException e =
        assertThrows(
            EtcdException.class,
            () ->
                EtcdTree.merge(
                    client,
                    base,
                    root -> root.dir("session", session -> session.ttl(Duration.ofSeconds(90)))));
    assertEquals(EtcdError.UNSUPPORTED, e.error());
    assertEquals(
        "etcd 3.5.16 at http://127.0.0.1:"
            + target.etcd().get().clientPort()
            + " cannot update the existing directory "
            + base
            + "/session through the v2 API, so cannot change its TTL (it answers \"Raft Internal"
            + " Error: nodePath /1"
            + base
            + "/session : Not a file ()\", a defect of etcd 3.5's v2 store); set api = v3, or"
            + " delete the directory and write it again with its TTL (etcd error 300, index 0)",
        e.getMessage());
    assertNull(raw().ttl(base + "/session"));
    assertEquals(Map.of("session", Map.of("user", "ann")), client.get(base));
  }

  @Test
  void ttlOfARootDirectoryOfTheTree() {
    EtcdTree.replace(client, base, root -> root.ttl(Duration.ofSeconds(30)).put("a", "1"));
    assertNotNull(raw().ttl(base));
    assertEquals(Map.of("a", "1"), client.get(base));
  }

  @Test
  void anInvalidTreeWritesNothing() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                EtcdTree.replace(
                    client,
                    base,
                    root -> root.put("ok", "1").dir("sub", sub -> sub.put("when", new Thread()))));
    assertTrue(
        e.getMessage()
            .startsWith(
                "Unsupported value of type java.lang.Thread at "
                    + base
                    + "/sub/when: "
                    + "Moshi cannot map it (Platform class java.lang.Thread requires explicit JsonAdapter to be registered"),
        e.getMessage());
    assertFalse(client.contains(base));
  }

  @Test
  void aLongKeyWritesNothing() {
    String longName = "x".repeat(5000);
    assertThrows(
        IllegalArgumentException.class,
        () -> EtcdTree.replace(client, base, root -> root.put("ok", "1").put(longName, "v")));
    assertFalse(client.contains(base));
  }

  @Test
  void aTreeBuiltOnceIsWrittenWithSet() {
    EtcdTree tree = EtcdTree.build(root -> root.put("lock", "me", Duration.ofSeconds(60)));
    client.set(base, tree.toValue());
    assertNotNull(raw().ttl(base + "/lock"));
    client.merge(base, Map.of("other", "x"));
    assertEquals(Map.of("lock", "me", "other", "x"), client.get(base));
  }
}
