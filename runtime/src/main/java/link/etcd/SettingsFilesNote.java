package link.etcd;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import link.etcd.conf.ConfCategory;
import org.jspecify.annotations.Nullable;

/**
 * What {@link SettingsFile} found in each {@code middleware.conf}, written as the note that a
 * connection error adds when no file gave any option, or when something meant for the settings was
 * ignored: a section named {@code [ETCD]} but for case or one typo ({@code [etcd]}, {@code
 * [ETDC]}), or a {@code middleware.conf} outside the {@code link/etcd/} folder where it is looked
 * for. The user then sees why the endpoint is not the one they set.
 */
final class SettingsFilesNote {
  /**
   * The notes of the settings {@link SettingsFile#load} returned, each held as long as its settings
   * are: the note is not part of the settings' value, so it is looked up by identity.
   */
  private static final Map<EtcdSettings, Attached> NOTES =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** A note and the one settings instance it belongs to. */
  private record Attached(WeakReference<EtcdSettings> owner, String text) {}

  private final List<String> files = new ArrayList<>();
  private int optionsTaken;
  private boolean ignored;

  /** {@return {@code settings}, with {@code text} as its note} */
  static EtcdSettings attach(EtcdSettings settings, @Nullable String text) {
    if (text != null) {
      NOTES.put(settings, new Attached(new WeakReference<>(settings), text));
    }
    return settings;
  }

  /** {@return the note of this very {@code settings} instance, or null} */
  static @Nullable String of(EtcdSettings settings) {
    Attached attached = NOTES.get(settings);
    return attached != null && attached.owner().get() == settings ? attached.text() : null;
  }

  void missing(String resource) {
    files.add(resource + ": does not exist");
  }

  /** One file that was read: the options taken from {@code [ETCD]}, and the sections ignored. */
  void read(String resource, @Nullable ConfCategory etcd, List<ConfCategory> categories) {
    List<String> found = new ArrayList<>();
    if (etcd != null) {
      optionsTaken += etcd.parameters().size();
      found.add(options(etcd) + " from [" + EtcdSettings.CONF_CATEGORY + "]");
    }
    for (ConfCategory category : categories) {
      String name = category.name();
      if (!name.equals(EtcdSettings.CONF_CATEGORY) && looksLikeEtcd(name)) {
        ignored = true;
        found.add(
            "section ["
                + name
                + "] ignored ("
                + options(category)
                + "): the section is ["
                + EtcdSettings.CONF_CATEGORY
                + "]"
                + (name.equalsIgnoreCase(EtcdSettings.CONF_CATEGORY) ? ", in capitals" : ""));
      }
    }
    if (found.isEmpty()) {
      found.add("no [" + EtcdSettings.CONF_CATEGORY + "] section");
    }
    files.add(resource + ": " + String.join("; ", found));
  }

  /**
   * A file at {@code misplaced} that is not read, since settings are read from {@code resource}.
   */
  void misplaced(String misplaced, String resource) {
    ignored = true;
    files.add(misplaced + ": not read; move it to " + resource);
  }

  /**
   * {@return the note, or {@code null} when options were taken and nothing that looks meant for
   * them was ignored}
   */
  @Nullable String text() {
    if (optionsTaken > 0 && !ignored) {
      return null;
    }
    return (optionsTaken == 0
            ? "No middleware.conf gave any option, so these settings are the defaults."
            : "Part of the middleware.conf files was ignored.")
        + " What was read:\n"
        + String.join("\n", files);
  }

  /** Whether something that looks meant for the settings was ignored, which is worth a warning. */
  boolean ignoredSomething() {
    return ignored;
  }

  private static String options(ConfCategory category) {
    int count = category.parameters().size();
    return count + (count == 1 ? " option" : " options");
  }

  /**
   * Whether {@code name} is {@code ETCD} in another case, or one letter away from it (one added,
   * dropped, changed, or two swapped), case aside.
   */
  static boolean looksLikeEtcd(String name) {
    String a = name.toUpperCase(Locale.ROOT);
    String b = EtcdSettings.CONF_CATEGORY;
    if (a.equals(b)) {
      return true;
    }
    if (Math.abs(a.length() - b.length()) > 1) {
      return false;
    }
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      for (int j = 0; j <= b.length(); j++) {
        if (i == 0 || j == 0) {
          d[i][j] = i + j;
          continue;
        }
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()] <= 1;
  }
}
