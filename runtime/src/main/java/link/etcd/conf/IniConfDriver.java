package link.etcd.conf;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps configurations in INI files (UTF-8 text: {@code [CATEGORY]} sections of {@code name =
 * value} lines, {@code #} and {@code ;} comment lines; a list parameter is written as {@code name/1
 * = ...}, {@code name/2 = ...} lines), looked up under a list of directories. {@link #standard()}
 * searches {@code /etc}, {@code ~/.config} and {@code $B3J0F_CONF_DIR}, in that order, as
 * b3j0f.conf did for the seed.
 *
 * <pre>{@code
 * IniConfDriver ini = new IniConfDriver(List.of(Path.of("/etc"), Path.of("conf")));
 * List<String> files = ini.resourcePaths("link/etcd/middleware.conf");
 * }</pre>
 */
public final class IniConfDriver implements ConfDriver {
  /** The environment variable naming the last, highest-priority configuration directory. */
  public static final String CONF_DIR_VARIABLE = "B3J0F_CONF_DIR";

  private final List<Path> directories;

  /**
   * Creates a driver that looks up configuration paths under {@code directories}, later ones
   * overriding.
   *
   * @param directories the directories searched, in override order
   */
  public IniConfDriver(List<Path> directories) {
    this.directories = List.copyOf(directories);
  }

  /**
   * {@return a driver over {@code /etc}, {@code ~/.config} and {@code $B3J0F_CONF_DIR} (when set)}
   */
  public static IniConfDriver standard() {
    return standard(System.getenv(), System.getProperty("user.home"));
  }

  static IniConfDriver standard(Map<String, String> environment, String userHome) {
    List<Path> directories = new ArrayList<>();
    directories.add(Path.of("/etc"));
    directories.add(Path.of(userHome, ".config"));
    String confDir = environment.get(CONF_DIR_VARIABLE);
    if (confDir != null && !confDir.isEmpty()) {
      directories.add(Path.of(confDir));
    }
    return new IniConfDriver(directories);
  }

  /** Returns {@code <directory>/<path>} for every directory, whether or not the file exists. */
  @Override
  public List<String> resourcePaths(String path) {
    String relative = path.startsWith("/") ? path.substring(1) : path;
    List<String> result = new ArrayList<>(directories.size());
    for (Path directory : directories) {
      result.add(directory.resolve(relative).toString());
    }
    return result;
  }

  /**
   * Parses the INI file at {@code resourcePath}: UTF-8 text, with or without a byte order mark.
   *
   * @throws IllegalArgumentException naming the file and line of every line that is neither a
   *     section, an assignment, a comment nor blank, or of the first byte that is not UTF-8
   * @throws UncheckedIOException when the file exists but cannot be read
   */
  @Override
  public Optional<Configuration> load(String resourcePath) {
    return read(resourcePath).map(lines -> parse(resourcePath, lines));
  }

  /**
   * {@return the file and line that set {@code parameter} of {@code category}, such as {@code
   * /etc/x.conf:3}}
   */
  @Override
  public String locate(String resourcePath, String category, String parameter) {
    try {
      Integer line =
          read(resourcePath)
              .map(lines -> parsed(resourcePath, lines).lines().get(List.of(category, parameter)))
              .orElse(null);
      return line == null ? resourcePath : resourcePath + ":" + line;
    } catch (RuntimeException e) {
      return resourcePath;
    }
  }

  /** Reads the file's lines, or nothing when it does not exist. */
  private static Optional<List<String>> read(String resourcePath) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(Path.of(resourcePath));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resourcePath + ": " + e.getMessage(), e);
    }
    return Optional.of(lines(resourcePath, bytes));
  }

  /**
   * Decodes the file as UTF-8, without the byte order mark some editors write, and splits it into
   * lines. A byte that is not UTF-8 (a Latin-1 file, say) is refused with its line, rather than
   * read as something else.
   */
  static List<String> lines(String resourcePath, byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int offset = in.position();
      int line = 1;
      for (int i = 0; i < offset; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s:%d: byte 0x%02X is not UTF-8; save the file as UTF-8",
              resourcePath,
              line,
              bytes[offset] & 0xff));
    }
    decoder.flush(out);
    String text = out.flip().toString();
    return (text.startsWith("\uFEFF") ? text.substring(1) : text).lines().toList();
  }

  /**
   * Writes {@code conf} merged into the file's current content, through a temporary file and an
   * atomic move.
   */
  @Override
  public void save(String resourcePath, Configuration conf) {
    write(resourcePath, load(resourcePath).orElseGet(Configuration::empty).mergedWith(conf));
  }

  /**
   * Writes the file without {@code category}/{@code parameter}, as {@link #save} writes it; no
   * file, no write.
   */
  @Override
  public void remove(String resourcePath, String category, String parameter) {
    Configuration current = load(resourcePath).orElse(null);
    if (current != null && current.parameter(category, parameter).isPresent()) {
      write(resourcePath, current.without(category, parameter));
    }
  }

  private static void write(String resourcePath, Configuration conf) {
    Path file = Path.of(resourcePath);
    String text = format(conf);
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + resourcePath + ": " + e.getMessage(), e);
    }
  }

  static Configuration parse(String source, List<String> lines) {
    return parsed(source, lines).conf();
  }

  /**
   * A parsed file: its configuration, and the line that set each parameter, keyed by [category,
   * name].
   */
  private record Parsed(Configuration conf, Map<List<String>, Integer> lines) {}

  /**
   * Parses every line, then reports every mistake at once, each with its file and line; never
   * quotes a value.
   */
  private static Parsed parsed(String source, List<String> lines) {
    Configuration conf = Configuration.empty();
    Map<List<String>, Integer> numbers = new HashMap<>();
    List<String> mistakes = new ArrayList<>();
    String category = null;
    boolean badSection = false;
    for (int i = 0; i < lines.size(); i++) {
      String where = source + ":" + (i + 1) + ": ";
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        category = line.substring(1, line.length() - 1).strip();
        badSection = false;
        try {
          if (conf.category(category).isEmpty()) {
            conf = conf.with(new ConfCategory(category, List.of()));
          }
        } catch (IllegalArgumentException e) {
          mistakes.add(where + e.getMessage());
          badSection = true;
        }
        continue;
      }
      int separator = separatorIndex(line);
      if (separator < 0) {
        String first = line.split("\\s+", 2)[0];
        mistakes.add(
            where
                + "expected '[SECTION]' or 'name = value' but the line "
                + (first.equals(line) ? "" : "starting '" + first + "' ")
                + "has no '=' or ':'");
        continue;
      }
      String name = line.substring(0, separator).strip();
      if (category == null) {
        mistakes.add(where + "'" + name + "' comes before any [SECTION] header");
        continue;
      }
      if (badSection) {
        continue;
      }
      String value = line.substring(separator + 1).strip();
      try {
        Parameter parameter = parameter(conf, category, name, value);
        conf = conf.with(category, parameter);
        numbers.putIfAbsent(List.of(category, parameter.name()), i + 1);
        if (!parameter.isList()) {
          numbers.put(List.of(category, parameter.name()), i + 1);
        }
      } catch (IllegalArgumentException e) {
        mistakes.add(where + e.getMessage());
      }
    }
    if (!mistakes.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", mistakes));
    }
    return new Parsed(conf, numbers);
  }

  /**
   * Returns the parameter that line {@code name = value} sets; {@code name/<n> = value} adds list
   * item n.
   */
  private static Parameter parameter(
      Configuration conf, String category, String name, String value) {
    int slash = name.lastIndexOf('/');
    if (slash < 0) {
      return new Parameter(name, value);
    }
    String list = name.substring(0, slash);
    List<String> items = conf.parameter(category, list).map(Parameter::items).orElse(List.of());
    String expected = list + "/" + (items.size() + 1);
    if (!name.equals(expected)) {
      throw new IllegalArgumentException(
          "expected list item '"
              + expected
              + "' but was '"
              + name
              + "'; number list items 1, 2, ... in order");
    }
    List<String> more = new ArrayList<>(items);
    more.add(value);
    return Parameter.list(list, more);
  }

  private static int separatorIndex(String line) {
    int equals = line.indexOf('=');
    int colon = line.indexOf(':');
    if (equals < 0) {
      return colon;
    }
    return colon < 0 ? equals : Math.min(equals, colon);
  }

  static String format(Configuration conf) {
    StringBuilder out = new StringBuilder();
    for (ConfCategory category : conf.categories()) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append('[').append(category.name()).append("]\n");
      for (Parameter parameter : category.parameters()) {
        List<String> items = parameter.items();
        if (items == null) {
          line(out, category.name(), parameter.name(), requireNonNull(parameter.value()));
        } else {
          for (int i = 0; i < items.size(); i++) {
            line(out, category.name(), parameter.name() + "/" + (i + 1), items.get(i));
          }
        }
      }
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String category, String name, String value) {
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      throw new IllegalArgumentException(
          "INI files cannot hold a line break in " + category + "/" + name);
    }
    if (!value.equals(value.strip())) {
      throw new IllegalArgumentException(
          "INI files cannot keep the leading or trailing spaces of the value of "
              + category
              + "/"
              + name);
    }
    if (name.indexOf('=') >= 0
        || name.indexOf(':') >= 0
        || name.startsWith("#")
        || name.startsWith(";")
        || name.startsWith("[")) {
      throw new IllegalArgumentException(
          "INI files cannot hold the parameter name '"
              + name
              + "' of "
              + category
              + ": it contains '=' or ':', or starts with '#', ';' or '['");
    }
    out.append(name).append(" = ").append(value).append('\n');
  }
}
