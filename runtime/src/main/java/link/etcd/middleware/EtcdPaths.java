package link.etcd.middleware;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import link.etcd.internal.Keys;

/**
 * Turns the JSON paths at the end of Moshi's messages ({@code at path $.servers[0].port}) into etcd
 * keys ({@code at /svc/servers/1/port}): a name is a key segment and list index {@code i} is item
 * {@code i + 1}.
 */
final class EtcdPaths {
  private static final Pattern AT_PATH = Pattern.compile(" at (?:path )?(\\$\\S*)$");
  private static final Pattern LEADING_ITEM = Pattern.compile("\\$\\[(\\d+)]");

  private EtcdPaths() {}

  /**
   * Returns {@code message} with its JSON path, relative to a value read at {@code outer}, made
   * absolute.
   */
  static String nest(String message, String outer) {
    Matcher matcher = AT_PATH.matcher(message);
    if (!matcher.find()) {
      return message;
    }
    return message.substring(0, matcher.start(1)) + outer + matcher.group(1).substring(1);
  }

  /**
   * Returns {@code message}, about a list read from the directory at {@code outer} whose item
   * {@code i} is the child {@code names.get(i)}, with its JSON path made absolute: {@code
   * $[0].port} becomes {@code <outer>.<names[0]>.port}.
   */
  static String nestItem(String message, String outer, List<String> names) {
    Matcher matcher = AT_PATH.matcher(message);
    if (!matcher.find()) {
      return message;
    }
    Matcher item = LEADING_ITEM.matcher(matcher.group(1));
    if (!item.lookingAt()) {
      return nest(message, outer);
    }
    String name = names.get(Integer.parseInt(item.group(1)));
    return message.substring(0, matcher.start(1))
        + outer
        + "."
        + name
        + matcher.group(1).substring(item.end());
  }

  /**
   * Returns {@code message} with its trailing JSON path replaced by the etcd key under {@code key}
   * it names.
   */
  static String toKey(String message, String key) {
    Matcher matcher = AT_PATH.matcher(message);
    if (!matcher.find()) {
      return message + " at " + key;
    }
    return message.substring(0, matcher.start()) + " at " + key(key, matcher.group(1));
  }

  private static String key(String root, String jsonPath) {
    String key = root;
    int i = 1;
    while (i < jsonPath.length()) {
      char c = jsonPath.charAt(i);
      int end;
      if (c == '[') {
        end = jsonPath.indexOf(']', i);
        if (end < 0) {
          return key + jsonPath.substring(i);
        }
        key = Keys.child(key, Long.toString(Long.parseLong(jsonPath.substring(i + 1, end)) + 1));
        end++;
      } else {
        end = nextSeparator(jsonPath, i + 1);
        key = Keys.child(key, jsonPath.substring(c == '.' ? i + 1 : i, end));
      }
      i = end;
    }
    return key;
  }

  private static int nextSeparator(String path, int from) {
    for (int i = from; i < path.length(); i++) {
      if (path.charAt(i) == '.' || path.charAt(i) == '[') {
        return i;
      }
    }
    return path.length();
  }
}
