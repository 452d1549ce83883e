package link.etcd.spring.config;

import java.time.Duration;
import java.util.Map;
import link.etcd.EtcdConnectionException;
import link.etcd.EtcdKeyNotFoundException;
import link.etcd.internal.PropertyTree;
import link.etcd.middleware.EtcdMiddleware;

/**
 * Reads one context, such as {@code /config/shop}, as properties: the tree below it flattened by
 * the name rules of {@link PropertyTree}. A context that is not there, or that holds a value rather
 * than a directory, has no properties.
 */
public final class ContextReader {
  private ContextReader() {}

  /**
   * Reads {@code context} through {@code etcd}, retrying as {@code retry} says while etcd cannot be
   * reached.
   *
   * @param etcd the middleware to read with
   * @param context the context, such as {@code /config/shop}
   * @param retry how to retry while etcd cannot be reached
   * @return the properties, in key order
   * @throws EtcdConnectionException from the last attempt when etcd could not be reached
   * @throws link.etcd.EtcdException when etcd answers with an error
   */
  public static Map<String, String> read(EtcdMiddleware etcd, String context, ConfigRetry retry) {
    for (int attempt = 1; ; attempt++) {
      try {
        return readOnce(etcd, context);
      } catch (EtcdConnectionException e) {
        if (attempt >= retry.maxAttempts()) {
          throw e;
        }
        pause(retry.waitAfter(attempt), e);
      }
    }
  }

  @SuppressWarnings(
      "unchecked") // EtcdMiddleware.get gives every directory as a Map<String, Object>.
  private static Map<String, String> readOnce(EtcdMiddleware etcd, String context) {
    Object tree;
    try {
      tree = etcd.get(context);
    } catch (EtcdKeyNotFoundException e) {
      return Map.of();
    }
    return tree instanceof Map<?, ?> map
        ? PropertyTree.flatten((Map<String, Object>) map)
        : Map.of();
  }

  private static void pause(Duration wait, EtcdConnectionException failure) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure.addSuppressed(e);
      throw failure;
    }
  }
}
