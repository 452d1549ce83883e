package link.etcd.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The value types stored as their standard string form ({@code toString()}, ISO-8601 for times) and
 * parsed back: {@code Duration}, {@code Instant}, {@code LocalDate}, {@code LocalDateTime}, {@code
 * OffsetDateTime}, {@code UUID}, {@code URI}, {@code URL}, {@code Path}, {@code BigDecimal} and
 * {@code BigInteger}. One table, used by the middleware ({@code set}, {@code get}, the DSL, typed
 * records) and by generated schema accessors; not for users.
 */
public final class TextValues {
  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** How one type converts: the words for it in messages, its parser and its formatter. */
  private record TextValue<T>(
      Class<T> type, String expected, Function<String, T> parse, Function<T, String> format) {
    String formatValue(Object value) {
      return format.apply(type.cast(value));
    }
  }

  private static final List<TextValue<?>> TABLE =
      List.of(
          new TextValue<>(
              Duration.class,
              "a duration (ISO-8601 such as PT30S, or 250ms, 30s, 5m, 2h, 1d)",
              ConfValues::parseDuration,
              Duration::toString),
          new TextValue<>(
              Instant.class,
              "an instant (ISO-8601 such as 2026-11-26T12:00:00Z)",
              Instant::parse,
              Instant::toString),
          new TextValue<>(
              LocalDate.class,
              "a date (ISO-8601 such as 2026-11-26)",
              LocalDate::parse,
              LocalDate::toString),
          new TextValue<>(
              LocalDateTime.class,
              "a date and time (ISO-8601 such as 2026-11-26T12:00:00)",
              LocalDateTime::parse,
              LocalDateTime::toString),
          new TextValue<>(
              OffsetDateTime.class,
              "a date and time with an offset (ISO-8601 such as 2026-11-26T12:00:00+01:00)",
              OffsetDateTime::parse,
              OffsetDateTime::toString),
          new TextValue<>(
              UUID.class,
              "a UUID (such as 123e4567-e89b-12d3-a456-426614174000)",
              TextValues::uuid,
              UUID::toString),
          new TextValue<>(URI.class, "a URI", ConfValues::parseUri, URI::toString),
          new TextValue<>(
              URL.class,
              "a URL (such as https://example.com/path)",
              TextValues::url,
              URL::toString),
          new TextValue<>(Path.class, "a path", Path::of, Path::toString),
          new TextValue<>(
              BigDecimal.class, "a decimal number", BigDecimal::new, BigDecimal::toPlainString),
          new TextValue<>(BigInteger.class, "an integer", BigInteger::new, BigInteger::toString));

  private TextValues() {}

  /**
   * Returns whether values of {@code type} (a {@code Path} implementation too) are stored as their
   * text.
   */
  public static boolean supports(Class<?> type) {
    return find(type) != null;
  }

  /** Returns whether the class named {@code qualifiedName} is one of the types of this table. */
  public static boolean supports(String qualifiedName) {
    return TABLE.stream().anyMatch(entry -> entry.type().getName().equals(qualifiedName));
  }

  /**
   * Returns the standard string form of {@code value}, whose class this table {@linkplain #supports
   * supports}.
   */
  public static String format(Object value) {
    return entry(value.getClass()).formatValue(value);
  }

  /**
   * Parses {@code raw}, stripped, as a {@code type}.
   *
   * @throws ConfValues.Mismatch saying what was expected, when it does not parse
   */
  public static <T> T parse(Class<T> type, String raw) {
    TextValue<?> entry = entry(type);
    try {
      return type.cast(entry.parse().apply(raw.strip()));
    } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
      throw new ConfValues.Mismatch(entry.expected(), raw);
    }
  }

  /** Returns a function that {@linkplain #parse parses} a {@code type}, for generated accessors. */
  public static <T> Function<String, T> parser(Class<T> type) {
    entry(type);
    return raw -> parse(type, raw);
  }

  private static @Nullable TextValue<?> find(Class<?> type) {
    for (TextValue<?> entry : TABLE) {
      if (entry.type() == type) {
        return entry;
      }
    }
    for (TextValue<?> entry : TABLE) {
      if (entry.type().isAssignableFrom(type) && entry.type().isInterface()) {
        return entry;
      }
    }
    return null;
  }

  private static TextValue<?> entry(Class<?> type) {
    TextValue<?> entry = find(type);
    if (entry == null) {
      throw new IllegalArgumentException(type.getName() + " is not stored as text");
    }
    return entry;
  }

  private static UUID uuid(String text) {
    if (!UUID_TEXT.matcher(text).matches()) {
      throw new IllegalArgumentException(text);
    }
    return UUID.fromString(text);
  }

  private static URL url(String text) {
    try {
      return new URI(text).toURL();
    } catch (URISyntaxException | MalformedURLException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
