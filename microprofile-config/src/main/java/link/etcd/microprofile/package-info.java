/**
 * etcd as a MicroProfile Config source for SmallRye Config 3: {@link
 * link.etcd.microprofile.EtcdConfigSourceFactory}, found by {@code ServiceLoader}, reads {@code
 * /config/application/} and {@code /config/<link.etcd.config.name>/} into one source of ordinal 270
 * whose values follow etcd.
 *
 * <pre>
 * # META-INF/microprofile-config.properties
 * link.etcd.port=2379
 * link.etcd.config.name=shop
 * </pre>
 */
@NullMarked
package link.etcd.microprofile;

import org.jspecify.annotations.NullMarked;
