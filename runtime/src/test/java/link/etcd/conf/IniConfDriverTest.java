package link.etcd.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IniConfDriverTest {
  @TempDir Path temp;

  @Test
  void standardListsEtcThenUserConfigThenTheConfDirVariable() {
    IniConfDriver driver =
        IniConfDriver.standard(Map.of("B3J0F_CONF_DIR", "/srv/conf"), "/home/ann");
    assertEquals(
        List.of(
            "/etc/link/etcd/middleware.conf",
            "/home/ann/.config/link/etcd/middleware.conf",
            "/srv/conf/link/etcd/middleware.conf"),
        driver.resourcePaths("link/etcd/middleware.conf"));
  }

  @Test
  void standardLeavesOutAnUnsetConfDirVariable() {
    IniConfDriver driver = IniConfDriver.standard(Map.of(), "/home/ann");
    assertEquals(
        List.of("/etc/link/etcd/middleware.conf", "/home/ann/.config/link/etcd/middleware.conf"),
        driver.resourcePaths("link/etcd/middleware.conf"));
  }

  @Test
  void standardLeavesOutAnEmptyConfDirVariable() {
    IniConfDriver driver = IniConfDriver.standard(Map.of("B3J0F_CONF_DIR", ""), "/home/ann");
    assertEquals(2, driver.resourcePaths("link/etcd/middleware.conf").size());
  }

  @Test
  void resourcePathsIgnoreALeadingSlash() {
    IniConfDriver driver = new IniConfDriver(List.of(Path.of("/a"), Path.of("/b")));
    assertEquals(List.of("/a/p/x.conf", "/b/p/x.conf"), driver.resourcePaths("/p/x.conf"));
  }

  @Test
  void resourceIsEmpty() {
    assertEquals(Configuration.empty(), new IniConfDriver(List.of()).resource());
  }

  @Test
  void parseReadsSectionsWithEqualsAndColonAssignments() {
    Configuration conf =
        IniConfDriver.parse(
            "x.conf",
            List.of(
                "[ETCD]",
                "host = etcd.internal",
                "port:2379",
                "  url = http://a:1/b  ",
                "empty =",
                "",
                "[OTHER]",
                "a=b=c"));
    assertEquals(
        Configuration.empty()
            .with("ETCD", "host", "etcd.internal")
            .with("ETCD", "port", "2379")
            .with("ETCD", "url", "http://a:1/b")
            .with("ETCD", "empty", "")
            .with("OTHER", "a", "b=c"),
        conf);
  }

  @Test
  void parseSkipsHashAndSemicolonComments() {
    Configuration conf =
        IniConfDriver.parse(
            "x.conf",
            List.of(
                "# a comment",
                "; another",
                "[A]",
                "  # indented comment = not a parameter",
                "x = 1 # not a comment inside a value"));
    assertEquals(Configuration.empty().with("A", "x", "1 # not a comment inside a value"), conf);
  }

  @Test
  void parseKeepsAnEmptySection() {
    Configuration conf = IniConfDriver.parse("x.conf", List.of("[A]", "[B]", "y = 2"));
    assertEquals(List.of("A", "B"), conf.categories().stream().map(ConfCategory::name).toList());
    assertEquals(List.of(), conf.category("A").orElseThrow().parameters());
  }

  @Test
  void parseMergesARepeatedSectionAndTheLastValueWins() {
    Configuration conf =
        IniConfDriver.parse("x.conf", List.of("[A]", "x = 1", "[B]", "[A]", "x = 2", "y = 3"));
    assertEquals(
        Configuration.empty()
            .with("A", "x", "2")
            .with("A", "y", "3")
            .with(new ConfCategory("B", List.of())),
        conf);
  }

  @Test
  void parseNamesFileAndLineOfALineThatIsNoAssignment() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> IniConfDriver.parse("/etc/x.conf", List.of("[A]", "x = 1", "garbage")));
    assertEquals(
        "/etc/x.conf:3: expected '[SECTION]' or 'name = value' but the line has no '=' or ':'",
        e.getMessage());
  }

  @Test
  void parseNamesFileAndLineOfAnAssignmentBeforeAnySection() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> IniConfDriver.parse("/etc/x.conf", List.of("# header", "x = 1")));
    assertEquals("/etc/x.conf:2: 'x' comes before any [SECTION] header", e.getMessage());
  }

  @Test
  void parseNamesFileAndLineOfAnEmptySectionName() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> IniConfDriver.parse("x.conf", List.of("[ ]")));
    assertEquals("x.conf:1: A category name must not be empty or blank but was ''", e.getMessage());
  }

  @Test
  void parseNamesFileAndLineOfAnEmptyParameterName() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> IniConfDriver.parse("x.conf", List.of("[A]", " = 1")));
    assertEquals(
        "x.conf:2: A parameter name must not be empty or blank but was ''", e.getMessage());
  }

  @Test
  void parseNamesFileAndLineOfASlashThatIsNotAListItem() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> IniConfDriver.parse("x.conf", List.of("[A]", "", "a/b = 1")));
    assertEquals(
        "x.conf:3: expected list item 'a/1' but was 'a/b'; number list items 1, 2, ... in order",
        e.getMessage());
  }

  @Test
  void parseReportsEveryMistakeAtOnce() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                IniConfDriver.parse(
                    "x.conf",
                    List.of("x = 1", "[A]", "a/2 = 1", "two words", "[ ]", "y = 2", "[B]", "z")));
    assertEquals(
        "x.conf:1: 'x' comes before any [SECTION] header\n"
            + "x.conf:3: expected list item 'a/1' but was 'a/2'; number list items 1, 2, ... in order\n"
            + "x.conf:4: expected '[SECTION]' or 'name = value' but the line starting 'two' has no '=' or ':'\n"
            + "x.conf:5: A category name must not be empty or blank but was ''\n"
            + "x.conf:8: expected '[SECTION]' or 'name = value' but the line has no '=' or ':'",
        e.getMessage());
  }

  @Test
  void locateGivesTheLineThatSetsAParameter() throws IOException {
    Path file = temp.resolve("x.conf");
    Files.writeString(file, "[A]\nx = 1\n[B]\nx = 2\nl/1 = a\nl/2 = b\n[A]\n\nx = 3\n");
    assertEquals(file + ":9", driver().locate(file.toString(), "A", "x"));
    assertEquals(file + ":4", driver().locate(file.toString(), "B", "x"));
    assertEquals(file + ":5", driver().locate(file.toString(), "B", "l"));
    assertEquals(file.toString(), driver().locate(file.toString(), "B", "missing"));
  }

  @Test
  void loadOfAMissingFileIsEmpty() {
    assertEquals(Optional.empty(), driver().load(temp.resolve("missing/x.conf").toString()));
  }

  @Test
  void loadParsesTheFileAsUtf8() throws IOException {
    Path file = temp.resolve("x.conf");
    Files.writeString(file, "[A]\r\nname = héllo 😀\r\n", StandardCharsets.UTF_8);
    assertEquals(
        Optional.of(Configuration.empty().with("A", "name", "héllo 😀")),
        driver().load(file.toString()));
  }

  @Test
  void loadNamesTheFileWhenItCannotBeRead() {
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> driver().load(temp.toString()));
    assertEquals("Cannot read " + temp + ": " + e.getCause().getMessage(), e.getMessage());
  }

  @Test
  void saveCreatesTheFileAndItsDirectories() throws IOException {
    Path file = temp.resolve("a/b/x.conf");
    driver().save(file.toString(), Configuration.empty().with("A", "x", "1").with("A", "y", "2"));
    assertEquals("[A]\nx = 1\ny = 2\n", Files.readString(file));
  }

  @Test
  void saveMergesIntoTheFileAndNewValuesWin() throws IOException {
    Path file = temp.resolve("x.conf");
    Files.writeString(file, "# old\n[A]\nx = 1\ny = 2\n[B]\nz = 3\n");
    driver().save(file.toString(), Configuration.empty().with("A", "y", "20").with("C", "w", "4"));
    assertEquals("[A]\nx = 1\ny = 20\n\n[B]\nz = 3\n\n[C]\nw = 4\n", Files.readString(file));
  }

  @Test
  void saveLeavesNoTemporaryFileBehind() throws IOException {
    Path file = temp.resolve("x.conf");
    driver().save(file.toString(), Configuration.empty().with("A", "x", "1"));
    driver().save(file.toString(), Configuration.empty().with("A", "x", "2"));
    assertEquals(List.of(file), filesIn(temp));
  }

  @Test
  void saveRefusesALineBreakAndKeepsTheFileAsItWas() throws IOException {
    Path file = temp.resolve("x.conf");
    Files.writeString(file, "[A]\nx = 1\n");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                driver().save(file.toString(), Configuration.empty().with("A", "y", "two\nlines")));
    assertEquals("INI files cannot hold a line break in A/y", e.getMessage());
    assertEquals("[A]\nx = 1\n", Files.readString(file));
    assertEquals(List.of(file), filesIn(temp));
  }

  @Test
  void saveRefusesToMergeIntoAnUnparsableFile() throws IOException {
    Path file = temp.resolve("x.conf");
    Files.writeString(file, "garbage\n");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> driver().save(file.toString(), Configuration.empty().with("A", "x", "1")));
    assertEquals(
        file + ":1: expected '[SECTION]' or 'name = value' but the line has no '=' or ':'",
        e.getMessage());
    assertEquals("garbage\n", Files.readString(file));
  }

  @Test
  void aConfigurationRoundTripsThroughAFile() {
    Configuration conf =
        Configuration.of(
            ConfCategory.of(
                "ETCD",
                new Parameter("host", "localhost"),
                new Parameter("port", "4001"),
                new Parameter("url", "http://h:1/p?q=a&b=c"),
                new Parameter("empty", ""),
                new Parameter("unicode", "日本 😀")),
            ConfCategory.of("EMPTY"),
            ConfCategory.of("Z", new Parameter("a", "1")));
    String file = temp.resolve("x.conf").toString();
    driver().save(file, conf);
    assertEquals(Optional.of(conf), driver().load(file));
  }

  @Test
  void formatWritesSectionsSeparatedByABlankLine() {
    assertEquals(
        "[A]\nx = 1\n\n[B]\n",
        IniConfDriver.format(
            Configuration.of(ConfCategory.of("A", new Parameter("x", "1")), ConfCategory.of("B"))));
  }

  private IniConfDriver driver() {
    return new IniConfDriver(List.of(temp));
  }

  private static List<Path> filesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> list = files.sorted().toList();
      assertFalse(list.isEmpty());
      return list;
    }
  }

  @Test
  void saveRefusesWhatAnIniFileCannotReadBack(@TempDir Path dir) {
    IniConfDriver driver = new IniConfDriver(List.of(dir));
    String file = dir.resolve("x.conf").toString();
    IllegalArgumentException spaces =
        assertThrows(
            IllegalArgumentException.class,
            () -> driver.save(file, Configuration.empty().with("A", "b", " padded ")));
    assertEquals(
        "INI files cannot keep the leading or trailing spaces of the value of A/b",
        spaces.getMessage());
    IllegalArgumentException name =
        assertThrows(
            IllegalArgumentException.class,
            () -> driver.save(file, Configuration.empty().with("A", "k=v", "1")));
    assertEquals(
        "INI files cannot hold the parameter name 'k=v' of A: it contains '=' or ':', or starts with"
            + " '#', ';' or '['",
        name.getMessage());
    assertEquals(Optional.empty(), driver.load(file));
  }

  @Test
  void watchIsUnsupportedAndSaysWhatToDoInstead() {
    IniConfDriver driver = new IniConfDriver(List.of(temp));
    UnsupportedOperationException e =
        assertThrows(
            UnsupportedOperationException.class,
            () -> driver.watch(temp.resolve("app.conf").toString(), () -> {}, error -> {}));
    assertEquals(
        "IniConfDriver cannot watch "
            + temp.resolve("app.conf")
            + "; call reload() after the"
            + " configuration changes",
        e.getMessage());
  }
}
