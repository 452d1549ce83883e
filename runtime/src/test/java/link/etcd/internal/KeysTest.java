package link.etcd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeysTest {
  @Test
  void normalizeAddsTheLeadingSlash() {
    assertEquals("/a/b", Keys.normalize("a/b"));
    assertEquals("/a/b", Keys.normalize("/a/b"));
  }

  @Test
  void normalizeKeepsTheRoot() {
    assertEquals("/", Keys.normalize("/"));
  }

  @Test
  void normalizeRefusesTheEmptyKey() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Keys.normalize(""));
    assertEquals("Key must not be empty; use \"/\" for the root", e.getMessage());
  }

  @Test
  void normalizeRefusesADoubleSlash() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Keys.normalize("/a//b"));
    assertEquals(
        "Empty key segment ('//' or a trailing '/') is not allowed in '/a//b'", e.getMessage());
  }

  @Test
  void normalizeRefusesALeadingDoubleSlash() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Keys.normalize("//a"));
    assertEquals(
        "Empty key segment ('//' or a trailing '/') is not allowed in '//a'", e.getMessage());
  }

  @Test
  void normalizeRefusesATrailingSlash() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Keys.normalize("a/b/"));
    assertEquals(
        "Empty key segment ('//' or a trailing '/') is not allowed in '/a/b/'", e.getMessage());
  }

  @Test
  void normalizeRefusesADotSegment() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Keys.normalize("/a/./b"));
    assertEquals("Key segment '.' is not allowed in '/a/./b'", e.getMessage());
  }

  @Test
  void normalizeRefusesADotDotSegment() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Keys.normalize("/a/../b"));
    assertEquals("Key segment '..' is not allowed in '/a/../b'", e.getMessage());
  }

  @Test
  void normalizeRefusesATrailingDotDot() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Keys.normalize(".."));
    assertEquals("Key segment '..' is not allowed in '/..'", e.getMessage());
  }

  @Test
  void normalizeKeepsSegmentsThatOnlyContainDots() {
    assertEquals("/a/.../b.c/.d", Keys.normalize("/a/.../b.c/.d"));
  }

  @Test
  void normalizeRefusesANewlineAndShowsItEscaped() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Keys.normalize("/a\nb"));
    assertEquals("Control character U+000A is not allowed in key '/a\\u000Ab'", e.getMessage());
  }

  @Test
  void normalizeRefusesANul() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Keys.normalize("/a/\u0000"));
    assertEquals("Control character U+0000 is not allowed in key '/a/\\u0000'", e.getMessage());
  }

  @Test
  void normalizeRefusesDelete() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Keys.normalize("x\u007fy"));
    assertEquals("Control character U+007F is not allowed in key '/x\\u007Fy'", e.getMessage());
  }

  @Test
  void normalizeRefusesAnUnpairedSurrogateAndShowsItEscaped() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Keys.normalize("/a\ud800b"));
    assertEquals(
        "Unpaired surrogate U+D800 is not allowed in key '/a\\uD800b'; UTF-8 cannot encode it",
        e.getMessage());
  }

  @Test
  void normalizeKeepsAPairedSurrogate() {
    assertEquals("/a\ud83d\ude00", Keys.normalize("a\ud83d\ude00"));
  }

  @Test
  void checkSegmentRefusesASlashInsideASegment() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Keys.checkSegment("a/b", "/p/a/b"));
    assertEquals("Key segment 'a/b' must not contain '/' in '/p/a/b'", e.getMessage());
  }

  @Test
  void encodeKeepsUnreservedCharactersAndSlashes() {
    assertEquals("/AZaz09-._~/x", Keys.encode("AZaz09-._~/x"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "/a b   | /a%20b",
        "/a?b   | /a%3Fb",
        "/a#b   | /a%23b",
        "/a%b   | /a%25b",
        "/a+b   | /a%2Bb",
        "/a&b   | /a%26b",
        "/a=b   | /a%3Db",
        "/a:b@c | /a%3Ab%40c",
        "/é     | /%C3%A9",
        "/日本   | /%E6%97%A5%E6%9C%AC",
        "/😀    | /%F0%9F%98%80",
      })
  void encodePercentEncodesEachSegmentAsUtf8WithUppercaseHex(String key, String encoded) {
    assertEquals(encoded, Keys.encode(key));
  }

  @Test
  void encodeNeverTurnsASpaceIntoAPlus() {
    assertEquals("/my%20dir/my%20key", Keys.encode("my dir/my key"));
  }

  @Test
  void encodeChecksTheKeyFirst() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Keys.encode("/a/../b"));
    assertEquals("Key segment '..' is not allowed in '/a/../b'", e.getMessage());
  }

  @Test
  void encodeAcceptsTheLongestKeyThatFitsTheRequestTarget() {
    String key = "/" + "a".repeat(longestEncodedKey() - 1);
    assertEquals(key, Keys.encode(key));
  }

  @Test
  void encodeRefusesAKeyWhoseRequestTargetWouldBeOver4KiB() {
    String key = "/" + "a".repeat(longestEncodedKey());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Keys.encode(key));
    assertEquals(
        "Key is too long: its request target would be over 4096 bytes (3937 bytes encoded), which etcd"
            + " refuses: '/"
            + "a".repeat(119)
            + "...'",
        e.getMessage());
  }

  @Test
  void encodeCountsTheEncodedLengthNotTheCharacters() {
    // 700 emoji are 700 * 2 chars but 700 * 12 encoded bytes.
    String key = "/" + "😀".repeat(700);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Keys.encode(key));
    assertEquals(
        "Key is too long: its request target would be over 4096 bytes (8401 bytes encoded), which etcd"
            + " refuses: '/"
            + "😀".repeat(60)
            + "...'",
        e.getMessage());
  }

  @Test
  void messagesShortenLongKeysWithoutSplittingACharacter() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Keys.normalize("/" + "😀".repeat(100) + "/.."));
    assertEquals(
        "Key segment '..' is not allowed in '/" + "😀".repeat(60) + "...'", e.getMessage());
  }

  @Test
  void messagesMarkAKeyShortenedByEscapes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Keys.normalize("/" + "\n".repeat(30)));
    assertEquals(
        "Control character U+000A is not allowed in key '/" + "\\u000A".repeat(20) + "...'",
        e.getMessage());
  }

  @Test
  void childJoinsUnderTheRootAndUnderAKey() {
    assertEquals("/a", Keys.child("/", "a"));
    assertEquals("/a/b", Keys.child("/a", "b"));
  }

  @Test
  void lastSegmentOfTheRootIsEmpty() {
    assertEquals("", Keys.lastSegment("/"));
    assertEquals("c", Keys.lastSegment("/a/b/c"));
  }

  private static int longestEncodedKey() {
    return Keys.MAX_REQUEST_TARGET - Keys.RESERVED_FOR_PREFIX_AND_QUERY;
  }
}
