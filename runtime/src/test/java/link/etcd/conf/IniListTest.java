package link.etcd.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** List parameters in INI files: {@code name/1 = ...} lines, numbered in order. */
final class IniListTest {
  @Test
  void listItemsParseIntoOneParameter() {
    Configuration conf =
        IniConfDriver.parse("app.conf", List.of("[MAIN]", "hosts/1 = a", "hosts/2 = b"));

    assertEquals(
        Configuration.empty().with("MAIN", Parameter.list("hosts", List.of("a", "b"))), conf);
  }

  @Test
  void listItemsFormatAsNumberedLines() {
    Configuration conf =
        Configuration.empty().with("MAIN", Parameter.list("hosts", List.of("a", "b")));

    assertEquals("[MAIN]\nhosts/1 = a\nhosts/2 = b\n", IniConfDriver.format(conf));
  }

  @Test
  void itemsOutOfOrderAreRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> IniConfDriver.parse("app.conf", List.of("[MAIN]", "hosts/2 = b")));

    assertEquals(
        "app.conf:2: expected list item 'hosts/1' but was 'hosts/2'; number list items 1, 2, ... in order",
        e.getMessage());
  }

  @Test
  void mergingReplacesAWholeList() {
    Configuration old =
        Configuration.empty().with("MAIN", Parameter.list("hosts", List.of("a", "b", "c")));
    Configuration newer = Configuration.empty().with("MAIN", Parameter.list("hosts", List.of("d")));

    assertEquals(newer, old.mergedWith(newer));
  }

  @Test
  void aParameterHoldsAValueOrItems() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new Parameter("hosts", "a", List.of("b")));

    assertEquals("Parameter 'hosts' must have either a value or items, not both", e.getMessage());
  }
}
