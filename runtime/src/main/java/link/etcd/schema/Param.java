package link.etcd.schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the parameter a schema method reads, instead of the name derived from the method ({@code
 * myparam()}, {@code getMyparam()} and {@code isMyparam()} all read {@code myparam}).
 *
 * <pre>{@code
 * @Param("read_timeout") Duration readTimeout();   // stored at /<path>/<CATEGORY>/read_timeout
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Param {
  /** {@return the parameter's name: one key segment, non-empty, without {@code /}} */
  String value();
}
