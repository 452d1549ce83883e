package link.etcd.conf;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One named configuration value, kept as the raw string it is stored as; typed conversion happens
 * in the code that reads it. A parameter holds either one {@link #value} or a list of {@link
 * #items}, which etcd stores as the seed's list items {@code <param>/1}, {@code <param>/2}, ... and
 * INI files as {@code param/1 = ...} lines.
 *
 * @param name the parameter's name, non-empty and without {@code /}
 * @param value the raw stored value, or null when this parameter is a list
 * @param items the raw stored items in order, or null when this parameter holds one value
 */
public record Parameter(String name, @Nullable String value, @Nullable List<String> items) {
  /**
   * Checks the name, and that the parameter has either a value or items; {@code items} is copied.
   *
   * @param name the parameter's name, non-empty and without {@code /}
   * @param value the raw stored value, or null when this parameter is a list
   * @param items the raw stored items in order, or null when this parameter holds one value
   * @throws IllegalArgumentException when the name is invalid, or both or neither of value and
   *     items are given
   */
  public Parameter {
    Names.check("parameter", name);
    if ((value == null) == (items == null)) {
      throw new IllegalArgumentException(
          "Parameter '"
              + name
              + "' must have either a value or items, not "
              + (value == null ? "neither" : "both"));
    }
    if (items != null) {
      items = List.copyOf(items);
    }
  }

  /**
   * Creates a parameter holding one raw value.
   *
   * @param name the parameter's name, non-empty and without {@code /}
   * @param value the raw stored value
   */
  public Parameter(String name, String value) {
    this(name, value, null);
  }

  /**
   * {@return a parameter holding a list of raw items, stored as {@code <name>/1}, {@code <name>/2},
   * ..}
   *
   * @param name the parameter's name, non-empty and without {@code /}
   * @param items the raw items in order
   */
  public static Parameter list(String name, List<String> items) {
    return new Parameter(name, null, items);
  }

  /** {@return whether this parameter holds a list of items rather than one value} */
  public boolean isList() {
    return items != null;
  }
}
