/**
 * Annotations that declare a configuration schema as an interface, from which {@code
 * link-etcd-processor} generates a typed accessor that reads and writes {@code
 * /<path>/<CATEGORY>/<param>} through a {@link link.etcd.conf.ConfDriver}.
 *
 * <pre>{@code
 * @ConfigSchema(paths = "myproject/myconfigurable.conf", category = "MYCONF")
 * public interface MyConfigurable {
 *   @Nullable String myparam();
 *   @Category("HTTP") @Default("8080") int port();
 *   @Secret @Nullable String password();
 * }
 *
 * MyConfigurableAccessor conf = new MyConfigurableAccessor(driver);
 * conf.setMyparam("hello");                  // writes /myproject/myconfigurable.conf/MYCONF/myparam
 * conf.edit().myparam("x").port(9090).apply(); // one write
 * }</pre>
 */
@NullMarked
package link.etcd.schema;

import org.jspecify.annotations.NullMarked;
