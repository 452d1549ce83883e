package link.etcd;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import link.etcd.conf.ConfCategory;
import link.etcd.conf.ConfDriver;
import link.etcd.conf.Parameter;

/**
 * Reads {@link EtcdSettings} from the {@code [ETCD]} category of {@code middleware.conf}: every
 * resource the driver lists, later ones overriding earlier ones, over the defaults. Every mistake
 * of every file is reported in one {@link IllegalArgumentException}, one line each, with the file
 * and line where the driver knows it.
 */
final class SettingsFile {
  private SettingsFile() {}

  static EtcdSettings load(ConfDriver driver) {
    EtcdSettings.Builder builder = EtcdSettings.builder();
    List<String> mistakes = new ArrayList<>();
    for (String resource : driver.resourcePaths(EtcdSettings.CONF_PATH)) {
      Optional<ConfCategory> etcd;
      try {
        etcd = driver.load(resource).flatMap(conf -> conf.category(EtcdSettings.CONF_CATEGORY));
      } catch (IllegalArgumentException e) {
        mistakes.add(e.getMessage());
        continue;
      }
      if (etcd.isPresent()) {
        read(driver, resource, etcd.get(), builder, mistakes);
      }
    }
    if (!mistakes.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", mistakes));
    }
    return builder.build();
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
