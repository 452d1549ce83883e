package link.etcd.conf;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable, ordered configuration: categories of parameters, what one resource (an INI file, an
 * etcd directory) holds. Modifiers return new instances.
 *
 * <pre>{@code
 * Configuration conf = Configuration.empty()
 *     .with("MYCONF", "myparam", "hello")
 *     .with("MYCONF", "port", "8080");
 * }</pre>
 *
 * @param categories the categories in order, with unique names
 */
public record Configuration(List<ConfCategory> categories) {
  private static final Configuration EMPTY = new Configuration(List.of());

  /**
   * Checks that no category appears twice; {@code categories} is copied.
   *
   * @param categories the categories in order
   * @throws IllegalArgumentException when a category name appears twice
   */
  public Configuration {
    categories = List.copyOf(categories);
    Set<String> seen = new HashSet<>();
    for (ConfCategory category : categories) {
      if (!seen.add(category.name())) {
        throw new IllegalArgumentException("ConfCategory '" + category.name() + "' appears twice");
      }
    }
  }

  /** {@return a configuration without categories} */
  public static Configuration empty() {
    return EMPTY;
  }

  /**
   * {@return a configuration holding {@code categories} in the given order}
   *
   * @param categories the categories in order
   */
  public static Configuration of(ConfCategory... categories) {
    return new Configuration(List.of(categories));
  }

  /**
   * {@return the category named {@code name}, or empty}
   *
   * @param name the category's name
   */
  public Optional<ConfCategory> category(String name) {
    for (ConfCategory category : categories) {
      if (category.name().equals(name)) {
        return Optional.of(category);
      }
    }
    return Optional.empty();
  }

  /**
   * {@return the raw value of {@code parameter} in {@code category}, or empty when either is absent
   * or the parameter is a list}
   *
   * @param category the category's name
   * @param parameter the parameter's name
   */
  public Optional<String> value(String category, String parameter) {
    return parameter(category, parameter).map(Parameter::value);
  }

  /**
   * {@return {@code parameter} in {@code category}, or empty when either is absent}
   *
   * @param category the category's name
   * @param parameter the parameter's name
   */
  public Optional<Parameter> parameter(String category, String parameter) {
    return category(category).flatMap(c -> c.parameter(parameter));
  }

  /**
   * {@return a copy where {@code category}/{@code parameter} is {@code value}, creating the
   * category if needed}
   *
   * @param category the category's name
   * @param parameter the parameter's name
   * @param value the raw value
   */
  public Configuration with(String category, String parameter, String value) {
    return with(category, new Parameter(parameter, value));
  }

  /**
   * {@return a copy where {@code parameter} is set in {@code category}, creating the category if
   * needed}
   *
   * @param category the category's name
   * @param parameter the parameter to set
   */
  public Configuration with(String category, Parameter parameter) {
    ConfCategory existing =
        category(category).orElseGet(() -> new ConfCategory(category, List.of()));
    return with(existing.with(parameter));
  }

  /**
   * {@return a copy without {@code category}/{@code parameter}; this configuration when it has
   * none}
   *
   * @param category the category's name
   * @param parameter the parameter's name
   */
  public Configuration without(String category, String parameter) {
    return category(category).map(existing -> with(existing.without(parameter))).orElse(this);
  }

  /**
   * {@return a copy where {@code category} replaces the category of the same name, or is added at
   * the end}
   *
   * @param category the category to set
   */
  public Configuration with(ConfCategory category) {
    List<ConfCategory> result = new ArrayList<>(categories.size() + 1);
    boolean replaced = false;
    for (ConfCategory existing : categories) {
      if (existing.name().equals(category.name())) {
        result.add(category);
        replaced = true;
      } else {
        result.add(existing);
      }
    }
    if (!replaced) {
      result.add(category);
    }
    return new Configuration(result);
  }

  /**
   * {@return this configuration overlaid with {@code newer}: every parameter of {@code newer} wins,
   * parameters only here are kept (a list parameter is replaced as a whole), and order is this
   * one's followed by what only {@code newer} has}
   *
   * @param newer the configuration whose values win
   */
  public Configuration mergedWith(Configuration newer) {
    Configuration result = this;
    for (ConfCategory category : newer.categories) {
      for (Parameter parameter : category.parameters()) {
        result = result.with(category.name(), parameter);
      }
      if (category.parameters().isEmpty() && result.category(category.name()).isEmpty()) {
        result = result.with(category);
      }
    }
    return result;
  }
}
