/**
 * link-etcd in a Spring Boot application: an {@code EtcdMiddleware} bean (and an {@code
 * EtcdV3Client} on the v3 API) built from the {@code link.etcd.*} properties, every
 * {@code @ConfigSchema} accessor as a bean of its interface type, and the watch that keeps the
 * properties imported by {@code spring.config.import=etcd:} current.
 *
 * <pre>
 * &#64;Service
 * class Greeter {
 *   Greeter(ShopConfig config) { ... }   // the generated ShopConfigAccessor, following etcd
 * }
 * </pre>
 */
@NullMarked
package link.etcd.spring;

import org.jspecify.annotations.NullMarked;
