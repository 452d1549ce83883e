/**
 * A small configuration model (configurations made of categories made of parameters) and the driver
 * SPI that loads and saves it; {@link link.etcd.conf.IniConfDriver} keeps it in INI files.
 *
 * <pre>{@code
 * ConfDriver ini = IniConfDriver.standard();
 * for (String file : ini.resourcePaths("link/etcd/middleware.conf")) {
 *   Configuration conf = ini.load(file).orElseGet(ini::resource);
 *   conf.value("ETCD", "host").ifPresent(System.out::println);
 * }
 * }</pre>
 */
@NullMarked
package link.etcd.conf;

import org.jspecify.annotations.NullMarked;
