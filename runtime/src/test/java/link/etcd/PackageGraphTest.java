package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package graph of {@code runtime/src/main/java}, computed from the sources (imports and fully
 * qualified names, comments and strings left out): no package imports another that imports it back,
 * but for the few edges listed in {@link #KNOWN_BACK_EDGES}, each still to be removed; and the root
 * package is what the bar allows.
 */
final class PackageGraphTest {
  static final Path SOURCES = Path.of("src/main/java");

  /**
   * The edges that still close a cycle, as {@code from -> to}: the engine uses the API's records
   * and exceptions (see docs/internals.md). When one is gone, take it off this list.
   */
  private static final Set<String> KNOWN_BACK_EDGES =
      Set.of(
          "link.etcd.internal.http -> link.etcd",
          "link.etcd.internal.v2 -> link.etcd",
          "link.etcd.internal.v3 -> link.etcd");

  private static final Pattern PACKAGE = Pattern.compile("\\bpackage\\s+([\\w.]+)\\s*;");

  @Test
  void noPackageIsInACycleButThroughTheKnownEdges() throws IOException {
    Map<String, Set<String>> graph = graph();
    Map<String, Set<String>> rest = new TreeMap<>();
    graph.forEach(
        (from, tos) -> {
          Set<String> kept = new TreeSet<>();
          for (String to : tos) {
            if (!KNOWN_BACK_EDGES.contains(from + " -> " + to)) {
              kept.add(to);
            }
          }
          rest.put(from, kept);
        });
    assertEquals(List.of(), cycles(rest), "package cycles (a -> b -> ... -> a) in " + graph);
  }

  @Test
  void everyKnownBackEdgeStillExists() throws IOException {
    Map<String, Set<String>> graph = graph();
    for (String edge : KNOWN_BACK_EDGES) {
      String[] ends = edge.split(" -> ");
      assertTrue(
          graph.getOrDefault(ends[0], Set.of()).contains(ends[1]),
          edge + " is gone: take it off KNOWN_BACK_EDGES");
    }
  }

  @Test
  void theFeaturePackagesAreInNoCycleAtAll() throws IOException {
    Map<String, Set<String>> graph = graph();
    for (List<String> cycle : cycles(graph)) {
      for (String pkg : cycle) {
        assertTrue(
            pkg.equals("link.etcd") || pkg.startsWith("link.etcd.internal."),
            "a feature package is in the cycle " + cycle);
      }
    }
  }

  @Test
  void theRootPackageIsTheApi() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(SOURCES.resolve("link/etcd"))) {
      files =
          list.filter(f -> f.toString().endsWith(".java"))
              .filter(f -> !f.getFileName().toString().equals("package-info.java"))
              .toList();
    }
    List<String> packagePrivate = new ArrayList<>();
    for (Path file : files) {
      if (!Pattern.compile("(?m)^public ").matcher(strip(Files.readString(file))).find()) {
        packagePrivate.add(file.getFileName().toString());
      }
    }
    assertTrue(files.size() <= 30, files.size() + " files in link.etcd: " + files);
    assertTrue(packagePrivate.size() <= 5, "package-private in link.etcd: " + packagePrivate);
  }

  /** {@return each package of the sources, with the packages of the sources it refers to} */
  static Map<String, Set<String>> graph() throws IOException {
    Map<String, String> sources = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(SOURCES)) {
      // module-info.java declares the module, in no package.
      for (Path file :
          walk.filter(f -> f.toString().endsWith(".java"))
              .filter(f -> !f.getFileName().toString().equals("module-info.java"))
              .toList()) {
        sources.put(file.toString(), strip(Files.readString(file)));
      }
    }
    Map<String, Set<String>> graph = new TreeMap<>();
    for (String source : sources.values()) {
      Matcher declared = PACKAGE.matcher(source);
      assertTrue(declared.find(), "no package declaration in " + source);
      graph.computeIfAbsent(declared.group(1), p -> new TreeSet<>());
    }
    for (String source : sources.values()) {
      Matcher declared = PACKAGE.matcher(source);
      declared.find();
      String from = declared.group(1);
      for (String to : graph.keySet()) {
        // A type of the package (capitalized), a static or on-demand import of it.
        if (!to.equals(from)
            && Pattern.compile("(?<![\\w.])" + Pattern.quote(to) + "\\.(?:[A-Z]\\w*|\\*)")
                .matcher(source)
                .find()) {
          graph.get(from).add(to);
        }
      }
    }
    return graph;
  }

  /** {@return the source without comments, and with every string and char literal emptied} */
  static String strip(String source) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (source.startsWith("//", i)) {
        i = source.indexOf('\n', i) < 0 ? source.length() : source.indexOf('\n', i);
      } else if (source.startsWith("/*", i)) {
        int end = source.indexOf("*/", i + 2);
        i = end < 0 ? source.length() : end + 2;
        out.append(' ');
      } else if (source.startsWith("\"\"\"", i)) {
        int end = source.indexOf("\"\"\"", i + 3);
        i = end < 0 ? source.length() : end + 3;
        out.append("\"\"");
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < source.length() && source.charAt(j) != c) {
          j += source.charAt(j) == '\\' ? 2 : 1;
        }
        i = j + 1;
        out.append(c).append(c);
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /**
   * {@return the cycles of {@code graph}: each strongly connected part of more than one package}
   */
  static List<List<String>> cycles(Map<String, Set<String>> graph) {
    List<List<String>> parts = new ArrayList<>();
    Set<String> done = new TreeSet<>();
    for (String start : graph.keySet()) {
      if (done.contains(start)) {
        continue;
      }
      Set<String> forward = reachable(graph, start);
      List<String> part = new ArrayList<>();
      for (String other : forward) {
        if (reachable(graph, other).contains(start)) {
          part.add(other);
        }
      }
      done.addAll(part);
      done.add(start);
      if (part.size() > 1) {
        parts.add(part);
      }
    }
    return parts;
  }

  private static Set<String> reachable(Map<String, Set<String>> graph, String from) {
    Set<String> seen = new TreeSet<>();
    List<String> todo = new ArrayList<>(List.of(from));
    while (!todo.isEmpty()) {
      String next = todo.remove(todo.size() - 1);
      if (seen.add(next)) {
        todo.addAll(graph.getOrDefault(next, Set.of()));
      }
    }
    return seen;
  }
}
