package link.etcd.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;
import javax.lang.model.util.ElementFilter;
import org.jspecify.annotations.Nullable;

/** Writes the {@code <Schema>Accessor} class of a {@link Schema} with JavaPoet. */
final class AccessorWriter {
  private static final ClassName CONF_DRIVER = ClassName.get("link.etcd.conf", "ConfDriver");
  private static final ClassName SUBSCRIPTION = CONF_DRIVER.nestedClass("Subscription");
  private static final ClassName RELOAD_LISTENER =
      ClassName.get("link.etcd.conf", "ReloadListener");
  private static final ClassName SCHEMA_STORE = ClassName.get("link.etcd.internal", "SchemaStore");
  private static final ClassName BATCH = SCHEMA_STORE.nestedClass("Batch");
  private static final ClassName PARAM = SCHEMA_STORE.nestedClass("Param");
  private static final ClassName CONF_VALUES = ClassName.get("link.etcd.internal", "ConfValues");
  private static final ClassName TEXT_VALUES = ClassName.get("link.etcd.internal", "TextValues");
  private static final ClassName ETCD_MIDDLEWARE =
      ClassName.get("link.etcd.middleware", "EtcdMiddleware");
  private static final ClassName ETCD_CONF_DRIVER =
      ClassName.get("link.etcd.driver", "EtcdConfDriver");
  private static final ClassName NULLABLE = ClassName.get("org.jspecify.annotations", "Nullable");
  private static final ClassName GENERATED =
      ClassName.get("javax.annotation.processing", "Generated");
  private static final String MASK = "****";
  private static final String REMOVES = "{@code null} removes the stored value.\n";

  private final Schema schema;
  private final ClassName accessor;
  private final ClassName editor;
  private final ClassName snapshot;
  private final String lastPath;
  private final boolean generatedAnnotation;

  /**
   * @param generatedAnnotation whether to mark the accessor {@code @Generated}: only where the
   *     schema's module reads {@code java.compiler}, which declares it
   */
  AccessorWriter(Schema schema, boolean generatedAnnotation) {
    this.schema = schema;
    this.generatedAnnotation = generatedAnnotation;
    this.accessor = schema.accessorName();
    this.editor = accessor.nestedClass("Editor");
    this.snapshot = accessor.nestedClass("Snapshot");
    this.lastPath = schema.paths().get(schema.paths().size() - 1);
  }

  /** Returns the accessor's source. */
  JavaFile write() {
    TypeSpec.Builder type =
        TypeSpec.classBuilder(accessor)
            .addOriginatingElement(schema.element())
            .addJavadoc(classJavadoc())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addSuperinterface(schema.name());
    if (generatedAnnotation) {
      type.addAnnotation(
          AnnotationSpec.builder(GENERATED)
              .addMember("value", "$S", SchemaProcessor.class.getName())
              .build());
    }

    type.addField(
        FieldSpec.builder(
                ParameterizedTypeName.get(List.class, String.class),
                "PATHS",
                Modifier.PUBLIC,
                Modifier.STATIC,
                Modifier.FINAL)
            .addJavadoc(
                "The configuration paths, later ones overriding earlier ones; writes go to the last one.\n")
            .initializer(
                "$T.of($L)",
                List.class,
                CodeBlock.join(
                    schema.paths().stream().map(path -> CodeBlock.of("$S", path)).toList(), ", "))
            .build());
    for (Property property : schema.properties()) {
      type.addField(
          FieldSpec.builder(
                  ParameterizedTypeName.get(PARAM, property.type().element()),
                  constant(property),
                  Modifier.PRIVATE,
                  Modifier.STATIC,
                  Modifier.FINAL)
              .initializer(
                  "$T.$N($S, $S,$W$L)",
                  PARAM,
                  property.secret() ? "secret" : "of",
                  property.category(),
                  property.param(),
                  parser(property.type()))
              .build());
    }
    type.addField(SCHEMA_STORE, "store", Modifier.PRIVATE, Modifier.FINAL);

    type.addMethod(
        MethodSpec.constructorBuilder()
            .addJavadoc(
                "Creates an accessor that reads and writes through {@code driver}; it does no I/O until a"
                    + " value is read\nor written.\n")
            .addModifiers(Modifier.PUBLIC)
            .addParameter(CONF_DRIVER, "driver")
            .addStatement("this.store = new $T(driver, PATHS)", SCHEMA_STORE)
            .build());
    type.addMethod(
        MethodSpec.constructorBuilder()
            .addJavadoc(
                "Reads {@code store}: {@link #autoReload()} checks new values through such an accessor.\n")
            .addModifiers(Modifier.PRIVATE)
            .addParameter(SCHEMA_STORE, "store")
            .addStatement("this.store = store")
            .build());
    type.addMethod(
        MethodSpec.methodBuilder("of")
            .addJavadoc(
                "Returns an accessor that keeps its values in etcd, through {@code middleware}.\n")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(accessor)
            .addParameter(ETCD_MIDDLEWARE, "middleware")
            .addStatement("return new $T(new $T(middleware))", accessor, ETCD_CONF_DRIVER)
            .build());

    for (Property property : schema.properties()) {
      type.addMethod(getter(property));
      type.addMethod(setter(property));
    }
    type.addMethod(
        MethodSpec.methodBuilder("reload")
            .addJavadoc("Drops the values read so far and loads them again from every path now.\n")
            .addModifiers(Modifier.PUBLIC)
            .addStatement("store.reload()")
            .build());
    type.addMethod(
        MethodSpec.methodBuilder("autoReload")
            .addJavadoc(
                "Keeps the values current: watches every path through the driver and reloads after each change."
                    + "\nNew values are taken only when all of them load and convert; otherwise getters keep the last good"
                    + "\nvalues. Reload listeners hear about both. Loads the values once now.\n\n"
                    + "@return the subscription; close it to stop reloading\n"
                    + "@throws UnsupportedOperationException when the driver cannot watch, as {@code IniConfDriver}\n")
            .addModifiers(Modifier.PUBLIC)
            .returns(SUBSCRIPTION)
            .addStatement(
                "return store.autoReload(candidate -> new $T(candidate).snapshot())", accessor)
            .build());
    type.addMethod(
        MethodSpec.methodBuilder("addReloadListener")
            .addJavadoc(
                "Adds {@code listener}, told after each reload that {@link #autoReload()} makes or refuses.\n")
            .addModifiers(Modifier.PUBLIC)
            .addParameter(RELOAD_LISTENER, "listener")
            .addStatement("store.addListener(listener)")
            .build());
    type.addMethod(
        MethodSpec.methodBuilder("removeReloadListener")
            .addJavadoc("Removes {@code listener}; does nothing when it was not added.\n")
            .addModifiers(Modifier.PUBLIC)
            .addParameter(RELOAD_LISTENER, "listener")
            .addStatement("store.removeListener(listener)")
            .build());
    type.addMethod(
        MethodSpec.methodBuilder("edit")
            .addJavadoc(
                "Returns a batch writer: {@code edit().a(x).b(y).apply()} saves both values in one driver"
                    + " call.\n")
            .addModifiers(Modifier.PUBLIC)
            .returns(editor)
            .addStatement("return new $T(store.edit())", editor)
            .build());
    type.addMethod(snapshotMethod());
    type.addMethod(accessorToString());
    type.addType(editorType());
    type.addType(snapshotType());

    return JavaFile.builder(accessor.packageName(), type.build())
        .addStaticImport(Objects.class, "requireNonNull")
        .skipJavaLangImports(true)
        .build();
  }

  private CodeBlock classJavadoc() {
    return CodeBlock.builder()
        .add(
            "Reads and writes {@link $T} at\n{@code /$L/<CATEGORY>/<param>}",
            schema.name(),
            lastPath)
        .add(schema.paths().size() > 1 ? ", over the values of earlier paths.\n" : ".\n")
        .add(
            "\n<p>Getters read one snapshot of every path, loaded on first use and refreshed by {@link #reload()},"
                + "\nor kept current by {@link #autoReload()}; setters and {@link #edit()} write to the last path."
                + " Generated\nfrom the schema; do not edit.\n")
        .build();
  }

  private MethodSpec getter(Property property) {
    ValueType type = property.type();
    CodeBlock fallback = fallback(property);
    MethodSpec.Builder method =
        MethodSpec.methodBuilder(property.methodName())
            .addJavadoc(getterJavadoc(property))
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(returnType(property));
    CodeBlock lookup =
        CodeBlock.of(
            "store.$N($N)",
            type.shape() == ValueType.Shape.LIST ? "list" : "get",
            constant(property));
    TypeName local = type.shape() == ValueType.Shape.LIST ? type.type() : type.element();
    switch (type.shape()) {
      case PRIMITIVE:
      case VALUE:
        if (fallback == null && type.shape() == ValueType.Shape.PRIMITIVE) {
          method.addStatement(
              "return store.require($N, $S)",
              constant(property),
              schema.displayName() + "." + property.methodName() + "()");
        } else if (fallback == null) {
          method.addStatement("return $L", lookup);
        } else {
          method.addStatement("$T value = $L", local, lookup);
          method.addStatement("return value != null ? value : $L", fallback);
        }
        break;
      case OPTIONAL:
        if (fallback == null) {
          method.addStatement("return $T.ofNullable($L)", Optional.class, lookup);
        } else {
          method.addStatement("$T value = $L", local, lookup);
          method.addStatement("return value != null ? $T.of(value) : $L", Optional.class, fallback);
        }
        break;
      case LIST:
        method.addStatement("$T value = $L", local, lookup);
        method.addStatement(
            "return value != null ? value : $L",
            fallback != null ? fallback : CodeBlock.of("$T.of()", List.class));
        break;
    }
    return method.build();
  }

  private CodeBlock getterJavadoc(Property property) {
    CodeBlock.Builder doc =
        CodeBlock.builder().add("Reads {@code $L}", Schema.key(lastPath, property));
    List<String> earlier = new ArrayList<>(schema.paths().subList(0, schema.paths().size() - 1));
    for (int i = earlier.size() - 1; i >= 0; i--) {
      doc.add(",\nelse {@code $L}", Schema.key(earlier.get(i), property));
    }
    doc.add(".\n");
    if (property.secret()) {
      doc.add("\n<p>Secret: {@code toString()} never shows it.\n");
    }
    doc.add("\n@return ").add(returnJavadoc(property)).add("\n");
    doc.add(
        property.type().shape() == ValueType.Shape.PRIMITIVE && fallback(property) == null
            ? "@throws IllegalStateException when no value is stored, or it does not convert\n"
            : "@throws IllegalStateException when the stored value does not convert\n");
    return doc.build();
  }

  private CodeBlock returnJavadoc(Property property) {
    String value =
        property.type().shape() == ValueType.Shape.LIST ? "the stored items" : "the stored value";
    if (property.defaultValue() != null) {
      return CodeBlock.of("$L, or {@code $L} when none is stored", value, property.defaultValue());
    }
    if (property.javaDefault()) {
      return CodeBlock.of("$L, or the schema's default when none is stored", value);
    }
    switch (property.type().shape()) {
      case VALUE:
        return CodeBlock.of("$L, or null when none is stored", value);
      case OPTIONAL:
        return CodeBlock.of("$L, or empty when none is stored", value);
      case LIST:
        return CodeBlock.of("$L, or an empty list when none are stored", value);
      default:
        return CodeBlock.of("$L", value);
    }
  }

  private MethodSpec setter(Property property) {
    String name = parameterName(property);
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("set" + capitalize(property.name()))
            .addJavadoc(
                "Writes {@code $N} to {@code $L} now, in one driver call.\n$L",
                name,
                Schema.key(lastPath, property),
                nullable(property) ? REMOVES : "")
            .addModifiers(Modifier.PUBLIC)
            .addParameter(setterParameter(property, name));
    if (schemaDeclaresSetter(property)) {
      method.addAnnotation(Override.class);
    }
    method.addStatement("edit().$N($N).apply()", property.name(), name);
    return method.build();
  }

  /**
   * Returns whether the schema declares the setter itself, as a Kotlin {@code var} does ({@code
   * setPort(int)}).
   */
  private boolean schemaDeclaresSetter(Property property) {
    String setter = "set" + capitalize(property.name());
    return ElementFilter.methodsIn(schema.element().getEnclosedElements()).stream()
        .anyMatch(method -> method.getSimpleName().contentEquals(setter));
  }

  /**
   * Returns the snapshot's implementation of a setter the schema declares: a snapshot never
   * changes.
   */
  private MethodSpec refusingSetter(Property property) {
    String name = parameterName(property);
    String setter = "set" + capitalize(property.name());
    return MethodSpec.methodBuilder(setter)
        .addJavadoc(
            "Refuses: a snapshot never changes; set {@code $N} through the accessor.\n", name)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addParameter(setterParameter(property, name))
        .addStatement(
            "throw new $T($S)",
            UnsupportedOperationException.class,
            schema.displayName() + " snapshots never change; call " + setter + " on the accessor")
        .build();
  }

  private MethodSpec snapshotMethod() {
    List<CodeBlock> values = new ArrayList<>();
    for (Property property : schema.properties()) {
      values.add(CodeBlock.of("$N()", property.methodName()));
    }
    return MethodSpec.methodBuilder("snapshot")
        .addJavadoc(
            "Returns an immutable copy of every value, read now.\n\n"
                + "@throws IllegalStateException when a value without default is not stored, or a value does not"
                + " convert\n")
        .addModifiers(Modifier.PUBLIC)
        .returns(snapshot)
        .addStatement("return new $T($L)", snapshot, CodeBlock.join(values, ", "))
        .build();
  }

  private MethodSpec accessorToString() {
    List<Object> parts = new ArrayList<>();
    parts.add(schema.displayName() + "Accessor{");
    String separator = "";
    for (Property property : schema.properties()) {
      parts.add(separator + property.name() + "=");
      parts.add(
          property.secret()
              ? MASK
              : CodeBlock.of("$T.show(this::$N)", SCHEMA_STORE, property.methodName()));
      separator = ", ";
    }
    parts.add("}");
    CodeBlock text = concatenation(parts);
    return MethodSpec.methodBuilder("toString")
        .addJavadoc(
            "Returns what the getters return, as text, with {@code $L} for secrets; where a getter throws,"
                + "\nits reason in angle brackets.\n",
            MASK)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(String.class)
        .addStatement("return $L", text)
        .build();
  }

  private TypeSpec editorType() {
    TypeSpec.Builder type =
        TypeSpec.classBuilder(editor)
            .addJavadoc(
                "A batch of writes to {@code /$L}, saved in one driver call by {@link #apply()}.\n",
                lastPath)
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addField(BATCH, "batch", Modifier.PRIVATE, Modifier.FINAL)
            .addMethod(
                MethodSpec.constructorBuilder()
                    .addModifiers(Modifier.PRIVATE)
                    .addParameter(BATCH, "batch")
                    .addStatement("this.batch = batch")
                    .build());
    for (Property property : schema.properties()) {
      String name = parameterName(property);
      MethodSpec.Builder method =
          MethodSpec.methodBuilder(property.name())
              .addJavadoc(
                  "Sets {@code $L} when {@link #apply()} runs.\n$L",
                  Schema.key(lastPath, property),
                  nullable(property) ? REMOVES : "")
              .addModifiers(Modifier.PUBLIC)
              .returns(editor)
              .addParameter(setterParameter(property, name));
      if (nullable(property)) {
        method
            .beginControlFlow("if ($N == null)", name)
            .addStatement("batch.remove($N)", constant(property))
            .nextControlFlow("else")
            .addStatement("batch.$L", write(property, name))
            .endControlFlow();
      } else {
        requireNonNull(method, property, name);
        method.addStatement("batch.$L", write(property, name));
      }
      method.addStatement("return this");
      type.addMethod(method.build());
    }
    type.addMethod(
        MethodSpec.methodBuilder("apply")
            .addJavadoc(
                "Saves every value set on this editor in one driver call; does nothing when none was set.\n")
            .addModifiers(Modifier.PUBLIC)
            .addStatement("batch.apply()")
            .build());
    return type.build();
  }

  private TypeSpec snapshotType() {
    MethodSpec.Builder constructor =
        MethodSpec.compactConstructorBuilder().addModifiers(Modifier.PUBLIC);
    List<Object> parts = new ArrayList<>();
    parts.add(schema.displayName() + "{");
    String separator = "";
    for (Property property : schema.properties()) {
      constructor.addParameter(returnType(property), property.methodName());
      if (property.type().shape() == ValueType.Shape.LIST) {
        constructor.addStatement(
            "$N = $T.copyOf($N)", property.methodName(), List.class, property.methodName());
      }
      parts.add(separator + property.name() + "=");
      parts.add(property.secret() ? MASK : CodeBlock.of("$N", property.methodName()));
      separator = ", ";
    }
    parts.add("}");
    CodeBlock text = concatenation(parts);
    TypeSpec.Builder type = TypeSpec.recordBuilder(snapshot);
    for (Property property : schema.properties()) {
      if (schemaDeclaresSetter(property)) {
        type.addMethod(refusingSetter(property));
      }
    }
    return type.addJavadoc(
            "An immutable copy of the values of {@link $T}, taken by {@link #snapshot()}.\n",
            schema.name())
        .addModifiers(Modifier.PUBLIC)
        .addSuperinterface(schema.name())
        .recordConstructor(constructor.build())
        .addMethod(
            MethodSpec.methodBuilder("toString")
                .addJavadoc("Returns the values as text, with {@code $L} for secrets.\n", MASK)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(String.class)
                .addStatement("return $L", text)
                .build())
        .build();
  }

  /**
   * Returns {@code "a=" + a + ", b=" + b}: strings become literals, adjacent ones merged, code
   * blocks stay.
   */
  private static CodeBlock concatenation(List<Object> parts) {
    List<CodeBlock> terms = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    for (Object part : parts) {
      if (part instanceof String) {
        literal.append((String) part);
      } else {
        if (literal.length() > 0) {
          terms.add(CodeBlock.of("$S", literal.toString()));
          literal.setLength(0);
        }
        terms.add((CodeBlock) part);
      }
    }
    if (literal.length() > 0) {
      terms.add(CodeBlock.of("$S", literal.toString()));
    }
    return CodeBlock.join(terms, "$W+ ");
  }

  /** Returns what a getter returns when nothing is stored, or null when it has no default. */
  private @Nullable CodeBlock fallback(Property property) {
    if (property.defaultValue() != null) {
      return property.defaultValue();
    }
    if (property.javaDefault()) {
      return CodeBlock.of("$T.super.$N()", schema.name(), property.methodName());
    }
    return null;
  }

  private TypeName returnType(Property property) {
    TypeName type = property.type().type();
    return nullable(property) ? type.annotated(AnnotationSpec.builder(NULLABLE).build()) : type;
  }

  /**
   * Returns whether the getter is {@code @Nullable} (a reference without default). Then the setters
   * take null too, meaning "remove the stored value", since Kotlin makes a {@code var} only of a
   * setter that takes what its getter returns.
   */
  private boolean nullable(Property property) {
    return property.type().shape() == ValueType.Shape.VALUE && fallback(property) == null;
  }

  private ParameterSpec setterParameter(Property property, String name) {
    TypeName type = setterType(property);
    return ParameterSpec.builder(
            nullable(property) ? type.annotated(AnnotationSpec.builder(NULLABLE).build()) : type,
            name)
        .build();
  }

  private static TypeName setterType(Property property) {
    ValueType type = property.type();
    return type.shape() == ValueType.Shape.OPTIONAL ? type.element() : type.type();
  }

  private static void requireNonNull(MethodSpec.Builder method, Property property, String name) {
    if (property.type().shape() != ValueType.Shape.PRIMITIVE) {
      method.addStatement("$T.requireNonNull($N, $S)", Objects.class, name, name + " == null");
    }
  }

  /**
   * Returns the {@code Batch} call that writes parameter {@code name}: {@code set(PORT,
   * String.valueOf(port))}.
   */
  private static CodeBlock write(Property property, String name) {
    ValueType type = property.type();
    if (type.shape() == ValueType.Shape.LIST) {
      CodeBlock items =
          type.kind() == ValueType.Kind.STRING
              ? CodeBlock.of("$N", name)
              : CodeBlock.of("$T.formatAll($N, $L)", CONF_VALUES, name, formatter(type));
      return CodeBlock.of("setList($N, $L)", constant(property), items);
    }
    return CodeBlock.of("set($N, $L)", constant(property), format(type, name));
  }

  private static CodeBlock format(ValueType type, String name) {
    switch (type.kind()) {
      case STRING:
        return CodeBlock.of("$N", name);
      case ENUM:
        return CodeBlock.of("$N.name()", name);
      case DURATION:
        return CodeBlock.of("$T.formatDuration($N)", CONF_VALUES, name);
      case URI:
        return CodeBlock.of("$N.toString()", name);
      case TEXT:
        return CodeBlock.of("$T.format($N)", TEXT_VALUES, name);
      default:
        return CodeBlock.of("$T.valueOf($N)", String.class, name);
    }
  }

  private static CodeBlock formatter(ValueType type) {
    switch (type.kind()) {
      case ENUM:
        return CodeBlock.of("$T::name", type.element());
      case DURATION:
        return CodeBlock.of("$T::formatDuration", CONF_VALUES);
      case URI:
        return CodeBlock.of("$T::toString", type.element());
      case TEXT:
        return CodeBlock.of("$T::format", TEXT_VALUES);
      default:
        return CodeBlock.of("$T::valueOf", String.class);
    }
  }

  private static CodeBlock parser(ValueType type) {
    switch (type.kind()) {
      case STRING:
        return CodeBlock.of("$T::parseString", CONF_VALUES);
      case BOOLEAN:
        return CodeBlock.of("$T::parseBoolean", CONF_VALUES);
      case INT:
        return CodeBlock.of("$T::parseInt", CONF_VALUES);
      case LONG:
        return CodeBlock.of("$T::parseLong", CONF_VALUES);
      case DOUBLE:
        return CodeBlock.of("$T::parseDouble", CONF_VALUES);
      case ENUM:
        return CodeBlock.of("$T.enumParser($T.class)", CONF_VALUES, type.element());
      case DURATION:
        return CodeBlock.of("$T::parseDuration", CONF_VALUES);
      case URI:
        return CodeBlock.of("$T::parseUri", CONF_VALUES);
      case TEXT:
        return CodeBlock.of("$T.parser($T.class)", TEXT_VALUES, type.element());
    }
    throw new AssertionError(type.kind());
  }

  /** Returns the property name, or {@code value} where that would be a keyword or hide a field. */
  private static String parameterName(Property property) {
    String name = property.name();
    boolean hides = name.equals("store") || name.equals("batch");
    return SourceVersion.isKeyword(name) || hides ? "value" : name;
  }

  /** Returns the name of the property's constant: {@code READ_TIMEOUT} for {@code readTimeout}. */
  private static String constant(Property property) {
    String name = property.name().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    return name.equals("PATHS") ? "PATHS_PARAM" : name;
  }

  private static String capitalize(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
