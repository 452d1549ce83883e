package link.etcd.processor;

import java.util.List;
import link.etcd.schema.ConfigSchema;
import link.etcd.schema.Default;

/**
 * A schema of its own for the hot-reload test in {@link EtcdAccessorTest}, so no other test shares
 * its keys.
 */
@ConfigSchema(
    paths = {"myproject/reloadable-defaults.conf", "myproject/reloadable.conf"},
    category = "MAIN")
public interface Reloadable {
  @Default("8080")
  int port();

  @Default("a")
  List<String> hosts();
}
