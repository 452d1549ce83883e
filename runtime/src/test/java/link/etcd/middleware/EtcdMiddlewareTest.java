package link.etcd.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.EtcdKeyNotFoundException;
import link.etcd.EtcdSettings;
import link.etcd.Target;
import link.etcd.conf.IniConfDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The seed's dict protocol against a real etcd, on both APIs: every row of the map semantics. */
@ParameterizedClass
@MethodSource("link.etcd.Target#all")
final class EtcdMiddlewareTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final Target target;
  private EtcdMiddleware client;
  private Target.Raw raw;
  private String base;

  EtcdMiddlewareTest(Target target) {
    this.target = target;
  }

  @BeforeEach
  void open(TestInfo info) {
    client = new EtcdMiddleware(target.settings());
    raw = target.raw();
    base = "/mw-" + info.getTestMethod().orElseThrow().getName() + "-" + COUNTER.incrementAndGet();
  }

  @AfterEach
  void close() {
    client.close();
    raw.close();
  }

  /** Every key under {@code key} holding a value, as stored on the server. */
  private Map<String, String> leaves(String key) {
    return raw.leaves(key);
  }

  @Test
  void seedTutorialCollectionRoundTrips() {
    String collection = base + "/collection";
    Map<String, Object> tree = Map.of("subcollection", List.of("item1", "item2"));

    client.set(collection, tree);

    assertEquals(
        Map.of(
            collection + "/subcollection/1", "item1",
            collection + "/subcollection/2", "item2"),
        leaves(collection));
    assertEquals(tree, client.get(collection));
    client.delete(collection);
    assertFalse(client.contains(collection));
    assertEquals(Map.of(), leaves(collection));
  }

  @Test
  void getOfLeafIsString() {
    raw.write(base + "/leaf", "v");
    assertEquals("v", client.get(base + "/leaf"));
  }

  @Test
  void getOfDirectoryIsMapInKeyOrder() {
    client.set(base, Map.of("b", "2", "a", "1", "c", Map.of("z", "26", "y", "25")));
    Object tree = client.get(base);
    assertInstanceOf(LinkedHashMap.class, tree);
    assertEquals(List.of("a", "b", "c"), new ArrayList<>(((Map<?, ?>) tree).keySet()));
    assertEquals(
        List.of("y", "z"), new ArrayList<>(((Map<?, ?>) ((Map<?, ?>) tree).get("c")).keySet()));
  }

  @Test
  void getOfNumberedDirectoryIsListInNumericOrder() {
    List<String> items = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      items.add("item" + i);
    }
    client.set(base + "/list", items);
    assertEquals(items, client.get(base + "/list"));
  }

  @Test
  void getReadsInOrderKeysAsAMapKeyedByTheirNamesAndTypedAsAList() {
    String first = client.append(base + "/queue", "a");
    String second = client.append(base + "/queue", "b");
    client.append(base + "/queue", 3);
    assertTrue(first.matches(base + "/queue/\\d{20}"), first);
    Map<?, ?> queue = (Map<?, ?>) client.get(base + "/queue");
    assertEquals(3, queue.size());
    assertEquals("b", queue.get(second.substring(second.lastIndexOf('/') + 1)));
    assertEquals(List.of("a", "b", "3"), client.get(base + "/queue", List.class));
  }

  @Test
  void getReadsAListOnlyForItemsOneToNSoSetOfWhatGetReadKeepsEveryName() {
    Map<String, String> numbered = Map.of("1", "a", "5", "b", "10", "c");
    client.set(base + "/m", numbered);
    Object read = client.get(base + "/m");
    assertEquals(numbered, read);
    client.set(base + "/m", read);
    assertEquals(numbered, client.get(base + "/m"));
    client.set(base + "/items", Map.of("2", "b", "1", "a", "3", "c"));
    assertEquals(List.of("a", "b", "c"), client.get(base + "/items"));
    client.set(base + "/zero", Map.of("01", "a", "2", "b"));
    assertEquals(Map.of("01", "a", "2", "b"), client.get(base + "/zero"));
  }

  @Test
  void emptyMapAndEmptyListWriteEmptyDirectories() {
    client.set(base, Map.of("m", Map.of(), "l", List.of()));
    assertEquals(Map.of("m", Map.of(), "l", Map.of()), client.get(base));
    assertTrue(raw.isDirectory(base + "/l"));
  }

  @Test
  void getMapGetListAndGetAsStringNeedNoCastsInJava() {
    client.set(
        base,
        Map.of(
            "svc", Map.of("host", "h", "port", 80), "tags", List.of("a", "b"), "empty", Map.of()));
    Map<String, Object> svc = client.getMap(base + "/svc");
    List<Object> tags = client.getList(base + "/tags");
    String host = client.get(base + "/svc/host", String.class);
    assertEquals(Map.of("host", "h", "port", "80"), svc);
    assertEquals(List.of("a", "b"), tags);
    assertEquals("h", host);
    assertEquals(List.of(), client.getList(base + "/empty"));
    assertEquals(Map.of(), client.getMap(base + "/empty"));
    IllegalArgumentException notAMap =
        assertThrows(IllegalArgumentException.class, () -> client.getMap(base + "/tags"));
    assertEquals(
        "Expected a directory of named children at "
            + base
            + "/tags but found a list; read it with"
            + " getList",
        notAMap.getMessage());
    IllegalArgumentException notAList =
        assertThrows(IllegalArgumentException.class, () -> client.getList(base + "/svc/host"));
    assertEquals(
        "Expected a list (a directory of items 1, 2, ...) at "
            + base
            + "/svc/host but found a value; read"
            + " it with get(path, String.class)",
        notAList.getMessage());
    assertThrows(EtcdKeyNotFoundException.class, () -> client.getMap(base + "/missing"));
  }

  @Test
  void getOfMissingKeyThrowsKeyNotFound() {
    assertThrows(EtcdKeyNotFoundException.class, () -> client.get(base + "/missing"));
  }

  @Test
  void scalarsAreWrittenAsTheirStringForm() {
    client.set(
        base,
        Map.of(
            "int",
            42,
            "bool",
            true,
            "char",
            'x',
            "enum",
            Thread.State.NEW,
            "decimal",
            new java.math.BigDecimal("1E+3"),
            "text",
            new StringBuilder("sb")));
    assertEquals(
        Map.of(
            "bool", "true", "char", "x", "decimal", "1000", "enum", "NEW", "int", "42", "text",
            "sb"),
        client.get(base));
  }

  @Test
  void arraysAreWrittenAsOneBasedItems() {
    client.set(base + "/a", new int[] {5, 6});
    client.set(base + "/b", new String[] {"x"});
    assertEquals(Map.of(base + "/a/1", "5", base + "/a/2", "6", base + "/b/1", "x"), leaves(base));
  }

  @Test
  void setReplacesKeysRemovedFromTheMap() {
    client.set(base, Map.of("keep", "1", "gone", Map.of("deep", "x")));
    client.set(base, Map.of("keep", "2", "new", "3"));
    assertEquals(Map.of("keep", "2", "new", "3"), client.get(base));
    assertEquals(Map.of(base + "/keep", "2", base + "/new", "3"), leaves(base));
  }

  @Test
  void shorterListPrunesTrailingItems() {
    client.set(base, List.of("a", "b", "c"));
    client.set(base, List.of("z"));
    assertEquals(List.of("z"), client.get(base));
  }

  @Test
  void leafBecomesDirectoryAndBack() {
    client.set(base + "/node", "leaf");
    client.set(base + "/node", Map.of("child", "v"));
    assertEquals(Map.of("child", "v"), client.get(base + "/node"));
    client.set(base + "/node", "leaf again");
    assertEquals("leaf again", client.get(base + "/node"));
    assertFalse(raw.isDirectory(base + "/node"));
  }

  @Test
  void mergeKeepsWhatTheNewTreeDoesNotHave() {
    client.set(base, Map.of("a", "1", "b", "2"));
    client.merge(base, Map.of("b", "20", "c", "30"));
    assertEquals(Map.of("a", "1", "b", "20", "c", "30"), client.get(base));
  }

  @Test
  void containsIsTrueForLeavesAndDirectories() {
    client.set(base, Map.of("leaf", "v", "dir", Map.of()));
    assertTrue(client.contains(base + "/leaf"));
    assertTrue(client.contains(base + "/dir"));
    assertTrue(client.contains(base));
    assertFalse(client.contains(base + "/nothing"));
  }

  @Test
  void deleteOfMissingKeyThrowsKeyNotFound() {
    assertThrows(EtcdKeyNotFoundException.class, () -> client.delete(base + "/missing"));
  }

  @Test
  void deleteErasesLeavesAndTrees() {
    client.set(base, Map.of("leaf", "v", "tree", Map.of("a", List.of("x"))));
    client.delete(base + "/leaf");
    client.minusAssign(base + "/tree");
    assertEquals(Map.of(), client.get(base));
  }

  @Test
  void rootWritesItsChildrenAndRefusesScalarsAndDelete() {
    String name = base.substring(1);
    raw.write("/untouched-" + name, "stays");
    client.set("/", Map.of(name, Map.of("x", "1")));
    assertEquals(Map.of("x", "1"), client.get(base));
    assertEquals("stays", client.get("/untouched-" + name));
    assertEquals(
        EtcdError.ROOT_READ_ONLY,
        assertThrows(EtcdException.class, () -> client.set("/", "scalar")).error());
    assertEquals(
        EtcdError.ROOT_READ_ONLY,
        assertThrows(EtcdException.class, () -> client.delete("/")).error());
  }

  @Test
  void awkwardKeysRoundTrip() {
    Map<String, Object> tree = new LinkedHashMap<>();
    for (String key :
        List.of(
            "with space",
            "question?",
            "hash#",
            "percent%25",
            "plus+",
            "amp&",
            "equals=",
            "ünïcödé",
            "日本語",
            "emoji😀",
            "colon:semi;",
            "quote'\"",
            "tilde~")) {
      tree.put(key, "value of " + key);
    }
    client.set(base, tree);
    assertEquals(new HashMap<>(tree), new HashMap<>((Map<?, ?>) client.get(base)));
    for (String key : tree.keySet()) {
      assertEquals("value of " + key, leaves(base + "/" + key).get(base + "/" + key));
      assertTrue(client.contains(base + "/" + key), key);
    }
  }

  @Test
  void aTreeDeeperThanMoshisNestingLimitReadsBackAndLeavesItsAncestorsReadable() throws Exception {
    int depth =
        400; // a recursive answer nests two JSON levels per tree level: 800, Moshi stops at 255
    Object deep = "bottom";
    StringBuilder path = new StringBuilder(base + "/deep");
    for (int i = 0; i < depth; i++) {
      deep = Map.of("a", deep);
      path.append("/a");
    }
    client.set(base + "/deep", deep);
    client.set(base + "/sibling", "s");
    assertEquals(Map.of(path.toString(), "bottom"), leaves(path.toString()));
    assertEquals(Map.of("deep", deep, "sibling", "s"), client.get(base));
    assertEquals(Map.of(path.toString(), "bottom", base + "/sibling", "s"), leaves(base));
    client.set(base, Map.of("deep", deep, "sibling", "t"));
    assertEquals("t", client.get(base + "/sibling"));
    assertEquals(deep, client.get(base + "/deep"));
  }

  @Test
  void aKeyAsDeepAsEtcdAcceptsLeavesItsAncestorsReadable() throws Exception {
    StringBuilder path = new StringBuilder(base);
    while (path.length() < 3900) {
      path.append("/a");
    }
    raw.write(path.toString(), "bottom");
    Object tree = client.get(base);
    int depth = 0;
    while (tree instanceof Map<?, ?> map) {
      tree = map.get("a");
      depth++;
    }
    assertEquals("bottom", tree);
    assertEquals((path.length() - base.length()) / 2, depth);
    assertEquals(Map.of(path.toString(), "bottom"), leaves(base));
    client.merge(base, Map.of("b", "sibling"));
    assertEquals("sibling", client.get(base + "/b"));
  }

  @Test
  void aValueNestingMoreThanFiveHundredLevelsIsRefusedBeforeAnyWrite() {
    Object deep = "bottom";
    for (int i = 0; i < 501; i++) {
      deep = List.of(deep);
    }
    assertRefused(
        "The value written at "
            + base
            + " nests more than 500 maps, lists or arrays; write its deepest"
            + " parts with separate calls",
        deep);
  }

  @Test
  void invalidTreesWriteNothing() {
    Map<String, Object> cyclic = new HashMap<>();
    cyclic.put("self", cyclic);
    List<Object> withNull = Arrays.asList("a", null);
    assertRefused(
        "null value at " + base + "/2; etcd holds strings: leave the entry out, or write \"\"",
        withNull);
    assertRefused("Cycle at " + base + "/self: a map, list or array contains itself", cyclic);
    assertRefused(
        "Unsupported value of type java.lang.Object at "
            + base
            + "/obj: it has no fields, so it has no"
            + " tree form (Moshi would write an empty directory); use a Map, a List, an array, a scalar, a record or a"
            + " class with fields",
        Map.of("ok", "1", "obj", new Object()));
    assertRefused(
        "Key segment '..' is not allowed in '" + base + "/..'", Map.of("ok", "1", "..", "x"));
    assertRefused(
        "Key segment 'a/b' must not contain '/' in '" + base + "/a/b'",
        Map.of("ok", "1", "a/b", "x"));
    assertRefused(
        "Control character U+000A is not allowed in key '" + base + "/line\\u000Abreak'",
        Map.of("ok", "1", "line\nbreak", "x"));
    assertRefused(null, Map.of("ok", "1", "long", Map.of("x".repeat(5000), "v")));
    assertRefused(
        "Unpaired surrogate U+D800 at index 1 of the value for key '"
            + base
            + "/s' is not allowed; UTF-8"
            + " cannot encode it, so etcd would store '?'",
        Map.of("ok", "1", "s", "a\uD800b"));
    assertRefused(
        "Unpaired surrogate U+DC00 at index 0 of the value for key '"
            + base
            + "' is not allowed; UTF-8"
            + " cannot encode it, so etcd would store '?'",
        "\uDC00");
    assertEquals(Map.of(), leaves(base));
  }

  private void assertRefused(String message, Object value) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> client.set(base, value));
    if (message != null) {
      assertEquals(message, e.getMessage());
    }
    assertFalse(client.contains(base), "something was written for " + value);
  }

  @Test
  void noArgumentConstructorReadsMiddlewareConf(@TempDir Path confDir) throws Exception {
    Path file = confDir.resolve("link/etcd/middleware.conf");
    Files.createDirectories(file.getParent());
    EtcdSettings settings = target.settings();
    Files.writeString(
        file,
        "[ETCD]\nhost = "
            + settings.host()
            + "\nport = "
            + settings.port()
            + "\napi = "
            + (target.v3() ? "v3" : "v2")
            + "\n");
    EtcdSettings loaded = EtcdSettings.load(new IniConfDriver(List.of(confDir)));
    try (EtcdMiddleware fromConf = new EtcdMiddleware(loaded)) {
      assertFalse(fromConf.isConnected());
      fromConf.set(base, "from conf");
      assertTrue(fromConf.isConnected());
      assertEquals(Map.of(base, "from conf"), leaves(base));
    }
  }

  @Test
  void closedMiddlewareRefusesCalls() {
    client.close();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> client.get(base));
    assertEquals("This EtcdMiddleware is closed; create a new one", e.getMessage());
  }

  @Test
  void disconnectThenReconnectOnNextUse() {
    client.connect();
    assertTrue(client.isConnected());
    client.disconnect();
    assertFalse(client.isConnected());
    client.set(base, "again");
    assertEquals("again", client.get(base));
  }
}
