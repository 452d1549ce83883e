/**
 * The etcd v2 client: {@link link.etcd.EtcdClient} (read, write, append, delete, compare-and-swap,
 * watch, members, stats), configured by {@link link.etcd.EtcdSettings} (every option of the seed's
 * {@code middleware.conf}), with results as records and errors as unchecked {@link
 * link.etcd.EtcdException}s.
 *
 * <pre>{@code
 * try (EtcdClient client = new EtcdClient(EtcdSettings.builder().port(2379).build())) {
 *   client.write("/greeting", "hello");
 *   String value = client.read("/greeting").node().value();
 * }
 * }</pre>
 */
@NullMarked
package link.etcd;

import org.jspecify.annotations.NullMarked;
