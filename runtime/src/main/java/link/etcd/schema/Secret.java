package link.etcd.schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a schema method whose value must never be printed: the generated {@code toString()} shows
 * {@code ****} in its place, and conversion errors do not quote it.
 *
 * <pre>{@code
 * @Secret @Nullable String password();
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Secret {}
