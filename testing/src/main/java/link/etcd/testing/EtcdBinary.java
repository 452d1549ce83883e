package link.etcd.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Which etcd binary a member runs. {@link #DEFAULT} is the one the machine has ({@code $ETCD_BIN}
 * or {@code etcd} on {@code PATH}: Debian bookworm's 3.4 on ours); {@link #V3_5} is etcd 3.5, which
 * {@code bin/ensure-etcd} fetches (Debian trixie's {@code etcd-server}) and unpacks into a cache
 * directory without installing it.
 */
public enum EtcdBinary {
  /** {@code $ETCD_BIN}, or {@code etcd} on {@code PATH}. */
  DEFAULT,
  /**
   * etcd 3.5: the system property {@code link.etcd.etcd35} or {@code $ETCD35_BIN} when set,
   * otherwise {@code etcd-3.5/usr/bin/etcd} in the cache directory of {@code bin/ensure-etcd}: the
   * system property {@code link.etcd.cache}, or {@code $XDG_CACHE_HOME/link-etcd}, or {@code
   * ~/.cache/link-etcd}.
   */
  V3_5;

  /**
   * {@return the path of the executable}
   *
   * @throws IllegalStateException saying how to get the binary when it is not there
   */
  public Path path() {
    return path(System.getenv(), System.getProperties());
  }

  Path path(Map<String, String> env, Properties properties) {
    if (this == DEFAULT) {
      return EtcdProcess.findBinary(env);
    }
    String configured =
        properties.getProperty("link.etcd.etcd35", env.getOrDefault("ETCD35_BIN", ""));
    Path binary =
        configured.isEmpty()
            ? cacheDir(env, properties).resolve("etcd-3.5/usr/bin/etcd")
            : Path.of(configured);
    if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
      throw new IllegalStateException(
          "etcd 3.5 not found at "
              + binary
              + "; run bin/ensure-etcd, which fetches"
              + " Debian's etcd-server 3.5 into "
              + cacheDir(env, properties)
              + ", or set ETCD35_BIN (or -Dlink.etcd.etcd35) to an etcd 3.5 binary");
    }
    return binary;
  }

  private static Path cacheDir(Map<String, String> env, Properties properties) {
    String configured = properties.getProperty("link.etcd.cache", "");
    if (!configured.isEmpty()) {
      return Path.of(configured);
    }
    String xdg = env.getOrDefault("XDG_CACHE_HOME", "");
    Path base = xdg.isEmpty() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(xdg);
    return base.resolve("link-etcd");
  }
}
