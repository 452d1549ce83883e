package link.etcd.conf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A named, ordered group of parameters, the {@code [SECTION]} of an INI file or the {@code
 * /<path>/<CATEGORY>} directory in etcd. Parameter names are unique within a category.
 *
 * @param name the category's name, non-empty and without {@code /}
 * @param parameters the parameters in order
 */
public record ConfCategory(String name, List<Parameter> parameters) {
  /**
   * Checks the name, and that no parameter appears twice; {@code parameters} is copied.
   *
   * @param name the category's name, non-empty and without {@code /}
   * @param parameters the parameters in order
   * @throws IllegalArgumentException when the name is invalid or a parameter name appears twice
   */
  public ConfCategory {
    Names.check("category", name);
    parameters = List.copyOf(parameters);
    Map<String, Parameter> seen = new LinkedHashMap<>();
    for (Parameter parameter : parameters) {
      if (seen.put(parameter.name(), parameter) != null) {
        throw new IllegalArgumentException(
            "Parameter '" + parameter.name() + "' appears twice in category '" + name + "'");
      }
    }
  }

  /**
   * {@return a category holding {@code parameters} in the given order}
   *
   * @param name the category's name, non-empty and without {@code /}
   * @param parameters the parameters in order
   */
  public static ConfCategory of(String name, Parameter... parameters) {
    return new ConfCategory(name, List.of(parameters));
  }

  /**
   * {@return the parameter named {@code name}, or empty when this category has none}
   *
   * @param name the parameter's name
   */
  public Optional<Parameter> parameter(String name) {
    for (Parameter parameter : parameters) {
      if (parameter.name().equals(name)) {
        return Optional.of(parameter);
      }
    }
    return Optional.empty();
  }

  /**
   * {@return a copy without the parameter named {@code name}; this category when it has none}
   *
   * @param name the parameter's name
   */
  public ConfCategory without(String name) {
    List<Parameter> result = new ArrayList<>(parameters);
    return result.removeIf(parameter -> parameter.name().equals(name))
        ? new ConfCategory(this.name, result)
        : this;
  }

  /**
   * {@return a copy with {@code parameter} set: it replaces a parameter of the same name in place,
   * or is added at the end}
   *
   * @param parameter the parameter to set
   */
  public ConfCategory with(Parameter parameter) {
    List<Parameter> result = new ArrayList<>(parameters.size() + 1);
    boolean replaced = false;
    for (Parameter existing : parameters) {
      if (existing.name().equals(parameter.name())) {
        result.add(parameter);
        replaced = true;
      } else {
        result.add(existing);
      }
    }
    if (!replaced) {
      result.add(parameter);
    }
    return new ConfCategory(name, result);
  }
}
