package link.etcd.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import link.etcd.middleware.Expiring;
import org.junit.jupiter.api.Test;

/** The builder alone: what it builds, and what it refuses, without any etcd. */
final class DirBuilderTest {
  @Test
  void seedExampleBuildsMapsAndItemLists() {
    EtcdTree tree =
        EtcdTree.build(
            root ->
                root.dir("subcollection", sub -> sub.item("item1").item("item2"))
                    .put("answer", 42));
    assertEquals(Map.of("subcollection", List.of("item1", "item2"), "answer", 42), tree.toTree());
    assertEquals("EtcdTree{subcollection=[item1, item2], answer=42}", tree.toString());
  }

  @Test
  void toTreeKeepsBuildOrder() {
    Object tree = EtcdTree.build(root -> root.put("b", 1).put("a", 2).put("c", 3)).toTree();
    assertEquals(List.of("b", "a", "c"), List.copyOf(((Map<?, ?>) tree).keySet()));
  }

  @Test
  void toTreeLeavesTtlsOutAndToValueKeepsThem() {
    EtcdTree tree =
        EtcdTree.build(
            root ->
                root.put("lock", "me", Duration.ofSeconds(30))
                    .dir(
                        "session",
                        session -> session.ttl(Duration.ofMinutes(5)).put("user", "ann")));
    assertEquals(Map.of("lock", "me", "session", Map.of("user", "ann")), tree.toTree());
    assertEquals(
        Map.of(
            "lock", new Expiring("me", Duration.ofSeconds(30)),
            "session", new Expiring(Map.of("user", "ann"), Duration.ofMinutes(5))),
        tree.toValue());
  }

  @Test
  void itemDirsAndEmptyDirs() {
    Object tree =
        EtcdTree.build(
                root ->
                    root.dir(
                            "servers",
                            servers ->
                                servers
                                    .itemDir(server -> server.put("host", "a").put("port", 80))
                                    .itemDir(server -> server.put("host", "b").put("port", 81)))
                        .dir("empty", empty -> {}))
            .toTree();
    assertEquals(
        Map.of(
            "servers", List.of(Map.of("host", "a", "port", 80), Map.of("host", "b", "port", 81)),
            "empty", Map.of()),
        tree);
  }

  @Test
  void itemsMixedWithNamesMakeAMap() {
    Object tree = EtcdTree.build(root -> root.item("x").put("name", "y")).toTree();
    assertEquals(Map.of("1", "x", "name", "y"), tree);
  }

  @Test
  void aNameBuiltTwiceIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EtcdTree.build(root -> root.dir("sub", sub -> sub.put("a", 1).put("a", 2))));
    assertEquals(
        "sub/a is built twice; give each name of a directory one value (items take the names 1, 2, ..."
            + " in order)",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EtcdTree.build(root -> root.put("1", "x").item("y")));
    assertEquals(
        "1 is built twice; give each name of a directory one value (items take the names 1, 2, ... in"
            + " order)",
        e.getMessage());
  }

  @Test
  void badNamesNullsAndTtlsAreRefusedAtOnce() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EtcdTree.build(root -> root.dir("sub", sub -> sub.put("a/b", 1))));
    assertEquals("Key segment 'a/b' must not contain '/' in 'sub/a/b'", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> EtcdTree.build(root -> root.put("..", 1)));
    assertEquals("Key segment '..' is not allowed in '..'", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EtcdTree.build(root -> root.dir("sub", sub -> sub.item(nullValue()))));
    assertEquals(
        "null value for sub/1; etcd holds strings: leave the entry out, or write \"\"",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EtcdTree.build(root -> root.put("a", "x", Duration.ofMillis(1500))));
    assertEquals("ttl must be a positive number of whole seconds but was PT1.5S", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> EtcdTree.build(root -> root.ttl(Duration.ZERO)));
    assertEquals("ttl must be a positive number of whole seconds but was PT0S", e.getMessage());
  }

  @Test
  void aBuilderUsedAfterItsBlockIsRefused() {
    AtomicReference<DirBuilder> leaked = new AtomicReference<>();
    EtcdTree.build(root -> root.dir("sub", leaked::set));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> leaked.get().put("late", 1));
    assertEquals("The builder of sub is finished; call it only inside its block", e.getMessage());
  }

  private static Object nullValue() {
    return null;
  }
}
