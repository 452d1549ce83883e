package link.etcd.middleware;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import link.etcd.internal.Keys;
import link.etcd.internal.TextValues;
import org.jspecify.annotations.Nullable;

/**
 * Checks a whole value before anything is written and turns it into a {@link TreeNode}: scalars
 * (and the value types of {@link TextValues}, as their standard string form) become leaves, maps
 * become directories, collections and arrays become directories of items {@code 1}, {@code 2}, ...
 * in iteration order, an {@code Optional} is its value (an empty one in a map is left out), an
 * {@link Expiring} gives its value a TTL, and any other object is first turned into maps, lists and
 * scalars by Moshi ({@link TypeMapping}). Every refusal is an {@link IllegalArgumentException}
 * naming the etcd path of the offending part.
 */
final class TreeValidator {
  /**
   * The most directories nested in one written value. Deeper trees are read back (etcd's key length
   * allows about 1,900 levels), but validating one recursively could overflow the caller's stack.
   */
  static final int MAX_DEPTH = 500;

  /**
   * The maps, lists and arrays from the root of the value to the one being checked, to detect
   * cycles.
   */
  private final Set<Object> path = Collections.newSetFromMap(new IdentityHashMap<>());

  private final String root;
  private final TypeMapping mapping;

  private TreeValidator(String root, TypeMapping mapping) {
    this.root = root;
    this.mapping = mapping;
  }

  /**
   * Validates {@code value}, mapping objects other than maps, lists, arrays and scalars with {@code
   * mapping}.
   */
  static TreeNode validate(String key, @Nullable Object value, TypeMapping mapping) {
    return new TreeValidator(key, mapping).node(key, value);
  }

  /** Returns the string form of a scalar, or {@code null} when {@code value} is not a scalar. */
  static @Nullable String scalar(Object value) {
    if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
      return null;
    }
    if (value instanceof CharSequence || value instanceof Character || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof Number) {
      return value.toString();
    }
    if (value instanceof Enum<?> constant) {
      return constant.name();
    }
    if (TextValues.supports(value.getClass())) {
      return TextValues.format(value);
    }
    return null;
  }

  private TreeNode node(String key, @Nullable Object value) {
    if (value instanceof Expiring expiring) {
      if (key.equals("/")) {
        throw new IllegalArgumentException(
            "The root / cannot expire; give a TTL to the keys under it");
      }
      return node(key, expiring.value(), expiring.ttl());
    }
    return node(key, value, null);
  }

  private TreeNode node(String key, @Nullable Object value, @Nullable Duration ttl) {
    if (value instanceof Optional<?> optional) {
      value = optional.orElse(null);
    }
    if (value == null) {
      throw new IllegalArgumentException(
          "null value at " + key + "; etcd holds strings: leave the entry out, or write \"\"");
    }
    String scalar = scalar(value);
    if (scalar != null) {
      Keys.encode(key);
      Keys.checkValue(scalar, key);
      return new TreeNode.Leaf(scalar, ttl);
    }
    if (!(value instanceof Map<?, ?>
        || value instanceof Collection<?>
        || value.getClass().isArray())) {
      Keys.encode(key);
      return node(key, mapping.toJsonValue(value, key), ttl);
    }
    if (!path.add(value)) {
      throw new IllegalArgumentException(
          "Cycle at " + key + ": a map, list or array contains itself");
    }
    if (path.size() > MAX_DEPTH) {
      throw new IllegalArgumentException(
          "The value written at "
              + root
              + " nests more than "
              + MAX_DEPTH
              + " maps, lists or arrays; write its deepest parts with separate calls");
    }
    Keys.encode(key);
    Map<String, TreeNode> children = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (entry.getValue() instanceof Optional<?> optional && optional.isEmpty()) {
          continue;
        }
        String name = segment(key, entry.getKey());
        if (children.containsKey(name)) {
          throw new IllegalArgumentException(
              "Two map keys of " + key + " both write " + Keys.child(key, name));
        }
        children.put(name, node(Keys.child(key, name), entry.getValue()));
      }
    } else if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        String name = Integer.toString(++i);
        children.put(name, node(Keys.child(key, name), item));
      }
    } else {
      int length = Array.getLength(value);
      for (int i = 0; i < length; i++) {
        String name = Integer.toString(i + 1);
        children.put(name, node(Keys.child(key, name), Array.get(value, i)));
      }
    }
    path.remove(value);
    return new TreeNode.Dir(children, ttl);
  }

  private static String segment(String parent, @Nullable Object mapKey) {
    if (mapKey == null) {
      throw new IllegalArgumentException("null map key in " + parent);
    }
    String name = mapKey instanceof Enum<?> constant ? constant.name() : scalar(mapKey);
    if (name == null) {
      throw new IllegalArgumentException(
          "Unsupported map key of type "
              + mapKey.getClass().getName()
              + " in "
              + parent
              + "; use a String, a Number, a Character or an Enum");
    }
    Keys.checkSegment(name, Keys.child(parent, name));
    return name;
  }
}
