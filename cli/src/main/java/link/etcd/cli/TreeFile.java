package link.etcd.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads a file given with {@code -f} into a tree of maps, lists and strings, as etcd will hold it.
 *
 * <ul>
 *   <li>{@code .yaml} / {@code .yml}: YAML 1.2, read as a node graph (snakeyaml-engine's composer),
 *       never constructed into Java types: every scalar is stored as its text exactly as written
 *       ({@code on}, {@code 0x10}, {@code 1e3}, {@code 010} stay those strings). A plain {@code
 *       null}, {@code ~} or an empty value is refused: etcd holds strings, so write {@code ""} or
 *       leave the key out. Duplicate keys and keys that are not scalars are refused.
 *   <li>{@code .json}: read the same way (JSON is YAML 1.2); {@code 1.50} stays {@code 1.50}.
 *   <li>{@code .properties}: {@code java.util.Properties}; a key's dots nest ({@code db.host} is
 *       {@code db/host}), and a directory whose children are {@code 1} to {@code n} is a list.
 * </ul>
 *
 * Every error names the file, and for YAML and JSON the line and column.
 */
final class TreeFile {
  private TreeFile() {}

  /** Reads {@code file}; throws {@link UserError} with a one-line message on any problem. */
  static Object read(Path file) {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    String text = text(file);
    if (lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json")) {
      return yaml(file, text);
    }
    if (lower.endsWith(".properties")) {
      return properties(file, text);
    }
    throw new UserError(file + ": unknown file type; name it .yaml, .yml, .json or .properties");
  }

  private static String text(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (NoSuchFileException e) {
      throw new UserError(file + ": no such file");
    } catch (CharacterCodingException e) {
      throw new UserError(file + ": not UTF-8 text; save it as UTF-8");
    } catch (IOException e) {
      throw new UserError(file + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  private static Object yaml(Path file, String text) {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(file.toString())
            .setSchema(new CoreSchema())
            .setAllowRecursiveKeys(false)
            .build();
    Optional<Node> root;
    try {
      root = new Compose(settings).composeString(text);
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
      throw new UserError(
          at(file, mark) + "invalid " + kind(file) + ": " + oneLine(e.getProblem()));
    } catch (YamlEngineException e) {
      throw new UserError(file + ": invalid " + kind(file) + ": " + oneLine(e.getMessage()));
    }
    if (root.isEmpty()) {
      throw new UserError(file + ": the file is empty; write the tree as a mapping of keys");
    }
    if (!(root.get() instanceof MappingNode) && !(root.get() instanceof SequenceNode)) {
      throw new UserError(
          at(file, root.get().getStartMark())
              + "the file holds a single value; write the tree as a mapping of keys");
    }
    return node(file, root.get(), new ArrayList<>());
  }

  private static Object node(Path file, Node node, List<Node> path) {
    if (path.stream().anyMatch(seen -> seen == node)) {
      throw new UserError(
          at(file, node.getStartMark()) + "an alias refers to a node that holds it");
    }
    if (node instanceof ScalarNode scalar) {
      if (scalar.isPlain() && scalar.getTag().equals(Tag.NULL)) {
        throw new UserError(
            at(file, node.getStartMark())
                + "no value (null); etcd holds strings: write \"\" for an empty value, or leave"
                + " the key out");
      }
      return scalar.getValue();
    }
    path.add(node);
    try {
      if (node instanceof SequenceNode sequence) {
        List<Object> items = new ArrayList<>();
        for (Node item : sequence.getValue()) {
          items.add(node(file, item, path));
        }
        return items;
      }
      Map<String, Object> map = new LinkedHashMap<>();
      for (NodeTuple tuple : ((MappingNode) node).getValue()) {
        if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
          throw new UserError(
              at(file, tuple.getKeyNode().getStartMark())
                  + "a key must be a plain name, not a list or a mapping");
        }
        if (map.containsKey(key.getValue())) {
          throw new UserError(
              at(file, key.getStartMark()) + "duplicate key '" + key.getValue() + "'");
        }
        map.put(key.getValue(), node(file, tuple.getValueNode(), path));
      }
      return map;
    } finally {
      path.remove(path.size() - 1);
    }
  }

  private static String kind(Path file) {
    return file.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json") ? "JSON" : "YAML";
  }

  private static String at(Path file, Optional<Mark> mark) {
    return mark.map(m -> file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1) + ": ")
        .orElse(file + ": ");
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s*\\n\\s*", " ");
  }

  private static Object properties(Path file, String text) {
    Properties properties = new Properties();
    try (Reader reader = new java.io.StringReader(text)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new UserError(file + ": invalid properties: " + oneLine(e.getMessage()));
    }
    Map<String, Object> root = new LinkedHashMap<>();
    for (String key : new java.util.TreeSet<>(properties.stringPropertyNames())) {
      String[] segments = key.split("\\.", -1);
      Map<String, Object> dir = root;
      for (int i = 0; i < segments.length - 1; i++) {
        Object child = dir.computeIfAbsent(segments[i], s -> new LinkedHashMap<String, Object>());
        if (!(child instanceof Map<?, ?>)) {
          throw new UserError(
              file
                  + ": key '"
                  + key
                  + "' puts a value under '"
                  + prefix(segments, i)
                  + "', which has one itself");
        }
        @SuppressWarnings("unchecked") // Built here: every directory is a Map<String, Object>.
        Map<String, Object> next = (Map<String, Object>) child;
        dir = next;
      }
      String last = segments[segments.length - 1];
      if (dir.get(last) instanceof Map<?, ?>) {
        throw new UserError(
            file
                + ": key '"
                + key
                + "' has a value and keys under it; etcd holds one or the other");
      }
      dir.put(last, properties.getProperty(key));
    }
    return lists(root);
  }

  private static String prefix(String[] segments, int last) {
    return String.join(".", java.util.Arrays.asList(segments).subList(0, last + 1));
  }

  /** Turns every map keyed exactly {@code 1} to {@code n} into a list, as etcd reads one back. */
  private static Object lists(Object tree) {
    if (!(tree instanceof Map<?, ?> map)) {
      return tree;
    }
    Map<String, Object> converted = new LinkedHashMap<>();
    map.forEach((key, value) -> converted.put((String) key, lists(value)));
    for (int i = 1; i <= converted.size(); i++) {
      if (!converted.containsKey(Integer.toString(i))) {
        return converted;
      }
    }
    if (converted.isEmpty()) {
      return converted;
    }
    List<Object> items = new ArrayList<>();
    for (int i = 1; i <= converted.size(); i++) {
      items.add(converted.get(Integer.toString(i)));
    }
    return items;
  }
}
