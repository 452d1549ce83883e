package link.etcd.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Claims that were true of the v2-only library and are false now do not come back: README.md, the
 * pages of docs/, and the sources (and so the Javadoc and KDoc) of the runtime and the examples are
 * searched for each, and every hit is reported with its file, line and why it is wrong.
 */
final class StaleClaimsTest {
  private static final Path ROOT = Path.of("..");

  /** A sentence that must not be written again, and why. */
  private record Claim(Pattern pattern, String why) {
    Claim(String regex, String why) {
      this(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), why);
    }
  }

  private static final List<Claim> CLAIMS =
      List.of(
          new Claim(
              "watch(es|ing)? (are|is) not (available|supported)",
              "watches work on both APIs (EtcdV3Client.watch, EtcdMiddleware.watch on v3)"),
          new Claim("not available yet", "watches work on both APIs"),
          new Claim(
              "UnsupportedOperationException on the v3 API|until etcd's v3 watch",
              "EtcdMiddleware.watch works on the v3 API"),
          new Claim(
              "library for etcd's \\**v2",
              "the library speaks etcd's v3 API as well as its v2 API"),
          new Claim(
              "watch\\(path, onChange\\)",
              "EtcdMiddleware has watch(path, onChange, onEnd), no two-argument form"),
          new Claim("needs api = v2", "the examples run on both APIs"),
          new Claim("target/apidocs", "the Javadoc plugin writes target/reports/apidocs"),
          new Claim(
              "`Change` and `Resync` needs no `else`",
              "WatchEvent has three cases: Change, Resync and Failed"),
          new Claim(
              "every step below is the same on both",
              "the tutorial's requests and its client level differ between the APIs"),
          new Claim(
              "markers? \\([^)]*\\) (is|are) delivered",
              "v3 watches never deliver the directory markers the library writes"));

  @Test
  void noPageOrJavadocMakesAClaimThatIsNoLongerTrue() {
    List<Path> files = files();
    assertTrue(files.size() > 100, "searched " + files.size() + " files");
    List<String> hits = new ArrayList<>();
    for (Path file : files) {
      List<String> lines = read(file).lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        // A claim may run over a line break: search each line with the next one.
        String text = lines.get(i) + (i + 1 < lines.size() ? " " + lines.get(i + 1).strip() : "");
        for (Claim claim : CLAIMS) {
          Matcher match = claim.pattern().matcher(text);
          if (match.find() && match.start() < lines.get(i).length()) {
            hits.add(file + ":" + (i + 1) + ": \"" + match.group() + "\": " + claim.why());
          }
        }
      }
    }
    assertEquals(List.of(), hits);
  }

  /**
   * Every Maven command the pages tell users to run sets {@code MAVEN_OPTS=-Djansi.noreset=true}:
   * Debian's Maven 3.8 otherwise prints escape codes ({@code [0m}) after its output when that goes
   * to a file or a pipe, and as an option of {@code mvn} itself the property comes too late. A
   * command is a line of a code block that starts with {@code mvn}, or code with {@code mvn -} or
   * {@code && mvn} in it.
   */
  @Test
  void everyMavenCommandShownSetsJansiNoReset() {
    Pattern command = Pattern.compile("^mvn |`[^`]*(mvn -|&& mvn)[^`]*`");
    Pattern bare = Pattern.compile("(?<!MAVEN_OPTS=-Djansi\\.noreset=true )\\bmvn ");
    List<Path> pages = new ArrayList<>(walk(ROOT.resolve("docs"), ".md"));
    pages.add(ROOT.resolve("README.md"));
    List<String> bad = new ArrayList<>();
    int commands = 0;
    for (Path page : pages) {
      List<String> lines = read(page).lines().toList();
      boolean fenced = false;
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.startsWith("```")) {
          fenced = !fenced;
          continue;
        }
        String text = line.replace("MAVEN_OPTS=-Djansi.noreset=true mvn ", "mvn ");
        boolean isCommand =
            fenced
                ? text.startsWith("mvn ") || text.contains("&& mvn ")
                : command.matcher(text).find();
        if (isCommand) {
          commands++;
          if (bare.matcher(line).find()) {
            bad.add(page + ":" + (i + 1) + ": " + line.strip());
          }
        }
      }
    }
    assertTrue(commands >= 8, "found " + commands + " Maven commands");
    assertEquals(List.of(), bad, "set MAVEN_OPTS=-Djansi.noreset=true before mvn");
  }

  @Test
  void eachClaimIsFoundWhereItIsWritten() {
    String stale =
        "a Java 17 library for etcd's **v2 keys API**; on v3 watches are not available yet;"
            + " watch(path, onChange); a `when` over `Change` and `Resync` needs no `else`;"
            + " see runtime/target/apidocs; (needs api = v2: EtcdClient speaks the v2 API);"
            + " every step below is the same on both; Directory markers (`/a/b/`) are delivered as"
            + " they are; @throws UnsupportedOperationException on the v3 API";
    for (Claim claim : CLAIMS) {
      assertTrue(claim.pattern().matcher(stale).find(), claim.pattern().pattern());
    }
  }

  private static List<Path> files() {
    List<Path> files = new ArrayList<>();
    files.add(ROOT.resolve("README.md"));
    files.addAll(walk(ROOT.resolve("docs"), ".md"));
    files.addAll(walk(ROOT.resolve(Path.of("runtime", "src", "main")), ".java", ".kt"));
    files.addAll(walk(ROOT.resolve(Path.of("testing", "src", "main")), ".java"));
    files.addAll(walk(Path.of("src", "main"), ".java", ".kt"));
    return files;
  }

  private static List<Path> walk(Path root, String... suffixes) {
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
