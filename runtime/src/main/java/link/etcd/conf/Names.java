package link.etcd.conf;

/**
 * Checks the names of categories and parameters, which become single key segments when stored in
 * etcd.
 */
final class Names {
  private Names() {}

  static void check(String what, String name) {
    if (name == null) {
      throw new NullPointerException(what + " name == null");
    }
    if (name.isEmpty() || name.isBlank()) {
      throw new IllegalArgumentException(
          "A " + what + " name must not be empty or blank but was '" + name + "'");
    }
    if (name.indexOf('/') >= 0 || name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException(
          "A "
              + what
              + " name must be a single key segment (no '/', not '.' or '..') but was '"
              + name
              + "'");
    }
    for (int i = 0; i < name.length(); i++) {
      if (Character.isISOControl(name.charAt(i))) {
        throw new IllegalArgumentException(
            "A "
                + what
                + " name must not contain control characters: '"
                + name.replaceAll("\\p{Cntrl}", "?")
                + "'");
      }
    }
  }
}
