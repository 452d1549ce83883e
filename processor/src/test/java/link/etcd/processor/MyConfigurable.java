package link.etcd.processor;

import link.etcd.schema.ConfigSchema;
import org.jspecify.annotations.Nullable;

/**
 * The seed's {@code MyConfigurable} (tutorial §1.2) as a schema interface, for {@link
 * EtcdAccessorTest}.
 */
@ConfigSchema(paths = "myproject/myconfigurable.conf", category = "MYCONF")
public interface MyConfigurable {
  @Nullable String myparam();
}
