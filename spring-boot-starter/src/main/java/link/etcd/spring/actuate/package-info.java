/**
 * The Actuator health contributor {@code etcd} for Spring Boot 3, on spring-boot-actuator's {@code
 * org.springframework.boot.actuate.health} types.
 */
@NullMarked
package link.etcd.spring.actuate;

import org.jspecify.annotations.NullMarked;
