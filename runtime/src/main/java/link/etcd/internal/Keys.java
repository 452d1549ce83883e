package link.etcd.internal;

import java.nio.charset.StandardCharsets;
import okhttp3.FormBody;

/**
 * The key codec: checks keys, normalises them to start with {@code /}, and percent-encodes each
 * segment as UTF-8 for the request target. Every check runs before any I/O and names the key it
 * refused.
 */
public final class Keys {
  /**
   * etcd 3.4 resets the connection when a request target is longer than this, so we refuse such
   * keys first.
   */
  public static final int MAX_REQUEST_TARGET = 4096;

  /**
   * The largest form body etcd's v2 API reads (Go's {@code ParseForm} limit): a larger write is
   * refused with error 210, "http: POST too large".
   */
  public static final long MAX_FORM_BYTES = 10L << 20;

  /**
   * Room kept in a form body for the fields beside the value ({@code ttl}, {@code prevExist}, ...).
   */
  static final int RESERVED_FOR_OTHER_FIELDS = 256;

  /**
   * Room kept for the version prefix, {@code /keys} and the longest query string the client sends.
   */
  static final int RESERVED_FOR_PREFIX_AND_QUERY = 160;

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private Keys() {}

  /**
   * Returns {@code key} with a leading {@code /} added when missing. {@code "/"} is the root.
   *
   * @throws IllegalArgumentException naming the key when it is empty, has an empty segment ({@code
   *     //} or a trailing {@code /}), a {@code .} or {@code ..} segment, a control character or an
   *     unpaired surrogate
   */
  public static String normalize(String key) {
    if (key.isEmpty()) {
      throw new IllegalArgumentException("Key must not be empty; use \"/\" for the root");
    }
    String normalized = key.charAt(0) == '/' ? key : "/" + key;
    if (normalized.equals("/")) {
      return normalized;
    }
    int start = 1;
    while (start <= normalized.length()) {
      int end = normalized.indexOf('/', start);
      if (end < 0) {
        end = normalized.length();
      }
      checkSegment(normalized.substring(start, end), normalized);
      start = end + 1;
    }
    return normalized;
  }

  /**
   * Checks one segment of {@code key}: not empty, not {@code .} or {@code ..}, no {@code /}, no
   * control character and no unpaired surrogate.
   */
  public static void checkSegment(String segment, String key) {
    if (segment.isEmpty()) {
      throw new IllegalArgumentException(
          "Empty key segment ('//' or a trailing '/') is not allowed in " + printable(key));
    }
    if (segment.equals(".") || segment.equals("..")) {
      throw new IllegalArgumentException(
          "Key segment '" + segment + "' is not allowed in " + printable(key));
    }
    if (segment.indexOf('/') >= 0) {
      throw new IllegalArgumentException(
          "Key segment " + printable(segment) + " must not contain '/' in " + printable(key));
    }
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (Character.isISOControl(c)) {
        throw new IllegalArgumentException(
            String.format(
                "Control character U+%04X is not allowed in key %s", (int) c, printable(key)));
      }
      if (Character.isSurrogate(c)) {
        boolean paired =
            Character.isHighSurrogate(c)
                && i + 1 < segment.length()
                && Character.isLowSurrogate(segment.charAt(i + 1));
        if (!paired) {
          throw new IllegalArgumentException(
              String.format(
                  "Unpaired surrogate U+%04X is not allowed in key %s; UTF-8 cannot encode it",
                  (int) c, printable(key)));
        }
        i++;
      }
    }
  }

  /**
   * Checks that {@code value}, to be written at {@code key}, can be sent: UTF-8 cannot encode an
   * unpaired surrogate, which would reach etcd as {@code ?}; and etcd refuses a v2 request whose
   * form body is over {@link #MAX_FORM_BYTES}.
   *
   * @param value the value, or {@code prevValue}, to send
   * @param key the key it belongs to, for the message
   * @throws IllegalArgumentException naming the key, and the character's position in the value or
   *     the sizes
   */
  public static void checkValue(String value, String key) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < value.length()
            && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
        } else {
          throw new IllegalArgumentException(
              String.format(
                  "Unpaired surrogate U+%04X at index %d of the value"
                      + " for key %s is not allowed; UTF-8 cannot encode it, so etcd would store '?'",
                  (int) c, i, printable(key)));
        }
      }
    }
    // A character takes at most 9 bytes form-encoded (3 UTF-8 bytes, each as %XX): shorter values
    // always fit.
    if ((long) value.length() * 9 + RESERVED_FOR_OTHER_FIELDS > MAX_FORM_BYTES) {
      long encoded = new FormBody.Builder().add("value", value).build().contentLength();
      if (encoded + RESERVED_FOR_OTHER_FIELDS > MAX_FORM_BYTES) {
        throw new IllegalArgumentException(
            "The value for key "
                + printable(key)
                + " is too large for etcd's v2"
                + " API: form-encoded it takes "
                + encoded
                + " bytes, and etcd refuses a request body over "
                + MAX_FORM_BYTES
                + " bytes (10 MiB); keep large data elsewhere and store a reference in etcd");
      }
    }
  }

  /**
   * Normalises {@code key} and percent-encodes each segment as UTF-8 (unreserved characters stay;
   * space is {@code %20}).
   *
   * @throws IllegalArgumentException when the key is invalid or its encoded form would make a
   *     request target longer than {@link #MAX_REQUEST_TARGET} bytes
   */
  public static String encode(String key) {
    String normalized = normalize(key);
    StringBuilder out = new StringBuilder(normalized.length() + 16);
    byte[] bytes = normalized.getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      int c = b & 0xff;
      if (isUnreserved(c) || c == '/') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    if (out.length() + RESERVED_FOR_PREFIX_AND_QUERY > MAX_REQUEST_TARGET) {
      throw new IllegalArgumentException(
          "Key is too long: its request target would be over "
              + MAX_REQUEST_TARGET
              + " bytes ("
              + out.length()
              + " bytes encoded), which etcd refuses: "
              + printable(normalized));
    }
    return out.toString();
  }

  /**
   * Returns {@code parent/child} for a normalised {@code parent} and a single segment {@code
   * child}.
   */
  public static String child(String parent, String child) {
    return parent.equals("/") ? "/" + child : parent + "/" + child;
  }

  /** Returns the last segment of a normalised key ({@code ""} for the root). */
  public static String lastSegment(String key) {
    return key.substring(key.lastIndexOf('/') + 1);
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  /**
   * Shows a key in a message: control characters and unpaired surrogates escaped, and at most 120
   * characters of it.
   */
  static String printable(String key) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < key.length() && out.length() < 120) {
      int c = key.codePointAt(i);
      if (Character.isISOControl(c)
          || (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
        out.append(String.format("\\u%04X", c));
      } else {
        out.appendCodePoint(c);
      }
      i += Character.charCount(c);
    }
    if (i < key.length()) {
      out.append("...");
    }
    return "'" + out + "'";
  }
}
