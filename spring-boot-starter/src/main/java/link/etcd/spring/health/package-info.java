/**
 * The Actuator health contributor {@code etcd} for Spring Boot 4, on spring-boot-health's {@code
 * org.springframework.boot.health.contributor} types.
 */
@NullMarked
package link.etcd.spring.health;

import org.jspecify.annotations.NullMarked;
