package link.etcd.cli;

import java.nio.file.Path;
import link.etcd.middleware.TreeDiff;
import link.etcd.middleware.TreeSync;

/** Diffs a file's tree, naming the file when the tree holds a key or value etcd cannot hold. */
final class Checked {
  private Checked() {}

  static TreeDiff diff(TreeSync sync, String path, Object tree, Path file) {
    try {
      return sync.diff(path, tree);
    } catch (IllegalArgumentException e) {
      throw new UserError(file + ": " + Errors.oneLine(e));
    }
  }
}
