package link.etcd.internal.v3;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * Where the bytes of the v3 API become text: keys and values are read as strict UTF-8, and bytes
 * that are not UTF-8 (written by another tool) are an {@link EtcdException} of {@link
 * EtcdError#UNSUPPORTED} naming the key, never replaced by U+FFFD: a lenient decoder would change a
 * value that is read and written back, and read two keys that differ in such bytes as one. Every
 * decoder of answers (the JSON gateway's, gRPC's) calls {@link #key} for each key it reads, with
 * the key prefix already taken off, and {@link #value} for each value, or first {@link #quick},
 * which decodes the common case without copying the bytes.
 */
public final class Utf8Text {
  private static final String RULE =
      "link-etcd reads keys and values as UTF-8 text and refuses to change them";

  private static final char REPLACEMENT = '\uFFFD';

  private Utf8Text() {}

  /**
   * {@return {@code bytes} of a key as text}
   *
   * @throws EtcdException when they are not UTF-8, naming the key with {@code \xNN} for each byte
   *     that is not
   */
  public static String key(byte[] bytes, int offset, int length) {
    try {
      return decode(bytes, offset, length);
    } catch (CharacterCodingException e) {
      throw new EtcdException(
          EtcdError.UNSUPPORTED,
          "etcd holds the key '"
              + escaped(bytes, offset, length)
              + "', which is not UTF-8 text (\\xNN marks each byte that is not); "
              + RULE
              + ": delete or rename that key with the tool that wrote it",
          null);
    }
  }

  /**
   * {@return the bytes of {@code wire} as text, or {@code null} when they may not be UTF-8: then
   * {@link #key} or {@link #value} decide, and name the key}
   */
  public static @Nullable String quick(ByteString wire) {
    String text = wire.string(StandardCharsets.UTF_8);
    return text.indexOf(REPLACEMENT) < 0 ? text : null;
  }

  /**
   * {@return {@code bytes} of the value at {@code key} as text}
   *
   * @throws EtcdException when they are not UTF-8, naming the key (never the value)
   */
  public static String value(byte[] bytes, String key) {
    try {
      return decode(bytes, 0, bytes.length);
    } catch (CharacterCodingException e) {
      throw new EtcdException(
          EtcdError.UNSUPPORTED,
          "etcd holds a value at "
              + key
              + " that is not UTF-8 text ("
              + bytes.length
              + " bytes); "
              + RULE
              + ": write that value again as text (binary data as base64) with the tool that"
              + " wrote it",
          null);
    }
  }

  /**
   * Decodes with the JDK's fast decoder, which replaces each malformed sequence with U+FFFD; only
   * when the result holds a U+FFFD (malformed bytes, or a U+FFFD that was really stored) does the
   * strict decoder look again. Both follow the same rules, so text without U+FFFD was valid UTF-8.
   */
  private static String decode(byte[] bytes, int offset, int length)
      throws CharacterCodingException {
    String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
    if (text.indexOf(REPLACEMENT) < 0) {
      return text;
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    return decoder.decode(ByteBuffer.wrap(bytes, offset, length)).toString();
  }

  /**
   * {@return the bytes as text, each byte that is not part of a UTF-8 character as {@code \xNN}}
   */
  static String escaped(byte[] bytes, int offset, int length) {
    StringBuilder out = new StringBuilder();
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
    CharBuffer chars = CharBuffer.allocate(Math.max(1, length));
    while (in.hasRemaining()) {
      var result = decoder.decode(in, chars, true);
      chars.flip();
      out.append(chars);
      chars.clear();
      if (result.isError()) {
        for (int i = 0; i < result.length(); i++) {
          out.append(String.format("\\x%02x", in.get() & 0xff));
        }
      } else if (result.isUnderflow()) {
        break;
      }
    }
    return out.toString();
  }
}
