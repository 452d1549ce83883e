package link.etcd.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import link.etcd.internal.ConfValues;
import link.etcd.internal.TextValues;

/**
 * Turns a {@code @Default} string into the Java expression of its value, converting it with the
 * same {@link ConfValues} code that reads stored values at run time, so a default that compiles
 * always reads back.
 */
final class DefaultValues {
  private static final ClassName TEXT_VALUES = ClassName.get(TextValues.class);

  private DefaultValues() {}

  /**
   * Returns the expression of {@code raw} as a value of {@code type}.
   *
   * @throws IllegalArgumentException saying what was expected, when {@code raw} does not convert
   */
  static CodeBlock literal(ValueType type, String raw) {
    switch (type.shape()) {
      case LIST:
        List<CodeBlock> items = new ArrayList<>();
        for (String item : ConfValues.splitDefault(raw)) {
          items.add(item(type, item));
        }
        return CodeBlock.of("$T.of($L)", List.class, CodeBlock.join(items, ", "));
      case OPTIONAL:
        return CodeBlock.of("$T.of($L)", Optional.class, item(type, raw));
      default:
        return item(type, raw);
    }
  }

  private static CodeBlock item(ValueType type, String raw) {
    switch (type.kind()) {
      case STRING:
        return CodeBlock.of("$S", raw);
      case BOOLEAN:
        return CodeBlock.of("$L", ConfValues.parseBoolean(raw));
      case INT:
        return CodeBlock.of("$L", ConfValues.parseInt(raw));
      case LONG:
        return CodeBlock.of("$LL", ConfValues.parseLong(raw));
      case DOUBLE:
        return doubleLiteral(ConfValues.parseDouble(raw));
      case ENUM:
        String name = raw.strip();
        if (!type.enumConstants().contains(name)) {
          throw new IllegalArgumentException(
              "Expected one of "
                  + String.join(", ", type.enumConstants())
                  + " but was \""
                  + raw
                  + "\"");
        }
        return CodeBlock.of("$T.$N", type.enumType(), name);
      case DURATION:
        return durationLiteral(ConfValues.parseDuration(raw));
      case URI:
        return CodeBlock.of("$T.create($S)", URI.class, ConfValues.parseUri(raw).toString());
      case TEXT:
        Object value = TextValues.parse(textType(type), raw);
        return CodeBlock.of(
            "$T.parse($T.class, $S)", TEXT_VALUES, type.element(), TextValues.format(value));
    }
    throw new AssertionError(type.kind());
  }

  /** Returns the JDK class of a {@code TEXT} value, such as {@code java.util.UUID}. */
  private static Class<?> textType(ValueType type) {
    try {
      return Class.forName(((ClassName) type.element()).canonicalName());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "TextValues supports " + type.element() + ", which is not on the class path", e);
    }
  }

  private static CodeBlock doubleLiteral(double value) {
    if (Double.isNaN(value)) {
      return CodeBlock.of("$T.NaN", Double.class);
    }
    if (Double.isInfinite(value)) {
      return CodeBlock.of(
          "$T.$N", Double.class, value > 0 ? "POSITIVE_INFINITY" : "NEGATIVE_INFINITY");
    }
    return CodeBlock.of("$L", Double.toString(value));
  }

  /** Returns {@code Duration.ofSeconds(30)} and the like, in the largest whole unit. */
  private static CodeBlock durationLiteral(Duration duration) {
    ClassName type = ClassName.get(Duration.class);
    long seconds = duration.getSeconds();
    int nanos = duration.getNano();
    if (nanos == 0) {
      if (seconds % 86_400 == 0 && seconds != 0) {
        return CodeBlock.of("$T.ofDays($L)", type, number(seconds / 86_400));
      }
      if (seconds % 3600 == 0 && seconds != 0) {
        return CodeBlock.of("$T.ofHours($L)", type, number(seconds / 3600));
      }
      if (seconds % 60 == 0 && seconds != 0) {
        return CodeBlock.of("$T.ofMinutes($L)", type, number(seconds / 60));
      }
      return CodeBlock.of("$T.ofSeconds($L)", type, number(seconds));
    }
    if (nanos % 1_000_000 == 0 && Math.abs(seconds) < Long.MAX_VALUE / 1000) {
      return CodeBlock.of("$T.ofMillis($L)", type, number(duration.toMillis()));
    }
    return CodeBlock.of("$T.parse($S)", type, duration.toString());
  }

  /**
   * Returns a long argument as it is usually written: {@code 30}, or {@code 30000000000L} beyond
   * int.
   */
  private static String number(long value) {
    return value == (int) value ? Long.toString(value) : value + "L";
  }
}
