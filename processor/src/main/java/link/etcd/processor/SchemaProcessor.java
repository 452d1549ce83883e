package link.etcd.processor;

import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Generated;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;
import link.etcd.schema.Category;
import link.etcd.schema.ConfigSchema;
import link.etcd.schema.Default;
import link.etcd.schema.Param;
import link.etcd.schema.Secret;

/**
 * Generates a {@code <Schema>Accessor} for every interface annotated {@link ConfigSchema}: a class
 * that implements the interface with typed getters, adds setters, a batch {@code edit()}, {@code
 * reload()} and {@code snapshot()}, and stores each value at {@code /<path>/<CATEGORY>/<param>}
 * through a {@code ConfDriver}.
 *
 * <p>Registered through {@code META-INF/services}, and isolating for Gradle: each accessor depends
 * only on its schema interface.
 */
public final class SchemaProcessor extends AbstractProcessor {
  /** Creates the processor; javac calls this through the service loader. */
  public SchemaProcessor() {}

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(
        ConfigSchema.class.getCanonicalName(),
        Category.class.getCanonicalName(),
        Param.class.getCanonicalName(),
        Default.class.getCanonicalName(),
        Secret.class.getCanonicalName(),
        Generated.class.getCanonicalName());
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  /**
   * Claims the schema annotations, which no other processor reads, and the {@code @Generated} on
   * the accessors, so that {@code -Xlint:processing} stays quiet when a build sets {@code -Werror}.
   */
  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    SchemaParser parser = new SchemaParser(processingEnv.getMessager());
    for (Element element : round.getElementsAnnotatedWith(ConfigSchema.class)) {
      Schema schema = parser.parse((TypeElement) element);
      if (schema == null) {
        continue;
      }
      JavaFile file = new AccessorWriter(schema, readsJavaCompiler(element)).write();
      try {
        file.writeTo(processingEnv.getFiler());
      } catch (IOException e) {
        processingEnv
            .getMessager()
            .printMessage(
                Diagnostic.Kind.ERROR,
                "[EtcdSchemaWriteFailed] Cannot write "
                    + schema.accessorName()
                    + ": "
                    + e.getMessage(),
                element);
      }
    }
    return true;
  }

  /**
   * Whether the module of {@code schema} reads {@code java.compiler}, where {@code @Generated} is:
   * a program on the class path (the unnamed module) reads every module; a named one only those it
   * requires, directly or through a {@code requires transitive} (such as {@code java.se}'s).
   */
  private boolean readsJavaCompiler(Element schema) {
    ModuleElement module = processingEnv.getElementUtils().getModuleOf(schema);
    if (module == null || module.isUnnamed()) {
      return true;
    }
    for (ModuleElement.RequiresDirective requires :
        ElementFilter.requiresIn(module.getDirectives())) {
      if (exposesJavaCompiler(requires.getDependency(), new HashSet<>())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether reading {@code module} reads {@code java.compiler}: it is, or requires it transitively.
   */
  private static boolean exposesJavaCompiler(ModuleElement module, Set<String> seen) {
    String name = module.getQualifiedName().toString();
    if (name.equals("java.compiler")) {
      return true;
    }
    if (!seen.add(name)) {
      return false;
    }
    for (ModuleElement.RequiresDirective requires :
        ElementFilter.requiresIn(module.getDirectives())) {
      if (requires.isTransitive() && exposesJavaCompiler(requires.getDependency(), seen)) {
        return true;
      }
    }
    return false;
  }
}
