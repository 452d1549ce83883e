package link.etcd.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import link.etcd.conf.ConfCategory;
import link.etcd.conf.ConfDriver;
import link.etcd.conf.Configuration;
import link.etcd.conf.Parameter;

/**
 * Serves a file's tree, read-only, as the configuration at one path ({@code CATEGORY/param} values,
 * lists as items), so that a schema's generated accessor reads it as it would read etcd.
 */
final class FileConfDriver implements ConfDriver {
  private final String resource;
  private final Configuration configuration;

  private FileConfDriver(String resource, Configuration configuration) {
    this.resource = resource;
    this.configuration = configuration;
  }

  /**
   * {@return a driver serving {@code tree}, read from {@code file}, at {@code resource}}
   *
   * @throws UserError when the tree is not categories of parameters
   */
  static FileConfDriver of(Path file, String resource, Object tree) {
    if (!(tree instanceof Map<?, ?> categories)) {
      throw new UserError(file + ": expected categories (CATEGORY: {param: value}) at the top");
    }
    List<ConfCategory> list = new ArrayList<>();
    for (Map.Entry<?, ?> category : categories.entrySet()) {
      String name = (String) category.getKey();
      if (!(category.getValue() instanceof Map<?, ?> params)) {
        throw new UserError(
            file + ": '" + name + "' holds a value; a category holds parameters (param: value)");
      }
      List<Parameter> parameters = new ArrayList<>();
      for (Map.Entry<?, ?> param : params.entrySet()) {
        parameters.add(parameter(file, name, (String) param.getKey(), param.getValue()));
      }
      list.add(new ConfCategory(name, parameters));
    }
    return new FileConfDriver(resource, new Configuration(list));
  }

  private static Parameter parameter(Path file, String category, String name, Object value) {
    if (value instanceof String text) {
      return new Parameter(name, text);
    }
    if (value instanceof List<?> items && items.stream().allMatch(String.class::isInstance)) {
      return Parameter.list(name, items.stream().map(String.class::cast).toList());
    }
    throw new UserError(
        file
            + ": "
            + category
            + "/"
            + name
            + " holds a tree; a parameter holds a value or a list of values");
  }

  @Override
  public List<String> resourcePaths(String path) {
    return List.of(path);
  }

  @Override
  public Optional<Configuration> load(String resourcePath) {
    return resourcePath.equals(resource) ? Optional.of(configuration) : Optional.empty();
  }

  @Override
  public void save(String resourcePath, Configuration conf) {
    throw new UnsupportedOperationException("validate reads a file; it writes nothing");
  }

  @Override
  public void remove(String resourcePath, String category, String parameter) {
    throw new UnsupportedOperationException("validate reads a file; it writes nothing");
  }

  /** {@return the configuration served} */
  Configuration configuration() {
    return configuration;
  }
}
