package link.etcd.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * The endpoints the {@code host} and {@code port} settings list, as text: split, their schemes
 * taken off, checked, and shown without credentials. Settings check them here, before any transport
 * exists.
 */
public final class HostList {
  private HostList() {}

  /**
   * Returns the endpoints {@code host} lists (items separated by commas), each as {@code
   * host:port}: an item without a port takes {@code port}.
   */
  public static List<String> list(String host, int port) {
    List<String> endpoints = new ArrayList<>();
    for (String item : host.split(",", -1)) {
      String endpoint = item.strip();
      boolean hasPort =
          endpoint.startsWith("[") ? endpoint.contains("]:") : endpoint.indexOf(':') >= 0;
      endpoints.add(hasPort ? endpoint : endpoint + ":" + port);
    }
    return List.copyOf(endpoints);
  }

  /**
   * The endpoints of a {@code host} option whose items may be URLs: the items without their scheme,
   * and the scheme the URLs gave.
   *
   * @param hosts the items as {@code host} or {@code host:port}, separated by commas
   * @param scheme {@code http} or {@code https} when the items were URLs, else null
   */
  public record Hosts(String hosts, @Nullable String scheme) {}

  /**
   * Takes the schemes off endpoint URLs: {@code https://h:2379/} becomes {@code h:2379}, with
   * scheme {@code https}.
   *
   * @throws IllegalArgumentException when a scheme is neither {@code http} nor {@code https}, or
   *     the items mix them
   */
  public static Hosts withoutSchemes(String host) {
    String scheme = null;
    List<String> items = new ArrayList<>();
    for (String item : host.split(",", -1)) {
      String endpoint = item.strip();
      int separator = endpoint.indexOf("://");
      String itemScheme =
          separator < 0 ? null : endpoint.substring(0, separator).toLowerCase(Locale.ROOT);
      if (itemScheme != null) {
        if (!itemScheme.equals("http") && !itemScheme.equals("https")) {
          throw new IllegalArgumentException(
              "host must give http:// or https:// URLs, but '"
                  + withoutUserInfo(host)
                  + "' has '"
                  + withoutUserInfo(endpoint)
                  + "'");
        }
        if (scheme != null && !scheme.equals(itemScheme)) {
          throw new IllegalArgumentException(
              "host mixes http:// and https:// endpoints ('"
                  + withoutUserInfo(host)
                  + "'); every endpoint must use the same protocol");
        }
        scheme = itemScheme;
        endpoint = endpoint.substring(separator + 3);
        endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
      }
      items.add(endpoint);
    }
    return new Hosts(scheme == null ? host : String.join(",", items), scheme);
  }

  /**
   * Returns whether {@code text} is {@code host:port} and nothing more (an IPv6 address in
   * brackets).
   */
  public static boolean isHostPort(String text) {
    if (text.isEmpty() || text.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/')) {
      return false;
    }
    HttpUrl url = HttpUrl.parse("http://" + text);
    return url != null
        && url.encodedPath().equals("/")
        && url.query() == null
        && url.fragment() == null
        && url.username().isEmpty()
        && text.endsWith(":" + url.port());
  }

  /**
   * Returns {@code hosts} with everything before its last {@code @} replaced by {@code ██}, so that
   * a message never shows a {@code user:password@} (a password may hold any character).
   */
  public static String withoutUserInfo(String hosts) {
    int at = hosts.lastIndexOf('@');
    return at < 0 ? hosts : "██" + hosts.substring(at);
  }
}
