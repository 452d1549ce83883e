package link.etcd.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import link.etcd.middleware.FlatPlan.Put;
import org.junit.jupiter.api.Test;

/** The v3 write plan, without etcd: which keys are put with which lease, and which are deleted. */
final class FlatPlanTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private static TreeNode.Leaf leaf(String value) {
    return new TreeNode.Leaf(value, null);
  }

  private static TreeNode.Dir dir(Map<String, TreeNode> children) {
    return new TreeNode.Dir(children, null);
  }

  private static Map<String, Long> stored(String... keys) {
    Map<String, Long> stored = new LinkedHashMap<>();
    for (String key : keys) {
      stored.put(key, 0L);
    }
    return stored;
  }

  @Test
  void replacePutsEveryMarkerAndLeafAndDeletesWhatTheTreeNoLongerHas() {
    FlatPlan plan =
        FlatPlan.of(
            "/a/b",
            dir(Map.of("c", dir(Map.of("d", leaf("1"))))),
            stored("/a/b/", "/a/b/c/", "/a/b/c/d", "/a/b/old", "/a/b/gone/", "/a/b/gone/x"),
            Map.of("/a/", 0L),
            TreeWriter.Mode.REPLACE);
    assertEquals(
        List.of(
            new Put("/a/b/", "", null, 0),
            new Put("/a/b/c/", "", null, 0),
            new Put("/a/b/c/d", "1", null, 0)),
        plan.puts());
    assertEquals(List.of("/a/b/old", "/a/b/gone/", "/a/b/gone/x"), plan.deletes());
  }

  @Test
  void missingDirectoriesAboveThePathGetMarkers() {
    FlatPlan plan =
        FlatPlan.of("/a/b/c", leaf("v"), stored(), Map.of("/a/", 0L), TreeWriter.Mode.REPLACE);
    assertEquals(
        List.of(new Put("/a/b/", "", null, 0), new Put("/a/b/c", "v", null, 0)), plan.puts());
  }

  @Test
  void mergeDeletesOnlyKeysThatChangeKind() {
    Map<String, TreeNode> children = new LinkedHashMap<>();
    children.put("was-leaf", dir(Map.of("x", leaf("1"))));
    children.put("was-dir", leaf("2"));
    FlatPlan plan =
        FlatPlan.of(
            "/t",
            dir(children),
            stored("/t/", "/t/was-leaf", "/t/was-dir/", "/t/was-dir/y", "/t/other"),
            Map.of(),
            TreeWriter.Mode.MERGE);
    assertEquals(List.of("/t/was-leaf", "/t/was-dir/", "/t/was-dir/y"), plan.deletes());
  }

  @Test
  void aDirectoryTtlIsTheLeaseOfEveryKeyUnderItAndAShorterOwnTtlWins() {
    Map<String, TreeNode> children = new LinkedHashMap<>();
    children.put("a", leaf("1"));
    children.put("b", new TreeNode.Leaf("2", Duration.ofSeconds(5)));
    TreeNode tree = new TreeNode.Dir(children, MINUTE);
    FlatPlan plan = FlatPlan.of("/s", tree, stored(), Map.of(), TreeWriter.Mode.REPLACE);
    assertEquals(
        List.of(
            new Put("/s/", "", MINUTE, 0),
            new Put("/s/a", "1", MINUTE, 0),
            new Put("/s/b", "2", Duration.ofSeconds(5), 0)),
        plan.puts());
  }

  @Test
  void keysJoinTheLeaseOfTheDirectoryTheyAreWrittenUnder() {
    FlatPlan above =
        FlatPlan.of("/s/a", leaf("1"), stored(), Map.of("/s/", 42L), TreeWriter.Mode.REPLACE);
    assertEquals(List.of(new Put("/s/a", "1", null, 42)), above.puts());

    Map<String, Long> stored = stored("/t/");
    stored.put("/t/s/", 7L);
    FlatPlan merged =
        FlatPlan.of(
            "/t",
            dir(Map.of("s", dir(Map.of("user", leaf("bob"))))),
            stored,
            Map.of(),
            TreeWriter.Mode.MERGE);
    assertEquals(
        List.of(new Put("/t/s/user", "bob", null, 7)),
        merged.puts(),
        "merge leaves the stored directories' markers, and their leases, alone");

    FlatPlan replaced =
        FlatPlan.of(
            "/t",
            dir(Map.of("s", dir(Map.of("user", leaf("bob"))))),
            stored,
            Map.of(),
            TreeWriter.Mode.REPLACE);
    assertEquals(
        List.of(
            new Put("/t/", "", null, 0),
            new Put("/t/s/", "", null, 0),
            new Put("/t/s/user", "bob", null, 0)),
        replaced.puts(),
        "replace builds the directory without a TTL");
  }

  @Test
  void atTheRootNothingIsPruned() {
    FlatPlan plan =
        FlatPlan.of(
            "/",
            dir(Map.of("x", leaf("1"))),
            stored("/other", "/x"),
            Map.of(),
            TreeWriter.Mode.REPLACE);
    assertEquals(List.of(new Put("/x", "1", null, 0)), plan.puts());
    assertEquals(List.of(), plan.deletes());
  }
}
