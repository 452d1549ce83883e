/**
 * Configuration kept in etcd: {@link link.etcd.driver.EtcdConfDriver} stores a configuration path's
 * categories and parameters at {@code /<path>/<CATEGORY>/<param>}, as the seed's driver did.
 *
 * <pre>{@code
 * ConfDriver etcd = new EtcdConfDriver(middleware);
 * etcd.save("/myproject/myconfigurable.conf",
 *     Configuration.empty().with("MYCONF", "myparam", "hello"));
 * // wrote /myproject/myconfigurable.conf/MYCONF/myparam = hello
 * }</pre>
 */
@NullMarked
package link.etcd.driver;

import org.jspecify.annotations.NullMarked;
