package link.etcd.middleware;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import link.etcd.EtcdClient;
import link.etcd.EtcdNode;
import link.etcd.internal.Keys;
import org.jspecify.annotations.Nullable;

/**
 * Writes a validated {@link TreeNode} at a key, given what is stored there now. New leaves are written first;
 * what the new tree no longer has is pruned last (in {@link Mode#REPLACE}), so old data is never deleted before
 * its replacement is written, except where a node changes kind (a key becoming a directory, or the reverse),
 * which must be deleted first. {@link PlanRunner} sends the requests; when one fails, the
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

  /** One request of a plan. */
  record Step(Kind kind, String key, @Nullable String value) {
    String describe() {
      return kind.method + " " + key;
    }
  }

  enum Kind {
    PUT("PUT"), MKDIR("PUT dir"), DELETE_RECURSIVE("DELETE");

    private final String method;

    Kind(String method) {
      this.method = method;
    }
  }

  private final List<Step> steps = new ArrayList<>();
  private final List<Step> prunes = new ArrayList<>();

  private TreeWriter() {}

  /**
   * Writes {@code tree} at {@code key}. {@code current} is the stored node read recursively, or {@code null} when
   * the key does not exist. At the root, only the new tree's children are written: nothing is pruned there.
   */
  static void write(EtcdClient client, String key, TreeNode tree, @Nullable EtcdNode current, Mode mode) {
    TreeWriter writer = new TreeWriter();
    writer.plan(key, tree, current, key.equals("/") ? Mode.MERGE : mode);
    // The only deletes among the steps are kind changes: they must finish before anything is written there.
    List<Step> kindChanges = new ArrayList<>();
    List<Step> writes = new ArrayList<>();
    for (Step step : writer.steps) {
      (step.kind() == Kind.DELETE_RECURSIVE ? kindChanges : writes).add(step);
    }
    PlanRunner.run(client, key, List.of(kindChanges, writes, writer.prunes));
  }

  private void plan(String key, TreeNode tree, @Nullable EtcdNode current, Mode mode) {
    if (tree instanceof TreeNode.Leaf leaf) {
      if (current != null && current.dir()) {
        steps.add(new Step(Kind.DELETE_RECURSIVE, key, null));
      }
      steps.add(new Step(Kind.PUT, key, leaf.value()));
      return;
    }
    Map<String, TreeNode> children = ((TreeNode.Dir) tree).children();
    EtcdNode existing = current;
    if (existing != null && !existing.dir()) {
      steps.add(new Step(Kind.DELETE_RECURSIVE, key, null));
      existing = null;
    }
    if (existing == null && children.isEmpty()) {
      steps.add(new Step(Kind.MKDIR, key, null));
    }
    for (Map.Entry<String, TreeNode> child : children.entrySet()) {
      String childKey = Keys.child(key, child.getKey());
      plan(childKey, child.getValue(), existing == null ? null : child(existing, child.getKey()), mode);
    }
    if (existing != null && mode == Mode.REPLACE) {
      for (EtcdNode stored : existing.nodes()) {
        if (!children.containsKey(Keys.lastSegment(stored.key()))) {
          prunes.add(new Step(Kind.DELETE_RECURSIVE, stored.key(), null));
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
