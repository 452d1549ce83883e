package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/internals.md stays true: its table of packages names exactly the packages of {@code
 * runtime/src/main/java}, so a package that disappears, or a new one left out, fails here.
 */
final class PackageMapTest {
  private static final Path MAP = Path.of("../docs/internals.md");

  @Test
  void theMapNamesEveryPackageAndNoOther() throws IOException {
    String map = Files.readString(MAP);
    int table = map.indexOf("## Packages");
    int end = map.indexOf("\n## ", table + 1);
    Set<String> named = new TreeSet<>();
    Matcher row = Pattern.compile("(?m)^\\| `(link\\.etcd[\\w.]*)` \\|").matcher(map);
    row.region(table, end < 0 ? map.length() : end);
    while (row.find()) {
      named.add(row.group(1));
    }
    assertEquals(PackageGraphTest.graph().keySet(), named, "the packages of docs/internals.md");
  }
}
