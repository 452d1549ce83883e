package link.etcd.internal.v3;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Keys of the v3 API: a key is the UTF-8 bytes of {@code key_prefix} and of the caller's key, sent
 * as standard base64; keys read back lose the prefix again. A range end of {@code "\0"} (every key
 * from the start key on) stays inside the prefix.
 */
public final class V3Keys {
  private static final byte[] ALL = {0};

  private final byte[] prefix;

  public V3Keys(String keyPrefix) {
    this.prefix = utf8(keyPrefix, "key_prefix");
  }

  /** {@return the base64 of {@code key} under the prefix} */
  public String key(String key) {
    return base64(concat(prefix, utf8(key, "key")));
  }

  /** {@return the base64 of the range end {@code end} under the prefix} */
  String rangeEnd(String end) {
    if (end.equals("\0")) {
      return base64(prefix.length == 0 ? ALL : prefixEnd(prefix));
    }
    return base64(concat(prefix, utf8(end, "range end")));
  }

  /** {@return the key read as base64 {@code wire}, without the prefix} */
  String fromWire(String wire) {
    byte[] bytes = Base64.getDecoder().decode(wire);
    int from = startsWithPrefix(bytes) ? prefix.length : 0;
    return Utf8Text.key(bytes, from, bytes.length - from);
  }

  private boolean startsWithPrefix(byte[] bytes) {
    return bytes.length >= prefix.length
        && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
  }

  /** {@return the value read as base64 {@code wire} at {@code key}} */
  static String value(String wire, String key) {
    return Utf8Text.value(Base64.getDecoder().decode(wire), key);
  }

  static String base64(String text) {
    return base64(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /**
   * etcd's rule: drop trailing 0xff bytes, then increment the last byte; {@code "\0"} when nothing
   * is left.
   */
  public static byte[] prefixEnd(byte[] prefix) {
    for (int i = prefix.length - 1; i >= 0; i--) {
      if ((prefix[i] & 0xff) != 0xff) {
        byte[] end = Arrays.copyOf(prefix, i + 1);
        end[i]++;
        return end;
      }
    }
    return ALL;
  }

  /**
   * The same rule on characters: the last character that is not U+10FFFF becomes the next character
   * (skipping surrogates) and what follows it is dropped. Where etcd's byte rule gives valid UTF-8
   * the two agree; where it does not (a last byte of 0x7f or 0xbf), this is the smallest text after
   * every key with the prefix.
   */
  public static String prefixEnd(String prefix) {
    utf8(prefix, "prefix");
    int end = prefix.length();
    while (end > 0) {
      int last = prefix.codePointBefore(end);
      int start = end - Character.charCount(last);
      if (last != Character.MAX_CODE_POINT) {
        int next = last + 1 == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : last + 1;
        return prefix.substring(0, start) + Character.toString(next);
      }
      end = start;
    }
    return "\0";
  }

  private static byte[] utf8(String text, String what) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(
            "The "
                + what
                + " "
                + escape(text)
                + " has an unpaired surrogate at index "
                + i
                + ", which has no UTF-8 form");
      }
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder("'");
    text.chars()
        .forEach(
            c -> {
              if (Character.isSurrogate((char) c) || Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.append((char) c);
              }
            });
    return out.append('\'').toString();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }
}
