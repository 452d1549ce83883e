package link.etcd.examples;

import link.etcd.schema.Category;
import link.etcd.schema.ConfigSchema;
import link.etcd.schema.Default;
import org.jspecify.annotations.Nullable;

/**
 * The seed's configurable (section 1.2) as a schema interface: {@code link-etcd-processor}
 * generates {@code MyConfigurableAccessor}, which keeps {@code myparam} at {@code
 * /myproject/myconfigurable.conf/MYCONF/myparam}.
 */
@ConfigSchema(paths = "myproject/myconfigurable.conf", category = "MYCONF")
public interface MyConfigurable {
  /** The seed's parameter; {@code null} until it is set. */
  @Nullable String getMyparam();

  /** A typed parameter with a default, kept at {@code /myproject/myconfigurable.conf/HTTP/port}. */
  @Category("HTTP")
  @Default("8080")
  int getPort();
}
