/**
 * What users call: the clients of etcd's v2 keys API ({@link link.etcd.EtcdClient}) and of its v3
 * API ({@link link.etcd.EtcdV3Client}), configured by {@link link.etcd.EtcdSettings} (every option
 * of the seed's {@code middleware.conf}), with option records, watch events, results as records and
 * errors as unchecked {@link link.etcd.EtcdException}s. The engine lives in {@code
 * link.etcd.internal.*}, which is not API.
 *
 * <pre>{@code
 * try (EtcdV3Client client = new EtcdV3Client(
 *     EtcdSettings.builder().api(EtcdSettings.Api.V3).port(2379).build())) {
 *   client.put("/greeting", "hello");
 *   String value = client.range("/greeting").kvs().get(0).value();
 * }
 * }</pre>
 */
@NullMarked
package link.etcd;

import org.jspecify.annotations.NullMarked;
