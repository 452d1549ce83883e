package link.etcd.spring.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Where an application's configuration lives in etcd: under {@code prefix}, the contexts {@code
 * application}, {@code application,<profile>} for each profile, {@code <name>} and {@code
 * <name>,<profile>}, in increasing precedence.
 *
 * @param prefix the directory holding the contexts, such as {@code /config}
 * @param name the application's context, such as {@code shop}
 */
public record ConfigLayout(String prefix, String name) {
  /** The context every application reads. */
  public static final String SHARED = "application";

  /**
   * Normalises {@code prefix} to one leading {@code /} and no trailing one, and checks {@code
   * name}.
   *
   * @param prefix the directory holding the contexts
   * @param name the application's context
   */
  public ConfigLayout {
    String stripped = prefix.strip().replaceAll("^/+|/+$", "");
    prefix = "/" + stripped;
    if (name.isBlank() || name.contains("/")) {
      throw new IllegalArgumentException(
          "The application's context name must be a non-empty key segment but was '"
              + name
              + "'; set spring.application.name (or link.etcd.config.name)");
    }
  }

  /**
   * {@return the contexts for {@code profiles}, such as {@code /config/shop,prod}, lowest
   * precedence first, without repeats}
   *
   * @param profiles the active profiles, in their order
   */
  public List<String> contexts(List<String> profiles) {
    List<String> contexts = new ArrayList<>();
    for (String base : SHARED.equals(name) ? List.of(SHARED) : List.of(SHARED, name)) {
      contexts.add(path(base));
      for (String profile : profiles) {
        contexts.add(path(base + "," + profile));
      }
    }
    return contexts;
  }

  private String path(String context) {
    return "/".equals(prefix) ? "/" + context : prefix + "/" + context;
  }
}
