package link.etcd.middleware;

import org.jspecify.annotations.Nullable;

/**
 * One difference between the tree stored at a path and another tree: a key added, changed or
 * removed, with its full key. An empty directory is a change of its own, its key ending with {@code
 * /} and no value. {@link #toString()} reads as {@code + /app/a = 1}, {@code ~ /app/b: 1 -> 2} or
 * {@code - /app/c}.
 *
 * @param kind whether the key is added, changed or removed
 * @param key the full key, such as {@code /app/db/port}; ends with {@code /} for an empty directory
 * @param oldValue the value before, {@code null} for an added key or an empty directory
 * @param newValue the value after, {@code null} for a removed key or an empty directory
 */
public record TreeChange(
    Kind kind, String key, @Nullable String oldValue, @Nullable String newValue) {
  /** What happens to a key. */
  public enum Kind {
    /** The key is not there before, and is after. */
    ADDED("+"),
    /** The key is there before and after, with another value. */
    CHANGED("~"),
    /** The key is there before, and is not after. */
    REMOVED("-");

    private final String sign;

    Kind(String sign) {
      this.sign = sign;
    }

    /** {@return the sign that starts the change's line: {@code +}, {@code ~} or {@code -}} */
    public String sign() {
      return sign;
    }
  }

  /**
   * {@return the change as one line: {@code + /app/a = 1}, {@code ~ /app/b: 1 -> 2}, {@code -
   * /app/c}; line breaks and tabs in values are written {@code \n}, {@code \r} and {@code \t}}
   */
  @Override
  public String toString() {
    return switch (kind) {
      case ADDED -> "+ " + key + (newValue == null ? "" : " = " + printable(newValue));
      case CHANGED -> "~ " + key + ": " + printable(oldValue) + " -> " + printable(newValue);
      case REMOVED -> "- " + key;
    };
  }

  /** A value on one line: line breaks and tabs as {@code \n}, {@code \r}, {@code \t}. */
  private static String printable(@Nullable String value) {
    return String.valueOf(value).replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
  }
}
