/**
 * The etcd clients and what they share: {@link link.etcd.EtcdV3Client} for etcd's v3 API (range,
 * put, delete, txn, leases, watch, members, status) and {@link link.etcd.EtcdClient} for its v2
 * keys API (read, write, append, delete, compare-and-swap, watch, members, stats), configured by
 * {@link link.etcd.EtcdSettings} (every option of the seed's {@code middleware.conf}, and {@code
 * api} choosing the API), with results as records, watches on either API as {@link
 * link.etcd.Watcher}s delivering {@link link.etcd.WatchEvent}s, and errors as unchecked {@link
 * link.etcd.EtcdException}s.
 *
 * <pre>{@code
 * EtcdSettings settings = EtcdSettings.builder().api(EtcdSettings.Api.V3).port(2379).build();
 * try (EtcdV3Client client = new EtcdV3Client(settings)) {
 *   client.put("/greeting", "hello");
 *   String value = client.range("/greeting").kvs().get(0).value();
 * }
 * }</pre>
 */
@NullMarked
package link.etcd;

import org.jspecify.annotations.NullMarked;
