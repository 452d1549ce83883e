/**
 * The seed's dict protocol over etcd: {@link link.etcd.middleware.EtcdMiddleware} reads and writes
 * whole trees of maps, lists and scalars, and its method names give Kotlin's operators ({@code
 * client["/a"]}, {@code client["/a"] = tree}, {@code "/a" in client}, {@code client -= "/a"}).
 *
 * <pre>{@code
 * try (EtcdMiddleware client = new EtcdMiddleware()) {
 *   client.set("/collection", Map.of("subcollection", List.of("item1", "item2")));
 *   Object tree = client.get("/collection");   // {subcollection=[item1, item2]}
 *   client.delete("/collection");
 * }
 * }</pre>
 */
@NullMarked
package link.etcd.middleware;

import org.jspecify.annotations.NullMarked;
