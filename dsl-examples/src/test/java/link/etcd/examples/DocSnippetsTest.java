package link.etcd.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every code block of {@code docs/*.md} that follows a {@code <!-- region: name -->} line is the same text as the
 * region {@code // [START name]} ... {@code // [END name]} of an example source (indentation removed).
 */
final class DocSnippetsTest {
  private static final Path DOCS = Path.of("..", "docs");
  private static final Path SOURCES = Path.of("src", "main");
  private static final Pattern TAGGED_BLOCK =
      Pattern.compile("<!-- region: ([\\w-]+) -->\\n```\\w*\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern REGION =
      Pattern.compile("// \\[START ([\\w-]+)]\\n(.*?)[ \\t]*// \\[END \\1]", Pattern.DOTALL);

  @Test
  void taggedDocBlocksMatchTheExampleSources() {
    Map<String, String> regions = regions();
    List<String> checked = new ArrayList<>();
    for (Path doc : files(DOCS, ".md")) {
      Matcher block = TAGGED_BLOCK.matcher(read(doc));
      while (block.find()) {
        String name = block.group(1);
        assertTrue(regions.containsKey(name), doc + " shows region " + name + ", which no example source has");
        assertEquals(regions.get(name), block.group(2), doc + ", region " + name);
        checked.add(name);
      }
    }
    assertTrue(checked.containsAll(List.of("tree-replace", "tree-merge", "typed-set", "typed-get",
        "kotlin-operators", "kotlin-tree", "kotlin-data-class", "kotlin-coroutine", "kotlin-accessor",
        "kotlin-seed-tutorial", "kotlin-configuration-driver")), "checked " + checked);
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
    int indent = lines.stream().filter(line -> !line.isBlank())
        .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
    }
    return out.toString();
  }

  private static List<Path> files(Path root, String... suffixes) {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(path -> Stream.of(suffixes).anyMatch(path.toString()::endsWith)).sorted().toList();
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
