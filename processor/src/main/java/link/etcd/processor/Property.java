package link.etcd.processor;

import com.palantir.javapoet.CodeBlock;
import javax.lang.model.element.ExecutableElement;
import org.jspecify.annotations.Nullable;

/**
 * One schema method and where its value is stored.
 *
 * @param method the schema method
 * @param name the property name ({@code myparam} for {@code getMyparam()}), used for setters and
 *     editor methods
 * @param category the category holding the value
 * @param param the parameter name within the category
 * @param type what the method returns
 * @param defaultValue the value when nothing is stored, from {@code @Default}; null when there is
 *     none
 * @param javaDefault whether the method is a Java {@code default} method, whose body gives the
 *     default
 * @param secret whether the value must never be printed
 */
record Property(
    ExecutableElement method,
    String name,
    String category,
    String param,
    ValueType type,
    @Nullable CodeBlock defaultValue,
    boolean javaDefault,
    boolean secret) {
  String methodName() {
    return method.getSimpleName().toString();
  }
}
