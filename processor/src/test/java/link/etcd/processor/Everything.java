package link.etcd.processor;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import link.etcd.schema.Category;
import link.etcd.schema.ConfigSchema;
import link.etcd.schema.Default;
import link.etcd.schema.Param;
import link.etcd.schema.Secret;
import org.jspecify.annotations.Nullable;

/**
 * A schema with every supported type, compiled by this module's own processor for {@link
 * AccessorTest}.
 */
@ConfigSchema(
    paths = {"myproject/defaults.conf", "myproject/everything.conf"},
    category = "MAIN")
public interface Everything {
  /** A test enum. */
  enum Color {
    RED,
    GREEN
  }

  @Nullable String text();

  boolean isEnabled();

  @Default("8080")
  int port();

  @Nullable Long big();

  @Default("0.5")
  double ratio();

  @Nullable Color color();

  @Default("30s")
  Duration timeout();

  @Nullable URI endpoint();

  List<String> hosts();

  @Default("1,2")
  List<Integer> ports();

  List<Color> colors();

  List<Duration> delays();

  Optional<URI> proxy();

  @Default("3")
  Optional<Integer> retries();

  @Param("read_timeout")
  default Duration readTimeout() {
    return Duration.ofMinutes(1);
  }

  @Category("SECURITY")
  @Secret
  @Nullable String password();

  @Category("SECURITY")
  @Secret
  @Nullable Integer pin();
}
