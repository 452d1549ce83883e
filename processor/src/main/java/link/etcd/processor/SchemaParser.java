package link.etcd.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;
import link.etcd.internal.TextValues;
import link.etcd.schema.Category;
import link.etcd.schema.ConfigSchema;
import link.etcd.schema.Default;
import link.etcd.schema.Param;
import link.etcd.schema.Secret;
import org.jspecify.annotations.Nullable;

/**
 * Checks a {@code @ConfigSchema} interface and turns it into a {@link Schema}. Every mistake is
 * reported on the element that has it, with a {@code [EtcdSchema...]} tag, and checking goes on so
 * that one compile shows all of them.
 */
final class SchemaParser {
  private static final ClassName LIST = ClassName.get(List.class);
  private static final ClassName OPTIONAL = ClassName.get("java.util", "Optional");
  private static final List<String> RESERVED =
      List.of(
          "reload",
          "autoReload",
          "addReloadListener",
          "removeReloadListener",
          "edit",
          "snapshot",
          "toString",
          "hashCode");

  private final Messager messager;
  private boolean failed;

  SchemaParser(Messager messager) {
    this.messager = messager;
  }

  /**
   * Returns the schema declared by {@code element}, or null after reporting why it is not a valid
   * one.
   */
  @Nullable Schema parse(TypeElement element) {
    failed = false;
    ConfigSchema annotation = element.getAnnotation(ConfigSchema.class);
    AnnotationMirror mirror = mirror(element, ConfigSchema.class);
    if (element.getKind() != ElementKind.INTERFACE) {
      error(
          element,
          mirror,
          "[EtcdSchemaNotInterface] @ConfigSchema goes on an interface, but "
              + element.getSimpleName()
              + " is "
              + article(element.getKind())
              + "; declare it as an interface");
      return null;
    }
    String display = displayName(element);
    if (!element.getTypeParameters().isEmpty()) {
      error(
          element,
          null,
          "[EtcdSchemaTypeParameters] Schema "
              + display
              + " must not have type parameters; remove them");
    }
    if (!element.getInterfaces().isEmpty()) {
      error(
          element,
          null,
          "[EtcdSchemaExtends] Schema "
              + display
              + " must not extend other interfaces; declare every parameter in it");
    }
    for (Element e = element; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        error(
            element,
            null,
            "[EtcdSchemaNotAccessible] Schema "
                + display
                + " must not be private, or nested in a private type: its accessor is generated beside it");
        break;
      }
    }
    if (annotation.paths().length == 0) {
      error(
          element,
          mirror,
          "[EtcdSchemaBadName] @ConfigSchema of "
              + display
              + " needs at least one path, such as paths = \"myproject/myconfigurable.conf\"");
    }
    for (String path : annotation.paths()) {
      String problem = pathProblem(path);
      if (problem != null) {
        error(
            element,
            mirror,
            "[EtcdSchemaBadName] Path \"" + path + "\" of " + display + " " + problem);
      }
    }
    String category = annotation.category();
    String categoryProblem = nameProblem(category);
    if (categoryProblem != null) {
      error(
          element,
          mirror,
          "[EtcdSchemaBadName] Category \""
              + category
              + "\" of "
              + display
              + " "
              + categoryProblem);
    }

    List<Property> properties = new ArrayList<>();
    Map<String, Property> byKey = new HashMap<>();
    Map<String, Property> byName = new HashMap<>();
    List<ExecutableElement> setters = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(element.getEnclosedElements())) {
      if (method.getModifiers().contains(Modifier.STATIC)
          || method.getModifiers().contains(Modifier.PRIVATE)) {
        continue;
      }
      if (isSetter(method)) {
        setters.add(method);
        continue;
      }
      Property property = property(display, category, method);
      if (property == null) {
        continue;
      }
      Property sameKey = byKey.putIfAbsent(property.category() + "/" + property.param(), property);
      if (sameKey != null) {
        error(
            method,
            null,
            "[EtcdSchemaDuplicateParam] "
                + display
                + "."
                + method.getSimpleName()
                + "() reads "
                + property.category()
                + "/"
                + property.param()
                + ", as "
                + display
                + "."
                + sameKey.methodName()
                + "() does; give one of them another @Param or @Category");
        continue;
      }
      Property sameName = byName.putIfAbsent(property.name(), property);
      if (sameName != null) {
        error(
            method,
            null,
            "[EtcdSchemaDuplicateProperty] "
                + display
                + "."
                + method.getSimpleName()
                + "() and "
                + display
                + "."
                + sameName.methodName()
                + "() are both property '"
                + property.name()
                + "', so their setters would clash; rename one of them");
        continue;
      }
      properties.add(property);
    }
    for (ExecutableElement setter : setters) {
      checkDeclaredSetter(display, setter, byName);
    }
    if (failed) {
      return null;
    }
    return new Schema(element, ClassName.get(element), List.of(annotation.paths()), properties);
  }

  private @Nullable Property property(
      String display, String schemaCategory, ExecutableElement method) {
    String where = display + "." + method.getSimpleName() + "()";
    boolean ok = true;
    if (RESERVED.contains(method.getSimpleName().toString())) {
      error(
          method,
          null,
          "[EtcdSchemaReservedName] "
              + where
              + " has the name of a method every accessor has ("
              + String.join("(), ", RESERVED)
              + "()); rename it and keep the stored name with @Param");
      ok = false;
    }
    if (!method.getParameters().isEmpty() || !method.getTypeParameters().isEmpty()) {
      error(
          method,
          null,
          "[EtcdSchemaMethodParameters] "
              + where
              + " must take no parameters and no type parameters: a schema method reads one value");
      ok = false;
    }
    ValueType type = valueType(method.getReturnType());
    if (type == null) {
      error(
          method,
          null,
          "[EtcdSchemaUnsupportedType] "
              + where
              + " returns "
              + method.getReturnType()
              + "; a schema method returns String, boolean, int, long, double (or their boxes), an enum, Duration,"
              + " URI, Instant, LocalDate, LocalDateTime, OffsetDateTime, UUID, URL, Path, BigDecimal, BigInteger, or a"
              + " List or Optional of one of those");
      ok = false;
    }
    String name = propertyName(method, type);
    String category = schemaCategory;
    Category categoryAnnotation = method.getAnnotation(Category.class);
    if (categoryAnnotation != null) {
      category = categoryAnnotation.value();
      String problem = nameProblem(category);
      if (problem != null) {
        error(
            method,
            mirror(method, Category.class),
            "[EtcdSchemaBadName] @Category(\"" + category + "\") of " + where + " " + problem);
        ok = false;
      }
    }
    String param = name;
    Param paramAnnotation = method.getAnnotation(Param.class);
    if (paramAnnotation != null) {
      param = paramAnnotation.value();
      String problem = nameProblem(param);
      if (problem != null) {
        error(
            method,
            mirror(method, Param.class),
            "[EtcdSchemaBadName] @Param(\"" + param + "\") of " + where + " " + problem);
        ok = false;
      }
    }
    CodeBlock defaultValue = null;
    Default defaultAnnotation = method.getAnnotation(Default.class);
    if (defaultAnnotation != null && method.isDefault()) {
      error(
          method,
          mirror(method, Default.class),
          "[EtcdSchemaBadDefault] "
              + where
              + " has both @Default and a default body; keep one of them");
      ok = false;
    } else if (defaultAnnotation != null && type != null) {
      try {
        defaultValue = DefaultValues.literal(type, defaultAnnotation.value());
      } catch (IllegalArgumentException e) {
        error(
            method,
            mirror(method, Default.class),
            "[EtcdSchemaBadDefault] @Default(\""
                + defaultAnnotation.value()
                + "\") of "
                + where
                + " does not convert to "
                + method.getReturnType()
                + ": "
                + e.getMessage());
        ok = false;
      }
    }
    if (!ok || type == null) {
      return null;
    }
    boolean secret = method.getAnnotation(Secret.class) != null;
    return new Property(
        method, name, category, param, type, defaultValue, method.isDefault(), secret);
  }

  /**
   * Returns whether {@code method} looks like {@code void setPort(int)}: what a Kotlin {@code var}
   * declares beside its getter. The accessor implements it as the property's setter, so Kotlin can
   * assign the property.
   */
  private static boolean isSetter(ExecutableElement method) {
    String name = method.getSimpleName().toString();
    return name.length() > 3
        && name.startsWith("set")
        && Character.isUpperCase(name.charAt(3))
        && method.getParameters().size() == 1
        && method.getReturnType().getKind() == TypeKind.VOID
        && !method.isDefault();
  }

  /**
   * Reports {@code setter} unless it is exactly the setter the accessor generates for one of the
   * properties.
   */
  private void checkDeclaredSetter(
      String display, ExecutableElement setter, Map<String, Property> byName) {
    String name = setter.getSimpleName().toString();
    Property property = byName.get(decapitalize(name.substring(3)));
    TypeName parameter = TypeName.get(setter.getParameters().get(0).asType()).withoutAnnotations();
    if (property != null && parameter.equals(setterType(property.type()))) {
      return;
    }
    String getter =
        property == null
            ? "no property '" + decapitalize(name.substring(3)) + "'"
            : "property '" + property.name() + "' of type " + setterType(property.type());
    error(
        setter,
        null,
        "[EtcdSchemaBadSetter] "
            + display
            + "."
            + name
            + "("
            + parameter
            + ") sets "
            + getter
            + "; a schema declares a setter (a Kotlin var) only beside its getter, taking what the getter returns");
  }

  /**
   * Returns what the setter of a property of {@code type} takes: the value, or the item of an
   * {@code Optional}.
   */
  private static TypeName setterType(ValueType type) {
    return type.shape() == ValueType.Shape.OPTIONAL ? type.element() : type.type();
  }

  private static @Nullable ValueType valueType(TypeMirror type) {
    switch (type.getKind()) {
      case BOOLEAN:
        return new ValueType(
            ValueType.Kind.BOOLEAN,
            ValueType.Shape.PRIMITIVE,
            TypeName.BOOLEAN,
            TypeName.BOOLEAN.box(),
            List.of());
      case INT:
        return new ValueType(
            ValueType.Kind.INT,
            ValueType.Shape.PRIMITIVE,
            TypeName.INT,
            TypeName.INT.box(),
            List.of());
      case LONG:
        return new ValueType(
            ValueType.Kind.LONG,
            ValueType.Shape.PRIMITIVE,
            TypeName.LONG,
            TypeName.LONG.box(),
            List.of());
      case DOUBLE:
        return new ValueType(
            ValueType.Kind.DOUBLE,
            ValueType.Shape.PRIMITIVE,
            TypeName.DOUBLE,
            TypeName.DOUBLE.box(),
            List.of());
      case DECLARED:
        break;
      default:
        return null;
    }
    DeclaredType declared = (DeclaredType) type;
    TypeElement element = (TypeElement) declared.asElement();
    String name = element.getQualifiedName().toString();
    if (name.equals("java.util.List") || name.equals("java.util.Optional")) {
      if (declared.getTypeArguments().size() != 1) {
        return null;
      }
      ValueType item = valueType(declared.getTypeArguments().get(0));
      if (item == null || item.shape() != ValueType.Shape.VALUE) {
        return null;
      }
      ValueType.Shape shape =
          name.equals("java.util.List") ? ValueType.Shape.LIST : ValueType.Shape.OPTIONAL;
      ClassName raw = shape == ValueType.Shape.LIST ? LIST : OPTIONAL;
      return new ValueType(
          item.kind(),
          shape,
          ParameterizedTypeName.get(raw, item.element()),
          item.element(),
          item.enumConstants());
    }
    if (!declared.getTypeArguments().isEmpty()) {
      return null;
    }
    if (element.getKind() == ElementKind.ENUM) {
      List<String> constants = new ArrayList<>();
      for (Element enclosed : element.getEnclosedElements()) {
        if (enclosed.getKind() == ElementKind.ENUM_CONSTANT) {
          constants.add(enclosed.getSimpleName().toString());
        }
      }
      ClassName enumName = ClassName.get(element);
      return new ValueType(
          ValueType.Kind.ENUM, ValueType.Shape.VALUE, enumName, enumName, List.copyOf(constants));
    }
    ValueType.Kind kind;
    switch (name) {
      case "java.lang.String":
        kind = ValueType.Kind.STRING;
        break;
      case "java.lang.Boolean":
        kind = ValueType.Kind.BOOLEAN;
        break;
      case "java.lang.Integer":
        kind = ValueType.Kind.INT;
        break;
      case "java.lang.Long":
        kind = ValueType.Kind.LONG;
        break;
      case "java.lang.Double":
        kind = ValueType.Kind.DOUBLE;
        break;
      case "java.time.Duration":
        kind = ValueType.Kind.DURATION;
        break;
      case "java.net.URI":
        kind = ValueType.Kind.URI;
        break;
      default:
        if (!TextValues.supports(name)) {
          return null;
        }
        kind = ValueType.Kind.TEXT;
    }
    ClassName className = ClassName.get(element);
    return new ValueType(kind, ValueType.Shape.VALUE, className, className, List.of());
  }

  /**
   * Returns {@code myparam} for {@code myparam()} and {@code getMyparam()}, {@code enabled} for
   * {@code isEnabled()}.
   */
  private static String propertyName(ExecutableElement method, @Nullable ValueType type) {
    String name = method.getSimpleName().toString();
    if (name.length() > 3 && name.startsWith("get") && Character.isUpperCase(name.charAt(3))) {
      return decapitalize(name.substring(3));
    }
    boolean bool =
        type != null
            && type.kind() == ValueType.Kind.BOOLEAN
            && (type.shape() == ValueType.Shape.PRIMITIVE || type.shape() == ValueType.Shape.VALUE);
    if (bool
        && name.length() > 2
        && name.startsWith("is")
        && Character.isUpperCase(name.charAt(2))) {
      return decapitalize(name.substring(2));
    }
    return name;
  }

  /**
   * Lower-cases the first letter, as JavaBeans does: {@code Myparam} → {@code myparam}, {@code URL}
   * stays.
   */
  private static String decapitalize(String name) {
    if (name.length() > 1 && Character.isUpperCase(name.charAt(1))) {
      return name;
    }
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  /** Returns why {@code name} cannot be one etcd key segment, or null when it can. */
  static @Nullable String nameProblem(String name) {
    if (name.isBlank()) {
      return "must not be empty or blank";
    }
    if (name.indexOf('/') >= 0 || name.equals(".") || name.equals("..")) {
      return "must be a single key segment (no '/', not '.' or '..')";
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      return "must not contain control characters";
    }
    return null;
  }

  /**
   * Returns why {@code path} is not a configuration path such as {@code myproject/app.conf}, or
   * null.
   */
  static @Nullable String pathProblem(String path) {
    if (path.isBlank()) {
      return "must not be empty or blank";
    }
    if (path.startsWith("/") || path.endsWith("/")) {
      return "must not start or end with '/'; write it as \"myproject/app.conf\"";
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return "must not have an empty, '.' or '..' segment";
      }
    }
    if (path.chars().anyMatch(Character::isISOControl)) {
      return "must not contain control characters";
    }
    return null;
  }

  private static String displayName(TypeElement element) {
    return String.join(".", ClassName.get(element).simpleNames());
  }

  private static String article(ElementKind kind) {
    switch (kind) {
      case ENUM:
        return "an enum";
      case ANNOTATION_TYPE:
        return "an annotation type";
      case RECORD:
        return "a record";
      default:
        return "a class";
    }
  }

  private static @Nullable AnnotationMirror mirror(Element element, Class<?> annotation) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(annotation.getCanonicalName())) {
        return mirror;
      }
    }
    return null;
  }

  private void error(Element element, @Nullable AnnotationMirror mirror, String message) {
    failed = true;
    if (mirror == null) {
      messager.printMessage(Diagnostic.Kind.ERROR, message, element);
    } else {
      messager.printMessage(Diagnostic.Kind.ERROR, message, element, mirror);
    }
  }
}
