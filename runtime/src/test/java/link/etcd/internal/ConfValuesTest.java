package link.etcd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ConfValuesTest {
  @Test
  void durationsReadIsoAndShortForms() {
    assertEquals(Duration.ofMillis(250), ConfValues.parseDuration("250ms"));
    assertEquals(Duration.ofSeconds(30), ConfValues.parseDuration("30s"));
    assertEquals(Duration.ofMinutes(5), ConfValues.parseDuration("5m"));
    assertEquals(Duration.ofHours(2), ConfValues.parseDuration("2h"));
    assertEquals(Duration.ofDays(1), ConfValues.parseDuration("1d"));
    assertEquals(Duration.ofSeconds(30), ConfValues.parseDuration("PT30S"));
    assertEquals(Duration.ofSeconds(30), ConfValues.parseDuration("pt30s"));
  }

  @Test
  void durationsFormatInTheLargestWholeUnit() {
    assertEquals("250ms", ConfValues.formatDuration(Duration.ofMillis(250)));
    assertEquals("0ms", ConfValues.formatDuration(Duration.ZERO));
    assertEquals("90s", ConfValues.formatDuration(Duration.ofSeconds(90)));
    assertEquals("5m", ConfValues.formatDuration(Duration.ofMinutes(5)));
    assertEquals("2h", ConfValues.formatDuration(Duration.ofHours(2)));
    assertEquals("3d", ConfValues.formatDuration(Duration.ofDays(3)));
    assertEquals("PT0.000001S", ConfValues.formatDuration(Duration.ofNanos(1000)));
  }

  @Test
  void booleansAcceptThePythonSpelling() {
    assertTrue(ConfValues.parseBoolean("True"));
    assertFalse(ConfValues.parseBoolean("false"));
    assertEquals(
        "Expected a boolean (true or false) but was \"yes\"",
        assertThrows(ConfValues.Mismatch.class, () -> ConfValues.parseBoolean("yes")).getMessage());
  }

  @Test
  void mismatchesSayWhatWasExpected() {
    assertEquals(
        "Expected an int but was \"abc\"",
        assertThrows(ConfValues.Mismatch.class, () -> ConfValues.parseInt("abc")).getMessage());
    assertEquals(
        "Expected a long but was \"1.5\"",
        assertThrows(ConfValues.Mismatch.class, () -> ConfValues.parseLong("1.5")).getMessage());
    assertEquals(
        "Expected a URI but was \"a b\"",
        assertThrows(ConfValues.Mismatch.class, () -> ConfValues.parseUri("a b")).getMessage());
  }

  @Test
  void defaultListsSplitOnCommas() {
    assertEquals(List.of("a", "b"), ConfValues.splitDefault("a, b"));
    assertEquals(List.of(), ConfValues.splitDefault(""));
  }
}
