package link.etcd.middleware;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which directories read as lists. Without a declared type, only a directory whose children are
 * named exactly {@code 1} to {@code n} (what {@code set} writes for a list): so writing back what
 * was read never renames a key. A declared collection or array takes any directory whose children
 * are all named by decimal numbers (items, or etcd's in-order keys), in the numeric order of the
 * names.
 */
final class ListRule {
  private ListRule() {}

  /**
   * Returns {@code tree}, read with every directory a map, with each map keyed exactly {@code 1} to
   * {@code n} turned into a list in that order, at any depth: what an untyped {@code get} returns.
   * The maps of {@code tree} are the caller's fresh, mutable ones: their values are replaced in
   * place, and a map that stays a map is returned itself.
   */
  static @Nullable Object untyped(@Nullable Object tree) {
    if (!(tree instanceof Map<?, ?> map)) {
      return tree;
    }
    @SuppressWarnings("unchecked") // A decoded directory: its keys are names, its values trees.
    Map<String, Object> children = (Map<String, Object>) map;
    // The children by item number while every name so far is one of 1 to n (names are distinct).
    @Nullable Object @Nullable [] items = children.isEmpty() ? null : new Object[children.size()];
    for (Map.Entry<String, Object> child : children.entrySet()) {
      Object value = child.getValue();
      if (value instanceof Map<?, ?>) {
        value = requireNonNull(untyped(value));
        child.setValue(value);
      }
      if (items != null) {
        int item = itemNumber(child.getKey(), items.length);
        if (item >= 1) {
          items[item - 1] = value;
        } else {
          items = null;
        }
      }
    }
    return items == null ? children : new ArrayList<>(Arrays.asList(items));
  }

  /**
   * Returns the number {@code name} writes, in 1..max and without leading zeros, or 0 when it is
   * not one.
   */
  private static int itemNumber(String name, int max) {
    if (name.isEmpty() || name.length() > 10 || name.charAt(0) == '0') {
      return 0;
    }
    long number = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') {
        return 0;
      }
      number = number * 10 + (c - '0');
    }
    return number <= max ? (int) number : 0;
  }

  /**
   * Whether {@code name} is a decimal number of any length: an item a declared list or array reads.
   */
  static boolean isNumber(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** Compares two decimal numbers of any length by value: {@code "9" < "010"}. */
  static int compareNumbers(String a, String b) {
    int startA = firstSignificant(a);
    int startB = firstSignificant(b);
    int byLength = Integer.compare(a.length() - startA, b.length() - startB);
    if (byLength != 0) {
      return byLength;
    }
    for (int i = startA, j = startB; i < a.length(); i++, j++) {
      int byDigit = Character.compare(a.charAt(i), b.charAt(j));
      if (byDigit != 0) {
        return byDigit;
      }
    }
    return 0;
  }

  private static int firstSignificant(String number) {
    int i = 0;
    while (i < number.length() - 1 && number.charAt(i) == '0') {
      i++;
    }
    return i;
  }
}
