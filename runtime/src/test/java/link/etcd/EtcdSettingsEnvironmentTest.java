package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import link.etcd.middleware.EtcdMiddleware;
import org.junit.jupiter.api.Test;

/**
 * {@link EtcdSettings#load()} and {@code new EtcdMiddleware()} read {@code $B3J0F_CONF_DIR}, set by
 * the build.
 */
final class EtcdSettingsEnvironmentTest {
  @Test
  void loadReadsMiddlewareConfFromConfDir() {
    EtcdSettings settings = EtcdSettings.load();
    assertEquals("127.0.0.1", settings.host());
    assertEquals(23790, settings.port());
    assertEquals(Duration.ofSeconds(5), settings.readTimeout());
    assertFalse(settings.allowRedirect());
    assertEquals("/v2", settings.versionPrefix());
  }

  @Test
  void middlewareWithoutArgumentsUsesTheLoadedSettingsWithoutConnecting() {
    try (EtcdMiddleware middleware = new EtcdMiddleware()) {
      assertEquals(EtcdSettings.load(), middleware.settings());
      assertFalse(middleware.isConnected());
    }
  }
}
