package link.etcd.schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an interface as a configuration schema, the seed's {@code @Configurable}. The processor
 * in {@code link-etcd-processor} generates {@code <Name>Accessor}, which implements the interface
 * and stores every method's value at {@code /<path>/<CATEGORY>/<param>}.
 *
 * <pre>{@code
 * @ConfigSchema(paths = "myproject/myconfigurable.conf", category = "MYCONF")
 * public interface MyConfigurable {
 *   @Nullable String myparam();
 * }
 * }</pre>
 *
 * <p>Kept at run time, so that integrations find the schemas of an application: the Spring Boot
 * starter makes every accessor a bean of its interface type.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ConfigSchema {
  /**
   * {@return the configuration paths, such as {@code myproject/myconfigurable.conf}, without a
   * leading {@code /}} Values in later paths override those in earlier ones, and writes go to the
   * last one.
   */
  String[] paths();

  /**
   * {@return the category of every method without its own {@link Category}, such as {@code MYCONF}}
   */
  String category();
}
