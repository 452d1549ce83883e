package link.etcd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the key codec over generated keys: every key the rules allow is accepted and
 * decodes back; every other key is refused, only with IAE.
 */
class KeysPropertiesTest {
  @Property(tries = 3000)
  void validSegmentsRoundTripThroughEncodeAndAPercentDecoder(
      @ForAll("validSegments") List<String> segments) {
    // At most 6 segments of 30 characters, each character at most 9 encoded bytes: never too long.
    String key = "/" + String.join("/", segments);
    String encoded = Keys.encode(key);
    assertTrue(encoded.chars().allMatch(c -> isUnreserved(c) || c == '/' || c == '%'), encoded);
    assertEquals(key, percentDecode(encoded));
  }

  @Property(tries = 5000)
  void anyStringIsEncodedSoItDecodesBackOrRefusedWithIllegalArgumentException(
      @ForAll("anyKeys") String key) {
    String encoded;
    try {
      encoded = Keys.encode(key);
    } catch (IllegalArgumentException refused) {
      assertFalse(allowed(key), "refused a key the rules allow: " + refused.getMessage());
      return;
    }
    assertTrue(allowed(key), "accepted a key the rules refuse: " + encoded);
    assertEquals(Keys.normalize(key), percentDecode(encoded));
  }

  /**
   * The key rules written out plainly: not empty; after a leading {@code /} is added, the root or
   * segments that are neither empty, {@code .} nor {@code ..}, without control characters and with
   * every surrogate paired. (The generated keys are far below the length limit.)
   */
  private static boolean allowed(String key) {
    if (key.isEmpty()) {
      return false;
    }
    String normalized = key.startsWith("/") ? key : "/" + key;
    if (normalized.equals("/")) {
      return true;
    }
    for (String segment : normalized.substring(1).split("/", -1)) {
      if (segment.isEmpty()
          || segment.equals(".")
          || segment.equals("..")
          || segment.chars().anyMatch(Character::isISOControl)
          || !isWellFormed(segment)) {
        return false;
      }
    }
    return true;
  }

  @Provide
  Arbitrary<List<String>> validSegments() {
    return Arbitraries.strings()
        .all()
        .ofMinLength(1)
        .ofMaxLength(30)
        .filter(
            s ->
                !s.equals(".")
                    && !s.equals("..")
                    && s.indexOf('/') < 0
                    && s.chars().noneMatch(Character::isISOControl)
                    && isWellFormed(s))
        .list()
        .ofMinSize(1)
        .ofMaxSize(6);
  }

  @Provide
  Arbitrary<String> anyKeys() {
    Arbitrary<String> pieces =
        Arbitraries.oneOf(
            Arbitraries.strings().all().ofMaxLength(12),
            Arbitraries.of(
                "/",
                "//",
                ".",
                "..",
                "%",
                "%2F",
                "+",
                " ",
                "\u00e9",
                "\ud83d\ude00",
                "\ud800",
                "\udc00",
                "\n"));
    return pieces.list().ofMaxSize(8).map(list -> String.join("", list));
  }

  private static boolean isWellFormed(String s) {
    return StandardCharsets.UTF_8.newEncoder().canEncode(s);
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
   * A strict RFC 3986 percent-decoder: {@code %XX} bytes, else unreserved characters and {@code /}
   * only.
   */
  private static String percentDecode(String encoded) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%') {
        bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
        i += 2;
      } else if (isUnreserved(c) || c == '/') {
        bytes.write(c);
      } else {
        throw new AssertionError("'" + c + "' left unencoded in " + encoded);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
