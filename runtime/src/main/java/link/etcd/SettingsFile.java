package link.etcd;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import link.etcd.conf.ConfCategory;
import link.etcd.conf.ConfDriver;
import link.etcd.conf.Configuration;
import link.etcd.conf.Parameter;

/**
 * Reads {@link EtcdSettings} from the {@code [ETCD]} category of {@code middleware.conf}: every
 * resource the driver lists, later ones overriding earlier ones, over the defaults. Every mistake
 * of every file is reported in one {@link IllegalArgumentException}, one line each, with the file
 * and line where the driver knows it. What was read and ignored goes with the settings, for a
 * connection error to say (see {@link SettingsFilesNote}).
 */
final class SettingsFile {
  private static final System.Logger LOG = System.getLogger(EtcdSettings.class.getName());

  /**
   * Where a {@code middleware.conf} is put by mistake, relative to each directory searched: right
   * in it, or in a folder of its own but not {@code link/etcd/}.
   */
  private static final List<String> MISPLACED =
      List.of("middleware.conf", "link/middleware.conf", "etcd/middleware.conf");

  private SettingsFile() {}

  static EtcdSettings load(ConfDriver driver) {
    EtcdSettings.Builder builder = EtcdSettings.builder();
    List<String> mistakes = new ArrayList<>();
    SettingsFilesNote note = new SettingsFilesNote();
    List<String> resources = driver.resourcePaths(EtcdSettings.CONF_PATH);
    for (String resource : resources) {
      Optional<Configuration> conf;
      try {
        conf = driver.load(resource);
      } catch (IllegalArgumentException e) {
        mistakes.add(e.getMessage());
        continue;
      }
      if (conf.isEmpty()) {
        note.missing(resource);
        continue;
      }
      Optional<ConfCategory> etcd = conf.get().category(EtcdSettings.CONF_CATEGORY);
      note.read(resource, etcd.orElse(null), conf.get().categories());
      if (etcd.isPresent()) {
        read(driver, resource, etcd.get(), builder, mistakes);
      }
    }
    for (String misplaced : MISPLACED) {
      List<String> paths = driver.resourcePaths(misplaced);
      for (int i = 0; i < paths.size() && i < resources.size(); i++) {
        if (exists(driver, paths.get(i))) {
          note.misplaced(paths.get(i), resources.get(i));
        }
      }
    }
    if (!mistakes.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", mistakes));
    }
    String text = note.text();
    if (note.ignoredSomething()) {
      LOG.log(System.Logger.Level.WARNING, text);
    }
    return SettingsFilesNote.attach(builder.build(), text);
  }

  /** Whether {@code resource} exists, whether or not it parses. */
  private static boolean exists(ConfDriver driver, String resource) {
    try {
      return driver.load(resource).isPresent();
    } catch (IllegalArgumentException e) {
      return true;
    } catch (UncheckedIOException e) {
      return false;
    }
  }

  /**
   * Sets {@code builder} from the options of one resource, and adds to {@code mistakes} those that
   * do not parse, then those that the builder refuses among the options this resource sets.
   */
  private static void read(
      ConfDriver driver,
      String resource,
      ConfCategory etcd,
      EtcdSettings.Builder builder,
      List<String> mistakes) {
    int before = mistakes.size();
    Set<String> set = new HashSet<>();
    for (Parameter parameter : etcd.parameters()) {
      set.add(parameter.name());
      try {
        String value = parameter.value();
        if (value == null) {
          throw new IllegalArgumentException(
              "Option '"
                  + parameter.name()
                  + "' takes one value, not list items "
                  + parameter.name()
                  + "/1, ...");
        }
        builder.option(parameter.name(), value);
      } catch (IllegalArgumentException e) {
        mistakes.add(where(driver, resource, parameter.name()) + e.getMessage());
      }
    }
    if (mistakes.size() > before) {
      return;
    }
    for (EtcdSettings.Problem problem : builder.problems()) {
      if (set.contains(problem.option())) {
        mistakes.add(where(driver, resource, problem.option()) + problem.message());
      }
    }
  }

  private static String where(ConfDriver driver, String resource, String option) {
    return driver.locate(resource, EtcdSettings.CONF_CATEGORY, option)
        + ": ["
        + EtcdSettings.CONF_CATEGORY
        + "] ";
  }
}
