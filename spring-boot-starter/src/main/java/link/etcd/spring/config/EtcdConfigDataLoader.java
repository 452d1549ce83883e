package link.etcd.spring.config;

import java.util.List;
import java.util.Map;
import link.etcd.EtcdConnectionException;
import link.etcd.EtcdException;
import link.etcd.middleware.EtcdMiddleware;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.config.ConfigData;
import org.springframework.boot.context.config.ConfigDataLoader;
import org.springframework.boot.context.config.ConfigDataLoaderContext;

/**
 * Loads one context of etcd into an {@link EtcdPropertySource}. When etcd cannot be reached,
 * start-up retries as {@code link.etcd.config.retry.*} says, then stops with an {@link
 * EtcdConfigDataException}; with {@code optional:etcd:} it tries once and starts without etcd's
 * values. Registered in {@code META-INF/spring.factories}.
 */
public final class EtcdConfigDataLoader implements ConfigDataLoader<EtcdConfigDataResource> {
  private static final Log log = LogFactory.getLog(EtcdConfigDataLoader.class);

  /** Creates the loader; Spring Boot does this. */
  public EtcdConfigDataLoader() {}

  @Override
  public ConfigData load(ConfigDataLoaderContext context, EtcdConfigDataResource resource) {
    Map<String, String> values;
    ConfigRetry retry = resource.optional() ? ConfigRetry.once() : resource.retry();
    try (EtcdMiddleware etcd = new EtcdMiddleware(resource.settings())) {
      values = ContextReader.read(etcd, resource.context(), retry);
    } catch (EtcdConnectionException e) {
      if (resource.optional()) {
        log.warn(
            "etcd at "
                + resource.endpoints()
                + " cannot be reached; starting without "
                + resource.context()
                + " (optional:etcd:): "
                + e.getMessage());
        return ConfigData.EMPTY;
      }
      throw new EtcdConfigDataException(
          "Cannot read "
              + resource.context()
              + " for spring.config.import=etcd: from etcd at "
              + resource.endpoints()
              + " ("
              + attempts(retry)
              + "): "
              + e.getMessage()
              + "; start etcd or point link.etcd.host and link.etcd.port at it,"
              + " or import optional:etcd: to start without it",
          e);
    } catch (EtcdException e) {
      throw new EtcdConfigDataException(
          "Cannot read "
              + resource.context()
              + " for spring.config.import=etcd: from etcd at "
              + resource.endpoints()
              + ": "
              + e.getMessage(),
          e);
    }
    // Not PROFILE_SPECIFIC, which would rank /config/application,prod over /config/shop: the
    // resolver's order is the precedence.
    return new ConfigData(
        List.of(new EtcdPropertySource(resource.context(), values)),
        ConfigData.Option.IGNORE_IMPORTS,
        ConfigData.Option.IGNORE_PROFILES);
  }

  private static String attempts(ConfigRetry retry) {
    return retry.maxAttempts() == 1
        ? "1 attempt"
        : retry.maxAttempts() + " attempts, see link.etcd.config.retry.*";
  }
}
