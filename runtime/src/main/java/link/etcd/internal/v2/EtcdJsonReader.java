package link.etcd.internal.v2;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;
import okio.Options;
import org.jspecify.annotations.Nullable;

/**
 * A streaming reader of etcd v2's JSON answers, with no limit on nesting: a recursive read nests
 * two JSON levels per level of the tree ({@code node} and {@code nodes}), so a tree 127 levels deep
 * is past the 255 levels Moshi's {@code JsonReader} accepts. Strict JSON, as etcd writes it; a
 * string may also be read as a number and a number as a string, as Moshi allows. Syntax errors are
 * {@link JsonEncodingException}s, a value of another type a {@link JsonDataException}, a truncated
 * body an {@link EOFException}.
 */
public final class EtcdJsonReader implements Closeable {
  /** What comes next. */
  public enum Token {
    BEGIN_OBJECT,
    END_OBJECT,
    BEGIN_ARRAY,
    END_ARRAY,
    NAME,
    STRING,
    NUMBER,
    BOOLEAN,
    NULL,
    END_DOCUMENT
  }

  private static final ByteString QUOTE_OR_BACKSLASH = ByteString.encodeUtf8("\"\\");
  private static final ByteString UTF8_BOM = ByteString.decodeHex("efbbbf");

  private static final byte EMPTY_DOCUMENT = 0;
  private static final byte NONEMPTY_DOCUMENT = 1;
  private static final byte EMPTY_ARRAY = 2;
  private static final byte NONEMPTY_ARRAY = 3;
  private static final byte EMPTY_OBJECT = 4;
  private static final byte DANGLING_NAME = 5;
  private static final byte NONEMPTY_OBJECT = 6;

  private final BufferedSource source;
  private final Buffer buffer;
  private byte[] scopes = new byte[32];
  private int depth = 1;

  /**
   * The token peeked and not consumed, or null. For a name or a string, its opening quote is
   * consumed.
   */
  private @Nullable Token peeked;

  /** For a peeked boolean, its value. */
  private boolean peekedTrue;

  /**
   * Reads from {@code source}, skipping a UTF-8 byte order mark.
   *
   * @param source the body to read
   * @throws IOException when the source fails
   */
  public EtcdJsonReader(BufferedSource source) throws IOException {
    this.source = source;
    this.buffer = source.getBuffer();
    scopes[0] = EMPTY_DOCUMENT;
    if (source.rangeEquals(0, UTF8_BOM)) {
      source.skip(UTF8_BOM.size());
    }
  }

  /**
   * {@return the next token, without consuming it}
   *
   * @throws IOException when the JSON is malformed or ends early
   */
  public Token peek() throws IOException {
    Token token = peeked;
    if (token == null) {
      token = doPeek();
      peeked = token;
    }
    return token;
  }

  private Token doPeek() throws IOException {
    byte scope = scopes[depth - 1];
    switch (scope) {
      case EMPTY_ARRAY, NONEMPTY_ARRAY -> {
        scopes[depth - 1] = NONEMPTY_ARRAY;
        int c = nextNonWhitespace(true);
        if (c == ']') {
          buffer.skip(1);
          return Token.END_ARRAY;
        }
        if (scope == NONEMPTY_ARRAY) {
          expect(c, ',', "',' or ']'");
        }
        return value();
      }
      case EMPTY_OBJECT, NONEMPTY_OBJECT -> {
        int c = nextNonWhitespace(true);
        if (c == '}') {
          buffer.skip(1);
          return Token.END_OBJECT;
        }
        if (scope == NONEMPTY_OBJECT) {
          expect(c, ',', "',' or '}'");
          c = nextNonWhitespace(true);
        }
        expect(c, '"', "a name");
        scopes[depth - 1] = DANGLING_NAME;
        return Token.NAME;
      }
      case DANGLING_NAME -> {
        scopes[depth - 1] = NONEMPTY_OBJECT;
        expect(nextNonWhitespace(true), ':', "':'");
        return value();
      }
      case EMPTY_DOCUMENT -> {
        scopes[depth - 1] = NONEMPTY_DOCUMENT;
        return value();
      }
      default -> {
        if (nextNonWhitespace(false) == -1) {
          return Token.END_DOCUMENT;
        }
        throw syntax("Expected the end of the document");
      }
    }
  }

  /** Consumes {@code expected} when it is {@code c}, and fails otherwise. */
  private void expect(int c, char expected, String what) throws IOException {
    if (c != expected) {
      throw syntax("Expected " + what);
    }
    buffer.skip(1);
  }

  private Token value() throws IOException {
    int c = nextNonWhitespace(true);
    switch (c) {
      case '{' -> {
        buffer.skip(1);
        return Token.BEGIN_OBJECT;
      }
      case '[' -> {
        buffer.skip(1);
        return Token.BEGIN_ARRAY;
      }
      case '"' -> {
        buffer.skip(1);
        return Token.STRING;
      }
      case 't' -> {
        literal("true");
        peekedTrue = true;
        return Token.BOOLEAN;
      }
      case 'f' -> {
        literal("false");
        peekedTrue = false;
        return Token.BOOLEAN;
      }
      case 'n' -> {
        literal("null");
        return Token.NULL;
      }
      default -> {
        if (c == '-' || c >= '0' && c <= '9') {
          return Token.NUMBER;
        }
        throw syntax("Expected a value");
      }
    }
  }

  private void literal(String word) throws IOException {
    if (!source.rangeEquals(0, ByteString.encodeUtf8(word))) {
      throw syntax("Expected a value");
    }
    buffer.skip(word.length());
  }

  /**
   * Returns the next byte that is not white space, unconsumed, or -1 at the end (an error when
   * required).
   */
  private int nextNonWhitespace(boolean required) throws IOException {
    while (buffer.size() > 0 || source.request(1)) {
      byte b = buffer.getByte(0);
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return b;
      }
      buffer.skip(1);
    }
    if (required) {
      throw new EOFException("End of input in etcd's JSON answer");
    }
    return -1;
  }

  /**
   * Consumes the start of an object.
   *
   * @throws IOException when the next token is not the start of an object
   */
  public void beginObject() throws IOException {
    consume(Token.BEGIN_OBJECT);
    push(EMPTY_OBJECT);
  }

  /**
   * Consumes the end of an object.
   *
   * @throws IOException when the next token is not the end of an object
   */
  public void endObject() throws IOException {
    consume(Token.END_OBJECT);
    depth--;
  }

  /**
   * Consumes the start of an array.
   *
   * @throws IOException when the next token is not the start of an array
   */
  public void beginArray() throws IOException {
    consume(Token.BEGIN_ARRAY);
    push(EMPTY_ARRAY);
  }

  /**
   * Consumes the end of an array.
   *
   * @throws IOException when the next token is not the end of an array
   */
  public void endArray() throws IOException {
    consume(Token.END_ARRAY);
    depth--;
  }

  /**
   * {@return whether the current object or array has another element}
   *
   * @throws IOException when the JSON is malformed or ends early
   */
  public boolean hasNext() throws IOException {
    Token token = peek();
    return token != Token.END_OBJECT && token != Token.END_ARRAY && token != Token.END_DOCUMENT;
  }

  /**
   * {@return the next name of the current object}
   *
   * @throws IOException when the next token is not a name
   */
  public String nextName() throws IOException {
    consume(Token.NAME);
    return quoted();
  }

  /**
   * {@return which of {@code names} the next name of the current object is, or -1 for another
   * name}, consuming the name either way: without making a {@code String} of a name it knows.
   *
   * @param names made by {@link #names}
   * @throws IOException when the next token is not a name
   */
  public int selectName(Options names) throws IOException {
    consume(Token.NAME);
    int index = source.select(names);
    if (index == -1) {
      skipQuoted();
    }
    return index;
  }

  /** {@return the names for {@link #selectName}, in the order of its answers} */
  static Options names(String... names) {
    ByteString[] quoted = new ByteString[names.length];
    for (int i = 0; i < names.length; i++) {
      quoted[i] = ByteString.encodeUtf8(names[i] + "\"");
    }
    return Options.of(quoted);
  }

  /**
   * {@return what follows the last {@code /} of the next string (all of it when it has none)}: the
   * last segment of a key, without a {@code String} of the whole key.
   *
   * @throws IOException when the next token is not a string
   */
  public String nextLastSegment() throws IOException {
    consume(Token.STRING);
    long end = source.indexOfElement(QUOTE_OR_BACKSLASH);
    if (end == -1 || buffer.getByte(end) != '"') {
      String whole = quoted();
      return whole.substring(whole.lastIndexOf('/') + 1);
    }
    long start = 0;
    for (long slash = buffer.indexOf((byte) '/', 0, end);
        slash != -1;
        slash = buffer.indexOf((byte) '/', slash + 1, end)) {
      start = slash + 1;
    }
    buffer.skip(start);
    String last = buffer.readUtf8(end - start);
    buffer.skip(1);
    return last;
  }

  /**
   * {@return the next string, or the text of the next number}
   *
   * @throws IOException when the next token is neither
   */
  public String nextString() throws IOException {
    Token token = peek();
    if (token == Token.NUMBER) {
      peeked = null;
      return number();
    }
    consume(Token.STRING);
    return quoted();
  }

  /**
   * {@return the next string, the text of the next number, or null for a JSON {@code null}}
   *
   * @throws IOException when the next token is none of these
   */
  public @Nullable String nextNullableString() throws IOException {
    if (peek() == Token.NULL) {
      peeked = null;
      return null;
    }
    return nextString();
  }

  /**
   * {@return the next boolean}
   *
   * @throws IOException when the next token is not a boolean
   */
  public boolean nextBoolean() throws IOException {
    consume(Token.BOOLEAN);
    return peekedTrue;
  }

  /**
   * {@return the next number, or a string holding one, as a long}
   *
   * @throws IOException when it is neither, or not a whole number that fits a long
   */
  public long nextLong() throws IOException {
    Token token = peek();
    String text;
    if (token == Token.STRING) {
      peeked = null;
      text = quoted();
    } else {
      consume(Token.NUMBER);
      text = number();
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException notPlain) {
      try {
        return new BigDecimal(text).longValueExact();
      } catch (NumberFormatException | ArithmeticException e) {
        throw new JsonDataException("Expected a long but was " + text);
      }
    }
  }

  /**
   * Consumes a JSON {@code null}.
   *
   * @param <T> any type, for the caller's convenience
   * @return null
   * @throws IOException when the next token is not {@code null}
   */
  public <T> @Nullable T nextNull() throws IOException {
    consume(Token.NULL);
    return null;
  }

  /**
   * Skips the next value, an object or array with everything in it, or the next name.
   *
   * @throws IOException when the JSON is malformed or ends early
   */
  public void skipValue() throws IOException {
    int open = 0;
    do {
      switch (peek()) {
        case BEGIN_OBJECT -> {
          beginObject();
          open++;
        }
        case BEGIN_ARRAY -> {
          beginArray();
          open++;
        }
        case END_OBJECT -> {
          endObject();
          open--;
        }
        case END_ARRAY -> {
          endArray();
          open--;
        }
        case NAME, STRING -> {
          peeked = null;
          skipQuoted();
        }
        case NUMBER -> {
          peeked = null;
          buffer.skip(numberLength());
        }
        case BOOLEAN -> nextBoolean();
        case NULL -> nextNull();
        case END_DOCUMENT ->
            throw new JsonDataException("Expected a value but was the end of the document");
      }
    } while (open > 0);
  }

  private void consume(Token expected) throws IOException {
    Token token = peek();
    if (token != expected) {
      throw new JsonDataException("Expected " + expected + " but was " + token);
    }
    peeked = null;
  }

  private void push(byte scope) {
    if (depth == scopes.length) {
      scopes = Arrays.copyOf(scopes, depth * 2);
    }
    scopes[depth++] = scope;
  }

  /** Reads the rest of a string whose opening quote was consumed, and its closing quote. */
  private String quoted() throws IOException {
    StringBuilder escaped = null;
    while (true) {
      long end = source.indexOfElement(QUOTE_OR_BACKSLASH);
      if (end == -1) {
        throw new EOFException("Unterminated string in etcd's JSON answer");
      }
      if (buffer.getByte(end) == '"') {
        String last = buffer.readUtf8(end);
        buffer.skip(1);
        return escaped == null ? last : escaped.append(last).toString();
      }
      if (escaped == null) {
        escaped = new StringBuilder();
      }
      escaped.append(buffer.readUtf8(end));
      buffer.skip(1);
      escaped.append(escape());
    }
  }

  private char escape() throws IOException {
    source.require(1);
    byte c = buffer.readByte();
    return switch (c) {
      case 'u' -> {
        source.require(4);
        String hex = buffer.readUtf8(4);
        try {
          yield (char) Integer.parseInt(hex, 16);
        } catch (NumberFormatException e) {
          throw syntax("Bad escape \\u" + hex);
        }
      }
      case 't' -> '\t';
      case 'b' -> '\b';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 'f' -> '\f';
      case '"', '\\', '/' -> (char) c;
      default -> throw syntax("Bad escape \\" + (char) c);
    };
  }

  /** Reads a number's text. */
  private String number() throws IOException {
    return buffer.readUtf8(numberLength());
  }

  /** {@return the length of the number that comes next} */
  private long numberLength() throws IOException {
    long length = 0;
    while (source.request(length + 1)) {
      byte b = buffer.getByte(length);
      if (!(b >= '0' && b <= '9' || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E')) {
        break;
      }
      length++;
    }
    return length;
  }

  /**
   * Skips the rest of a string whose opening quote was consumed, and its closing quote, checking
   * its escapes.
   */
  private void skipQuoted() throws IOException {
    while (true) {
      long end = source.indexOfElement(QUOTE_OR_BACKSLASH);
      if (end == -1) {
        throw new EOFException("Unterminated string in etcd's JSON answer");
      }
      boolean quote = buffer.getByte(end) == '"';
      buffer.skip(end + 1);
      if (quote) {
        return;
      }
      escape();
    }
  }

  private JsonEncodingException syntax(String message) {
    return new JsonEncodingException(
        message + " in etcd's JSON answer, at nesting depth " + (depth - 1));
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
