import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes the consumer projects whose pom.xml README.md and docs/*.md show into an empty folder, from
 * the pages' own blocks and nothing else: the block after a {@code <!-- file:
 * consumer-tests/src/it/<project>/<path> -->} line becomes {@code <out>/<project>/<path>}. The
 * invoker then builds each one and runs its tests against a real etcd, so a page that no longer
 * makes a working project fails the build. (dsl-examples' DocSnippetsTest checks that each block is
 * the file it names, and that a project whose pom.xml is shown is shown whole.) A project shown in
 * part, without its pom.xml, is left to the build of consumer-tests/src/it.
 *
 * <p>Run by consumer-tests/pom.xml as {@code java DocProjects.java <repository root> <out>}.
 */
final class DocProjects {
  private static final Pattern FILE_BLOCK =
      Pattern.compile(
          "<!-- file: consumer-tests/src/it/([\\w.-]+)/([\\w./-]+) -->\\n```\\w*\\n(.*?)```",
          Pattern.DOTALL);

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    Path out = Path.of(args[1]);
    Map<Path, String> files = new TreeMap<>();
    Map<Path, Path> shownIn = new TreeMap<>();
    for (Path page : pages(root)) {
      Matcher block = FILE_BLOCK.matcher(Files.readString(page, StandardCharsets.UTF_8));
      while (block.find()) {
        Path file = Path.of(block.group(1), block.group(2));
        String previous = files.put(file, block.group(3));
        if (previous != null && !previous.equals(block.group(3))) {
          throw new IllegalStateException(
              page + " and " + shownIn.get(file) + " show " + file + " differently");
        }
        shownIn.putIfAbsent(file, page);
      }
    }
    files.keySet().removeIf(file -> !files.containsKey(file.getName(0).resolve("pom.xml")));
    delete(out);
    for (Map.Entry<Path, String> file : files.entrySet()) {
      Path target = out.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
    }
    System.out.println(
        "Wrote " + files.size() + " files shown in the docs into " + out + ": " + files.keySet());
  }

  private static List<Path> pages(Path root) throws IOException {
    List<Path> pages = new ArrayList<>();
    pages.add(root.resolve("README.md"));
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      docs.filter(page -> page.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
