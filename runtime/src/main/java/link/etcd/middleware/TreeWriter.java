package link.etcd.middleware;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import link.etcd.EtcdClient;
import link.etcd.EtcdNode;
import link.etcd.internal.Keys;
import org.jspecify.annotations.Nullable;

/**
 * Writes a validated {@link TreeNode} at a key, given what is stored there now. New leaves are
 * written first; what the new tree no longer has is pruned last (in {@link Mode#REPLACE}), so old
 * data is never deleted before its replacement is written, except where a node changes kind (a key
 * becoming a directory, or the reverse), which must be deleted first. A directory with a TTL is
 * created (or has its TTL set) before its children; in {@link Mode#REPLACE} a directory built
 * without a TTL loses the one it had. {@link PlanRunner} sends the requests; when one fails, the
 * {@link EtcdPartialWriteException} lists what was and was not done.
 */
final class TreeWriter {
  /** How a tree write treats what is stored but not in the new tree. */
  enum Mode {
    /** Afterwards the subtree is exactly the new tree: what it no longer has is deleted. */
    REPLACE,
    /** Only the new tree's nodes are written; everything else stays. */
    MERGE
  }

  /** One request of a plan; {@code ttl} is the TTL to set, or {@code null} for none. */
  record Step(Kind kind, String key, @Nullable String value, @Nullable Duration ttl) {
    String describe() {
      return kind.method + " " + key + (ttl == null ? "" : " (ttl " + ttl.toSeconds() + "s)");
    }
  }

  enum Kind {
    PUT("PUT"),
    MKDIR("PUT dir"),
    UPDATE_DIR("PUT dir"),
    DELETE_RECURSIVE("DELETE");

    private final String method;

    Kind(String method) {
      this.method = method;
    }
  }

  private final List<Step> steps = new ArrayList<>();
  private final List<Step> prunes = new ArrayList<>();

  private TreeWriter() {}

  /**
   * Writes {@code tree} at {@code key}. {@code current} is the stored node read recursively, or
   * {@code null} when the key does not exist. At the root, only the new tree's children are
   * written: nothing is pruned there.
   */
  static void write(
      EtcdClient client, String key, TreeNode tree, @Nullable EtcdNode current, Mode mode) {
    TreeWriter writer = new TreeWriter();
    writer.plan(key, tree, current, key.equals("/") ? Mode.MERGE : mode);
    PlanRunner.run(client, key, phases(writer.steps, writer.prunes));
  }

  /**
   * Orders the plan into phases, each run only when the one before has succeeded: kind-change
   * deletes (the only deletes among the steps), then directories with a TTL to create or update, a
   * phase per depth so that a parent comes before its children, then the leaves and empty
   * directories, then the prunes.
   */
  private static List<List<Step>> phases(List<Step> steps, List<Step> prunes) {
    List<Step> kindChanges = new ArrayList<>();
    SortedMap<Integer, List<Step>> directoriesByDepth = new TreeMap<>();
    List<Step> writes = new ArrayList<>();
    for (Step step : steps) {
      if (step.kind() == Kind.DELETE_RECURSIVE) {
        kindChanges.add(step);
      } else if (step.kind() == Kind.UPDATE_DIR
          || (step.kind() == Kind.MKDIR && step.ttl() != null)) {
        int depth = (int) step.key().chars().filter(c -> c == '/').count();
        directoriesByDepth.computeIfAbsent(depth, d -> new ArrayList<>()).add(step);
      } else {
        writes.add(step);
      }
    }
    List<List<Step>> phases = new ArrayList<>();
    phases.add(kindChanges);
    phases.addAll(directoriesByDepth.values());
    phases.add(writes);
    phases.add(prunes);
    return phases;
  }

  private void plan(String key, TreeNode tree, @Nullable EtcdNode current, Mode mode) {
    if (tree instanceof TreeNode.Leaf leaf) {
      if (current != null && current.dir()) {
        steps.add(new Step(Kind.DELETE_RECURSIVE, key, null, null));
      }
      steps.add(new Step(Kind.PUT, key, leaf.value(), leaf.ttl()));
      return;
    }
    TreeNode.Dir dir = (TreeNode.Dir) tree;
    Map<String, TreeNode> children = dir.children();
    EtcdNode existing = current;
    if (existing != null && !existing.dir()) {
      steps.add(new Step(Kind.DELETE_RECURSIVE, key, null, null));
      existing = null;
    }
    if (existing == null && (children.isEmpty() || dir.ttl() != null)) {
      steps.add(new Step(Kind.MKDIR, key, null, dir.ttl()));
    } else if (existing != null
        && (dir.ttl() != null || (mode == Mode.REPLACE && existing.ttl() != null))) {
      steps.add(new Step(Kind.UPDATE_DIR, key, null, dir.ttl()));
    }
    for (Map.Entry<String, TreeNode> child : children.entrySet()) {
      String childKey = Keys.child(key, child.getKey());
      plan(
          childKey,
          child.getValue(),
          existing == null ? null : child(existing, child.getKey()),
          mode);
    }
    if (existing != null && mode == Mode.REPLACE) {
      for (EtcdNode stored : existing.nodes()) {
        if (!children.containsKey(Keys.lastSegment(stored.key()))) {
          prunes.add(new Step(Kind.DELETE_RECURSIVE, stored.key(), null, null));
        }
      }
    }
  }

  private static @Nullable EtcdNode child(EtcdNode dir, String name) {
    for (EtcdNode node : dir.nodes()) {
      if (Keys.lastSegment(node.key()).equals(name)) {
        return node;
      }
    }
    return null;
  }
}
