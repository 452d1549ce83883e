package link.etcd.cli;

import java.io.File;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import link.etcd.conf.ConfCategory;
import link.etcd.conf.ConfDriver;
import link.etcd.conf.Parameter;
import link.etcd.internal.SchemaStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code validate -f FILE --schema CLASS --classpath CP}: checks a file against a
 * {@code @ConfigSchema} interface before it is applied, by reading every value of the schema
 * through its generated accessor from the file, as the application will read them from etcd.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "validate",
    description = {
      "Check FILE against a @ConfigSchema interface before it is applied: every value converts to"
          + " its type, every value without a @Default is there, and no key is unknown to the"
          + " schema.",
      "FILE holds what is applied at the schema's last path: CATEGORY: {param: value}. Writes"
          + " nothing, needs no etcd."
    })
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-f", "--file"},
      required = true,
      paramLabel = "FILE",
      description = "a .yaml, .yml, .json or .properties file")
  Path file;

  @Option(
      names = "--schema",
      required = true,
      paramLabel = "CLASS",
      description = "the schema interface, such as com.example.AppConfig")
  String schema;

  @Option(
      names = "--classpath",
      paramLabel = "CP",
      description =
          "where the schema and its generated accessor are: directories and jars, separated by"
              + " the path separator (':' on Unix, ';' on Windows)")
  String classpath = "";

  @Override
  public Integer call() throws Exception {
    Object tree = TreeFile.read(file);
    try (URLClassLoader loader = new URLClassLoader(urls(), getClass().getClassLoader())) {
      Class<?> type = load(loader, schema, "the schema");
      Class<?> accessor =
          load(
              loader,
              schema + "Accessor",
              "the accessor link-etcd-processor generates from " + schema);
      List<String> paths = paths(accessor);
      String resource = paths.get(paths.size() - 1);
      FileConfDriver driver = FileConfDriver.of(file, resource, tree);
      Object instance = accessor.getConstructor(ConfDriver.class).newInstance(driver);
      List<String> problems = new ArrayList<>();
      Method[] methods = type.getMethods();
      Arrays.sort(methods, Comparator.comparing(Method::getName));
      for (Method method : methods) {
        if (method.getParameterCount() != 0
            || method.getReturnType() == void.class
            || Modifier.isStatic(method.getModifiers())) {
          continue;
        }
        try {
          method.invoke(instance);
        } catch (InvocationTargetException e) {
          if (!(e.getCause() instanceof IllegalStateException wrong)) {
            throw e;
          }
          problems.add(wrong.getMessage());
        }
      }
      Set<String> known = known(accessor);
      for (ConfCategory category : driver.configuration().categories()) {
        for (Parameter parameter : category.parameters()) {
          if (!known.contains(category.name() + "/" + parameter.name())) {
            problems.add(
                category.name()
                    + "/"
                    + parameter.name()
                    + " is not in "
                    + type.getSimpleName()
                    + "; check its spelling and category");
          }
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      if (problems.isEmpty()) {
        out.println(file + " fits " + schema + " (at /" + resource + ")");
        out.flush();
        return 0;
      }
      PrintWriter err = spec.commandLine().getErr();
      for (String problem : problems) {
        err.println("link-etcd: " + file + ": " + problem);
      }
      err.flush();
      return 2;
    }
  }

  private URL[] urls() {
    List<URL> urls = new ArrayList<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        try {
          urls.add(Path.of(entry).toAbsolutePath().toUri().toURL());
        } catch (MalformedURLException e) {
          throw new UserError("--classpath: '" + entry + "' is not a path");
        }
      }
    }
    return urls.toArray(URL[]::new);
  }

  private static Class<?> load(ClassLoader loader, String name, String what) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException e) {
      throw new UserError(
          "--schema: "
              + name
              + " ("
              + what
              + ") is not on --classpath; give the directories or jars that hold the compiled"
              + " schema");
    }
  }

  @SuppressWarnings("unchecked") // The processor declares PATHS as a List<String>.
  private static List<String> paths(Class<?> accessor) throws ReflectiveOperationException {
    return (List<String>) accessor.getField("PATHS").get(null);
  }

  /** {@return every CATEGORY/param the accessor declares} */
  private static Set<String> known(Class<?> accessor) throws IllegalAccessException {
    Set<String> known = new HashSet<>();
    for (Field field : accessor.getDeclaredFields()) {
      if (field.getType() == SchemaStore.Param.class && Modifier.isStatic(field.getModifiers())) {
        field.setAccessible(true);
        SchemaStore.Param<?> param = (SchemaStore.Param<?>) field.get(null);
        known.add(param.category() + "/" + param.name());
      }
    }
    return known;
  }
}
