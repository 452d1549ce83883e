package link.etcd.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Converts raw configuration strings to the types a schema method returns, and back. Called by code
 * that {@code link-etcd-processor} generates; not for users.
 *
 * <p>A parse method throws {@link Mismatch} ({@code Expected an int but was "abc"}); {@link
 * SchemaStore} adds where the value is stored.
 */
public final class ConfValues {
  private static final Pattern SHORT_DURATION = Pattern.compile("(-?\\d+)(ms|s|m|h|d)");
  private static final String DURATION =
      "a duration (ISO-8601 such as PT30S, or 250ms, 30s, 5m, 2h, 1d)";

  private ConfValues() {}

  /** A raw value that does not convert to the expected type. */
  public static final class Mismatch extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String expected;
    private final String raw;

    Mismatch(String expected, String raw) {
      super("Expected " + expected + " but was \"" + raw + "\"");
      this.expected = expected;
      this.raw = raw;
    }

    /** What was expected, such as {@code an int}. */
    public String expected() {
      return expected;
    }

    /** The raw value that did not convert. */
    public String raw() {
      return raw;
    }
  }

  /** Returns {@code raw} unchanged: every string is a valid {@code String} value. */
  public static String parseString(String raw) {
    return raw;
  }

  /**
   * Parses {@code true} or {@code false}, ignoring case ({@code True} is how the Python seed writes
   * it).
   */
  public static boolean parseBoolean(String raw) {
    String value = raw.strip();
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    throw new Mismatch("a boolean (true or false)", raw);
  }

  /** Parses a decimal int. */
  public static int parseInt(String raw) {
    try {
      return Integer.parseInt(raw.strip());
    } catch (NumberFormatException e) {
      throw new Mismatch("an int", raw);
    }
  }

  /** Parses a decimal long. */
  public static long parseLong(String raw) {
    try {
      return Long.parseLong(raw.strip());
    } catch (NumberFormatException e) {
      throw new Mismatch("a long", raw);
    }
  }

  /** Parses a double, as {@link Double#parseDouble} does. */
  public static double parseDouble(String raw) {
    try {
      return Double.parseDouble(raw.strip());
    } catch (NumberFormatException e) {
      throw new Mismatch("a double", raw);
    }
  }

  /** Returns a function that parses a constant of {@code type} by its exact name. */
  public static <E extends Enum<E>> Function<String, E> enumParser(Class<E> type) {
    return raw -> parseEnum(type, raw);
  }

  /** Parses a constant of {@code type} by its exact name. */
  public static <E extends Enum<E>> E parseEnum(Class<E> type, String raw) {
    String name = raw.strip();
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(name)) {
        return constant;
      }
    }
    String names =
        Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    throw new Mismatch("one of " + names, raw);
  }

  /**
   * Parses an ISO-8601 duration ({@code PT30S}) or a whole number with a unit: {@code 250ms},
   * {@code 30s}, ...
   */
  public static Duration parseDuration(String raw) {
    String value = raw.strip();
    Matcher matcher = SHORT_DURATION.matcher(value);
    try {
      if (matcher.matches()) {
        long amount = Long.parseLong(matcher.group(1));
        switch (matcher.group(2)) {
          case "ms":
            return Duration.ofMillis(amount);
          case "s":
            return Duration.ofSeconds(amount);
          case "m":
            return Duration.ofMinutes(amount);
          case "h":
            return Duration.ofHours(amount);
          default:
            return Duration.ofDays(amount);
        }
      }
      return Duration.parse(value.toUpperCase(Locale.ROOT));
    } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
      throw new Mismatch(DURATION, raw);
    }
  }

  /** Parses an absolute or relative URI. */
  public static URI parseUri(String raw) {
    try {
      return new URI(raw.strip());
    } catch (URISyntaxException e) {
      throw new Mismatch("a URI", raw);
    }
  }

  /**
   * Parses the items of a {@code @Default} list: {@code a,b,c}, each item stripped; an empty string
   * is no item.
   */
  public static List<String> splitDefault(String raw) {
    List<String> items = new ArrayList<>();
    if (raw.isBlank()) {
      return items;
    }
    for (String item : raw.split(",", -1)) {
      items.add(item.strip());
    }
    return items;
  }

  /**
   * Formats a duration in the shortest form {@link #parseDuration} reads back: {@code 250ms},
   * {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} when whole, else ISO-8601.
   */
  public static String formatDuration(Duration duration) {
    if (duration.getNano() % 1_000_000 != 0
        || duration.getSeconds() > Long.MAX_VALUE / 1000
        || duration.getSeconds() < Long.MIN_VALUE / 1000) {
      return duration.toString();
    }
    long millis = duration.toMillis();
    if (millis == 0 || millis % 1000 != 0) {
      return millis + "ms";
    }
    long seconds = millis / 1000;
    if (seconds % 86_400 == 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    if (seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }

  /** Formats every item of {@code values} with {@code format}, in order. */
  public static <T> List<String> formatAll(
      List<? extends T> values, Function<? super T, String> format) {
    List<String> items = new ArrayList<>(values.size());
    for (T value : values) {
      items.add(format.apply(value));
    }
    return items;
  }
}
