package link.etcd.schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value a schema method returns when its parameter is not stored, written as it would be
 * stored. The processor converts it at compile time and reports a default that does not fit the
 * method's type as an error. For a {@code List}, items are separated by commas.
 *
 * <pre>{@code
 * @Default("8080") int port();
 * @Default("30s") Duration timeout();
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Default {
  /**
   * {@return the default in stored form, such as {@code 8080}, {@code true}, {@code 30s} or {@code
   * a,b}}
   */
  String value();
}
