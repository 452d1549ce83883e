package link.etcd.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * A checked {@code @ConfigSchema} interface, ready to generate an accessor for.
 *
 * @param element the interface
 * @param name the interface's class name
 * @param paths the configuration paths, later ones overriding earlier ones
 * @param properties the schema methods in declaration order
 */
record Schema(TypeElement element, ClassName name, List<String> paths, List<Property> properties) {
  /**
   * Returns the accessor's name: {@code Outer_InnerAccessor} for {@code Outer.Inner}, in the same
   * package.
   */
  ClassName accessorName() {
    return ClassName.get(name.packageName(), String.join("_", name.simpleNames()) + "Accessor");
  }

  /** Returns the interface's name as written in its package: {@code Outer.Inner}. */
  String displayName() {
    return String.join(".", name.simpleNames());
  }

  /**
   * Returns the etcd key of {@code property} under {@code path}: {@code
   * /<path>/<CATEGORY>/<param>}.
   */
  static String key(String path, Property property) {
    return "/" + path + "/" + property.category() + "/" + property.param();
  }
}
