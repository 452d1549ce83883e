package link.etcd.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import link.etcd.EtcdSettings;
import link.etcd.conf.IniConfDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every code block of {@code docs/*.md} and {@code README.md} that follows a {@code <!-- region:
 * name -->} line is the same text as the region {@code // [START name]} ... {@code // [END name]}
 * of an example source (indentation removed); one that follows a {@code <!-- file: path -->} line
 * is the whole file at {@code path} (relative to the repository root), word for word. The files of
 * the consumer projects in {@code consumer-tests/src/it} are shown this way, and a project whose
 * pom.xml is shown is shown whole: consumer-tests writes it from the pages' blocks into an empty
 * folder and runs its tests there. What a user copies names the version this build makes. Every
 * {@code java} and {@code kotlin} block has one of these tags.
 */
final class DocSnippetsTest {
  private static final Path ROOT = Path.of("..");
  private static final Path DOCS = ROOT.resolve("docs");
  private static final Path README = ROOT.resolve("README.md");
  private static final Path SOURCES = Path.of("src", "main");

  /** The projects that consumer-tests builds as users build theirs. */
  private static final Path CONSUMERS = ROOT.resolve(Path.of("consumer-tests", "src", "it"));

  /** The version this build makes, which surefire passes on. */
  private static final String VERSION = System.getProperty("project.version", "(not set)");

  private static final Pattern CONSUMER_POM_LINK =
      Pattern.compile("\\(((?:\\.\\./)?consumer-tests/src/it/[\\w.-]+/pom\\.xml)\\)");
  private static final Pattern VERSION_PROPERTY =
      Pattern.compile("<link-etcd\\.version>([^<]*)</link-etcd\\.version>");
  private static final Pattern MAVEN_VERSION =
      Pattern.compile(
          "<groupId>link\\.etcd</groupId>\\s*<artifactId>[\\w-]+</artifactId>\\s*<version>([^<$]*)</version>");
  private static final Pattern GRADLE_VERSION = Pattern.compile("\"link\\.etcd:[\\w-]+:([^\"]*)\"");
  private static final Pattern TAGGED_BLOCK =
      Pattern.compile("<!-- region: ([\\w-]+) -->\\n```\\w*\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern FILE_BLOCK =
      Pattern.compile("<!-- file: ([\\w./-]+) -->\\n```\\w*\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern CODE_FENCE = Pattern.compile("```(java|kotlin)\\s*");
  private static final Pattern TAG = Pattern.compile("<!-- (region|file): [\\w./-]+ -->");
  private static final Pattern REGION =
      Pattern.compile("// \\[START ([\\w-]+)]\\n(.*?)[ \\t]*// \\[END \\1]", Pattern.DOTALL);

  @Test
  void taggedDocBlocksMatchTheExampleSources() {
    Map<String, String> regions = regions();
    List<String> checked = new ArrayList<>();
    for (Path doc : docs()) {
      Matcher block = TAGGED_BLOCK.matcher(read(doc));
      while (block.find()) {
        String name = block.group(1);
        assertTrue(
            regions.containsKey(name),
            doc + " shows region " + name + ", which no example source has");
        assertEquals(regions.get(name), block.group(2), doc + ", region " + name);
        checked.add(name);
      }
    }
    assertTrue(
        checked.containsAll(
            List.of(
                "tree-replace",
                "tree-merge",
                "typed-set",
                "typed-get",
                "kotlin-operators",
                "kotlin-tree",
                "kotlin-data-class",
                "kotlin-coroutine",
                "kotlin-accessor",
                "kotlin-v3-coroutine",
                "kotlin-v3-watch-flow",
                "kotlin-seed-tutorial",
                "kotlin-configuration-driver")),
        "checked " + checked);
  }

  @Test
  void fileBlocksMatchTheirFiles() {
    for (Path doc : docs()) {
      Matcher block = FILE_BLOCK.matcher(read(doc));
      while (block.find()) {
        Path file = ROOT.resolve(block.group(1));
        assertTrue(
            Files.isRegularFile(file),
            doc + " shows file " + block.group(1) + ", which does not exist");
        assertEquals(read(file), block.group(2), doc + ", file " + block.group(1));
      }
    }
  }

  @Test
  void aConsumerProjectWhosePomIsShownIsShownWhole() {
    Set<Path> shown = new TreeSet<>();
    for (Path doc : docs()) {
      Matcher block = FILE_BLOCK.matcher(read(doc));
      while (block.find()) {
        shown.add(ROOT.resolve(block.group(1)).normalize());
      }
    }
    Set<Path> projects = new TreeSet<>();
    for (Path file : shown) {
      if (file.startsWith(CONSUMERS.normalize())
          && file.getFileName().toString().equals("pom.xml")) {
        projects.add(file.getParent());
      }
    }
    assertTrue(projects.size() >= 2, "the docs show the Java and the Kotlin project: " + projects);
    List<String> notShown = new ArrayList<>();
    for (Path project : projects) {
      for (Path file : files(project, "")) {
        if (Files.isRegularFile(file) && !shown.contains(file.normalize())) {
          notShown.add(file.toString());
        }
      }
    }
    assertEquals(
        List.of(),
        notShown,
        "consumer-tests builds these projects from the docs' blocks alone, so a file the docs do not show"
            + " is not built: show it in a <!-- file: path --> block, or delete it");
  }

  @Test
  void whatUsersCopyNamesTheVersionThisBuildMakes() {
    Set<Path> poms = new TreeSet<>();
    List<String> wrong = new ArrayList<>();
    for (Path doc : docs()) {
      String text = read(doc);
      Matcher link = CONSUMER_POM_LINK.matcher(text);
      while (link.find()) {
        poms.add(doc.getParent().resolve(link.group(1)).normalize());
      }
      Matcher block = FILE_BLOCK.matcher(text);
      while (block.find()) {
        if (block.group(1).endsWith("pom.xml")) {
          poms.add(ROOT.resolve(block.group(1)).normalize());
        }
      }
      wrong.addAll(versionsOtherThanThisBuilds(doc, text));
    }
    assertTrue(poms.size() >= 3, "the docs show or link the consumer poms: " + poms);
    for (Path pom : poms) {
      String text = read(pom);
      assertTrue(
          VERSION_PROPERTY.matcher(text).find(),
          pom + " has no <link-etcd.version>, which consumer-tests sets to the version it builds");
      wrong.addAll(versionsOtherThanThisBuilds(pom, text));
    }
    assertEquals(
        List.of(),
        wrong,
        "a user who copies these gets another version than this build makes ("
            + VERSION
            + "); write "
            + VERSION
            + " (consumer-tests builds the poms with -Dlink-etcd.version set to it)");
  }

  private static List<String> versionsOtherThanThisBuilds(Path file, String text) {
    List<String> wrong = new ArrayList<>();
    if (text.contains("@project.version@")) {
      wrong.add(file + ": @project.version@");
    }
    for (Pattern version : List.of(VERSION_PROPERTY, MAVEN_VERSION, GRADLE_VERSION)) {
      Matcher found = version.matcher(text);
      while (found.find()) {
        if (!found.group(1).equals(VERSION)) {
          wrong.add(file + ": " + found.group());
        }
      }
    }
    return wrong;
  }

  @Test
  void theTutorialsDefaultFileIsTheDefaultsAndNamesEveryOption(@TempDir Path conf)
      throws IOException {
    Matcher block =
        Pattern.compile("you get these defaults[^`]*```ini\n(.*?)```", Pattern.DOTALL)
            .matcher(read(DOCS.resolve("tutorial.md")));
    assertTrue(block.find(), "docs/tutorial.md shows the default middleware.conf");
    Path file = conf.resolve(EtcdSettings.CONF_PATH);
    Files.createDirectories(file.getParent());
    Files.writeString(file, block.group(1));

    assertEquals(EtcdSettings.defaults(), EtcdSettings.load(new IniConfDriver(List.of(conf))));
    // The options of middleware.conf, as the error for an unknown one lists them.
    Files.writeString(file, "[ETCD]\nno_such_option = 1\n");
    String error =
        assertThrows(
                IllegalArgumentException.class,
                () -> EtcdSettings.load(new IniConfDriver(List.of(conf))))
            .getMessage();
    List<String> missing = new ArrayList<>();
    for (String name : error.substring(error.indexOf("the options are ") + 16).split(", ")) {
      if (!block.group(1).contains(name + " = ") && !block.group(1).contains(name + " is not")) {
        missing.add(name);
      }
    }
    assertEquals(List.of(), missing, "options the tutorial's default file does not show");
  }

  @Test
  void everyJavaAndKotlinBlockIsTagged() {
    List<String> untagged = new ArrayList<>();
    for (Path doc : docs()) {
      List<String> lines = read(doc).lines().toList();
      boolean inBlock = false;
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (!line.startsWith("```")) {
          continue;
        }
        if (!inBlock
            && CODE_FENCE.matcher(line).matches()
            && (i == 0 || !TAG.matcher(lines.get(i - 1)).matches())) {
          untagged.add(doc + ":" + (i + 1));
        }
        inBlock = !inBlock;
      }
    }
    assertEquals(
        List.of(),
        untagged,
        "these java/kotlin blocks have no <!-- region: name --> or <!-- file: path --> line before them");
  }

  private static List<Path> docs() {
    List<Path> docs = new ArrayList<>(files(DOCS, ".md"));
    docs.add(README);
    return docs;
  }

  private static Map<String, String> regions() {
    Map<String, String> regions = new HashMap<>();
    for (Path source : files(SOURCES, ".java", ".kt")) {
      Matcher region = REGION.matcher(read(source));
      while (region.find()) {
        String previous = regions.put(region.group(1), dedent(region.group(2)));
        assertEquals(null, previous, "region " + region.group(1) + " is defined twice");
      }
    }
    return regions;
  }

  private static String dedent(String text) {
    List<String> lines = text.lines().toList();
    int indent =
        lines.stream()
            .filter(line -> !line.isBlank())
            .mapToInt(line -> line.length() - line.stripLeading().length())
            .min()
            .orElse(0);
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
    }
    return out.toString();
  }

  private static List<Path> files(Path root, String... suffixes) {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths
          .filter(path -> Stream.of(suffixes).anyMatch(path.toString()::endsWith))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
