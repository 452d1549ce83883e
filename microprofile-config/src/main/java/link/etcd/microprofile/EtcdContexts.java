package link.etcd.microprofile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import link.etcd.EtcdKeyNotFoundException;
import link.etcd.internal.PropertyTree;
import link.etcd.middleware.EtcdMiddleware;

/**
 * The contexts an application reads, lowest precedence first, and how they read as properties: a
 * key's path below its context joined with {@code .}, a list's items as {@code name[0]}, {@code
 * name[1]}, ...; a context that is not there has none.
 *
 * @param etcd the middleware to read with
 * @param paths the contexts, such as {@code /config/application} and {@code /config/shop}
 */
record EtcdContexts(EtcdMiddleware etcd, List<String> paths) {
  /** {@return the properties of every context, later contexts winning} */
  Map<String, String> read() {
    Map<String, String> merged = new LinkedHashMap<>();
    for (String path : paths) {
      merged.putAll(read(path));
    }
    return merged;
  }

  @SuppressWarnings(
      "unchecked") // EtcdMiddleware.get gives every directory as a Map<String, Object>.
  private Map<String, String> read(String path) {
    Object tree;
    try {
      tree = etcd.get(path);
    } catch (EtcdKeyNotFoundException e) {
      return Map.of();
    }
    return tree instanceof Map<?, ?> map
        ? PropertyTree.flatten((Map<String, Object>) map)
        : Map.of();
  }
}
