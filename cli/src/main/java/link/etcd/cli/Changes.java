package link.etcd.cli;

import java.io.PrintWriter;
import link.etcd.middleware.TreeChange;
import link.etcd.middleware.TreeDiff;
import link.etcd.middleware.TreeSync;

/** Prints a diff's changes, one a line, and writes them unless it is a dry run. */
final class Changes {
  private Changes() {}

  /**
   * Prints each change on a line; a key that gets a lease back (a rollback) ends with {@code [lease
   * ID]}, the id in hexadecimal as etcdctl shows it.
   */
  static void print(PrintWriter out, TreeDiff diff) {
    for (TreeChange change : diff.changes()) {
      Long lease = diff.leases().get(change.key());
      out.println(
          lease == null ? change.toString() : change + " [lease " + Long.toHexString(lease) + "]");
    }
    out.flush();
  }

  static void applyOrNot(
      PrintWriter out, TreeSync sync, TreeDiff diff, boolean dryRun, String what) {
    int count = diff.changes().size();
    if (diff.isEmpty()) {
      out.println(diff.path() + " already is " + what + ": nothing to write");
    } else if (dryRun) {
      out.println("dry run: " + count + " change(s) to " + diff.path() + ", nothing written");
    } else {
      Progress progress = Progress.forStdout(out);
      try {
        sync.apply(diff, progress::written);
      } finally {
        progress.done();
      }
      out.println(count + " change(s) written to " + diff.path());
    }
    out.flush();
  }
}
