package link.etcd.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trees of the benchmark: {@code dirs} directories of {@code subdirs} lists of {@code items}
 * values, so leaves sit at {@code /d<i>/s<j>/<k>} (items numbered from 1, as the middleware writes
 * lists). The Python peer builds the same keys and values.
 */
final class Trees {
  static final Trees SMALL = new Trees(20, 10, 10);
  static final Trees BIG = new Trees(20, 100, 10);

  private final int dirs;
  private final int subdirs;
  private final int items;

  private Trees(int dirs, int subdirs, int items) {
    this.dirs = dirs;
    this.subdirs = subdirs;
    this.items = items;
  }

  int leafCount() {
    return dirs * subdirs * items;
  }

  /** The tree as maps and lists, for the middleware. */
  Map<String, Object> asMap() {
    Map<String, Object> tree = new LinkedHashMap<>();
    for (int d = 0; d < dirs; d++) {
      Map<String, Object> dir = new LinkedHashMap<>();
      for (int s = 0; s < subdirs; s++) {
        List<Object> list = new ArrayList<>();
        for (int i = 1; i <= items; i++) {
          list.add(value(d, s, i));
        }
        dir.put("s" + s, list);
      }
      tree.put("d" + d, dir);
    }
    return tree;
  }

  /** The leaves as {@code {relative key, value}} pairs, in the order the tree lists them. */
  List<String[]> leaves() {
    List<String[]> leaves = new ArrayList<>(leafCount());
    for (int d = 0; d < dirs; d++) {
      for (int s = 0; s < subdirs; s++) {
        for (int i = 1; i <= items; i++) {
          leaves.add(new String[] {"/d" + d + "/s" + s + "/" + i, value(d, s, i)});
        }
      }
    }
    return leaves;
  }

  private static String value(int d, int s, int i) {
    return "value-" + d + "." + s + "." + i;
  }
}
