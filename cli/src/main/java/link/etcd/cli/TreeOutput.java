package link.etcd.cli;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import link.etcd.middleware.TreeChange;
import link.etcd.middleware.TreeDiff;
import link.etcd.middleware.TreeHistory;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Writes trees, changes and histories as {@code -o} asks: YAML, JSON or properties. Values are
 * etcd's strings; lists are lists.
 */
final class TreeOutput {
  private static final JsonAdapter<Object> JSON =
      new Moshi.Builder().build().adapter(Object.class).indent("  ");

  private TreeOutput() {}

  /** The formats of {@code -o}. */
  enum Format {
    yaml,
    json,
    properties
  }

  static String tree(Object tree, Format format) {
    return switch (format) {
      case json -> JSON.toJson(tree) + "\n";
      case yaml -> yaml(tree);
      case properties -> properties(tree);
    };
  }

  private static String yaml(Object tree) {
    if (!(tree instanceof Map<?, ?>) && !(tree instanceof List<?>)) {
      tree = List.of(tree);
    }
    DumpSettings settings =
        DumpSettings.builder()
            .setDefaultFlowStyle(FlowStyle.BLOCK)
            .setSchema(new CoreSchema())
            .build();
    return new Dump(settings).dumpToString(tree);
  }

  private static String properties(Object tree) {
    StringBuilder out = new StringBuilder();
    properties("", tree, out);
    return out.toString();
  }

  private static void properties(String prefix, Object tree, StringBuilder out) {
    if (tree instanceof Map<?, ?> map) {
      map.forEach((name, child) -> properties(join(prefix, (String) name), child, out));
    } else if (tree instanceof List<?> items) {
      for (int i = 0; i < items.size(); i++) {
        properties(join(prefix, Integer.toString(i + 1)), items.get(i), out);
      }
    } else {
      out.append(escape(prefix, true))
          .append('=')
          .append(escape((String) tree, false))
          .append('\n');
    }
  }

  private static String join(String prefix, String name) {
    return prefix.isEmpty() ? name : prefix + "." + name;
  }

  private static String escape(String text, boolean key) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\f' -> out.append("\\f");
        case '=', ':', '#', '!' -> out.append(key || i == 0 ? "\\" + c : String.valueOf(c));
        case ' ' -> out.append(key || i == 0 ? "\\ " : " ");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** The changes of a diff as JSON: the path, the revision read and each change. */
  static String diffJson(TreeDiff diff) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("path", diff.path());
    json.put("revision", diff.revision());
    json.put("changes", changes(diff.changes()));
    return JSON.toJson(json) + "\n";
  }

  /** A history as JSON: where it ends and why, and the revisions with their changes. */
  static String historyJson(TreeHistory history) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("path", history.path());
    json.put("currentRevision", history.currentRevision());
    json.put("oldestRevision", history.oldestRevision());
    json.put("compacted", history.compacted());
    json.put("end", history.end());
    json.put("exact", history.exact());
    List<Object> revisions = new ArrayList<>();
    for (TreeHistory.Revision revision : history.revisions()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("revision", revision.revision());
      entry.put("changes", changes(revision.changes()));
      revisions.add(entry);
    }
    json.put("revisions", revisions);
    return JSON.toJson(json) + "\n";
  }

  private static List<Object> changes(List<TreeChange> changes) {
    List<Object> list = new ArrayList<>();
    for (TreeChange change : changes) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("kind", change.kind().name().toLowerCase(java.util.Locale.ROOT));
      entry.put("key", change.key());
      if (change.oldValue() != null) {
        entry.put("old", change.oldValue());
      }
      if (change.newValue() != null) {
        entry.put("new", change.newValue());
      }
      list.add(entry);
    }
    return list;
  }
}
