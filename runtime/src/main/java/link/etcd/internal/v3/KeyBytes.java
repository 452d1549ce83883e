package link.etcd.internal.v3;

import java.nio.charset.StandardCharsets;
import okio.Buffer;
import okio.ByteString;

/**
 * Keys of the v3 API as bytes: a key is the UTF-8 bytes of {@code key_prefix} and of the caller's
 * key; keys read back lose the prefix again. A range end of {@code "\0"} (every key from the start
 * key on) stays inside the prefix.
 */
public final class KeyBytes {
  private static final ByteString ALL = ByteString.of((byte) 0);

  private final ByteString prefix;
  private final String prefixText;

  /**
   * @param keyPrefix the {@code key_prefix} every key is under
   * @throws IllegalArgumentException when it has an unpaired surrogate
   */
  public KeyBytes(String keyPrefix) {
    this.prefix = utf8(keyPrefix, "key_prefix");
    this.prefixText = keyPrefix;
  }

  /** {@return the bytes of {@code key} under the prefix} */
  public ByteString key(String key) {
    return concat(utf8(key, "key"));
  }

  /** {@return the bytes of the range end {@code end} under the prefix} */
  public ByteString rangeEnd(String end) {
    if (end.equals("\0")) {
      return prefix.size() == 0 ? ALL : prefixEnd(prefix);
    }
    return concat(utf8(end, "range end"));
  }

  /**
   * {@return the key {@code wire} as text, without the prefix}
   *
   * @throws link.etcd.EtcdException when its bytes are not UTF-8 (see {@link Utf8Text})
   */
  public String fromWire(ByteString wire) {
    boolean prefixed = wire.startsWith(prefix);
    String text = Utf8Text.quick(wire);
    if (text != null) {
      return prefixed ? text.substring(prefixText.length()) : text;
    }
    byte[] bytes = wire.toByteArray();
    int from = prefixed ? prefix.size() : 0;
    return Utf8Text.key(bytes, from, bytes.length - from);
  }

  /**
   * {@return the value {@code wire} stored at {@code key}, as text}
   *
   * @throws link.etcd.EtcdException when its bytes are not UTF-8 (see {@link Utf8Text})
   */
  public static String value(ByteString wire, String key) {
    String text = Utf8Text.quick(wire);
    if (text != null) {
      return text;
    }
    return Utf8Text.value(wire.toByteArray(), key);
  }

  /** {@return the UTF-8 bytes of the value {@code value}} */
  public static ByteString value(String value) {
    return ByteString.encodeUtf8(value);
  }

  /**
   * etcd's rule: drop trailing 0xff bytes, then increment the last byte; {@code "\0"} when nothing
   * is left.
   */
  static ByteString prefixEnd(ByteString prefix) {
    for (int i = prefix.size() - 1; i >= 0; i--) {
      if ((prefix.getByte(i) & 0xff) != 0xff) {
        byte[] end = prefix.substring(0, i + 1).toByteArray();
        end[i]++;
        return ByteString.of(end);
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

  private ByteString concat(ByteString key) {
    if (prefix.size() == 0) {
      return key;
    }
    return new Buffer().write(prefix).write(key).readByteString();
  }

  private static ByteString utf8(String text, String what) {
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
    return ByteString.of(text.getBytes(StandardCharsets.UTF_8));
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
}
