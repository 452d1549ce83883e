/**
 * etcd as a Spring Boot config data source: {@code spring.config.import=etcd:} (or {@code
 * optional:etcd:}) reads the contexts under {@code link.etcd.config.prefix} into the Environment,
 * one {@link link.etcd.spring.config.EtcdPropertySource} per context.
 *
 * <pre>
 * spring.application.name=shop
 * spring.config.import=etcd:
 * link.etcd.port=2379
 * </pre>
 */
@NullMarked
package link.etcd.spring.config;

import org.jspecify.annotations.NullMarked;
