package link.etcd.schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts one schema method in another category than its schema's {@link ConfigSchema#category()}.
 *
 * <pre>{@code
 * @Category("HTTP") int port();   // stored at /<path>/HTTP/port
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Category {
  /** {@return the category's name: one key segment, non-empty, without {@code /}} */
  String value();
}
