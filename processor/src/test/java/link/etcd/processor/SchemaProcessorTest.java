package link.etcd.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Runs javac with the processor: the accessor it generates, and every schema mistake as an error on
 * its line.
 */
final class SchemaProcessorTest {
  private static Compilation compile(JavaFileObject... sources) {
    return Compiler.javac()
        .withProcessors(new SchemaProcessor())
        .withOptions("-Xlint:all", "-Werror")
        .compile(sources);
  }

  private static JavaFileObject source(String name, String text) {
    return JavaFileObjects.forSourceString(name, text);
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = SchemaProcessorTest.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IOException("Missing test resource " + path);
      }
      return new String(in.readAllBytes(), UTF_8);
    }
  }

  @Test
  void generatesTheGoldenAccessorWithoutWarnings() throws IOException {
    Compilation compilation =
        compile(JavaFileObjects.forResource("schema/com/example/MyConfigurable.java"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("com.example.MyConfigurableAccessor")
        .contentsAsUtf8String()
        .isEqualTo(resource("/golden/MyConfigurableAccessor.java"));
  }

  @Test
  void nestedSchemaGetsOuterUnderscoreInnerAccessor() {
    Compilation compilation =
        compile(
            source(
                "com.example.Outer",
                """
        package com.example;

        import link.etcd.schema.ConfigSchema;
        import link.etcd.schema.Default;

        public class Outer {
          @ConfigSchema(paths = "app/outer.conf", category = "INNER")
          public interface Inner {
            @Default("x") String name();
          }
        }
        """));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.example.Outer_InnerAccessor");
  }

  @Test
  void everyTypeCompilesWithoutWarnings() {
    Compilation compilation =
        compile(
            source(
                "com.example.Everything",
                """
        package com.example;

        import java.net.URI;
        import java.time.Duration;
        import java.util.List;
        import java.util.Optional;
        import link.etcd.schema.ConfigSchema;
        import link.etcd.schema.Default;
        import org.jspecify.annotations.Nullable;

        @ConfigSchema(paths = "app/everything.conf", category = "ALL")
        public interface Everything {
          enum Color { RED, GREEN }

          @Default("s") String text();
          @Default("true") boolean flag();
          @Default("-1") int count();
          @Default("9000000000") long big();
          @Default("0.5") double ratio();
          @Nullable Boolean boxedFlag();
          @Default("7") Integer boxedCount();
          @Default("7") Long boxedBig();
          @Default("1e3") Double boxedRatio();
          @Default("GREEN") Color color();
          @Default("250ms") Duration delay();
          @Default("http://localhost:2379") URI endpoint();
          @Default("a, b") List<String> texts();
          @Default("1,2") List<Integer> counts();
          @Default("1") List<Long> bigs();
          @Default("1.5") List<Double> ratios();
          @Default("true") List<Boolean> flags();
          @Default("RED,GREEN") List<Color> colors();
          @Default("1s,2m") List<Duration> delays();
          @Default("http://a") List<URI> endpoints();
          @Default("2h") Optional<Duration> timeout();
          Optional<Color> maybeColor();
          Optional<URI> maybeEndpoint();
        }
        """));

    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void classIsNotInterface() {
    JavaFileObject file =
        source(
            "com.example.Bad",
            """
        package com.example;

        import link.etcd.schema.ConfigSchema;

        @ConfigSchema(paths = "app/bad.conf", category = "BAD")
        public class Bad {}
        """);

    Compilation compilation = compile(file);

    assertThat(compilation)
        .hadErrorContaining(
            "[EtcdSchemaNotInterface] @ConfigSchema goes on an interface, but Bad"
                + " is a class; declare it as an interface")
        .inFile(file)
        .onLineContaining("@ConfigSchema");
  }

  @Test
  void methodWithParameters() {
    JavaFileObject file =
        source(
            "com.example.Bad",
            """
        package com.example;

        import link.etcd.schema.ConfigSchema;

        @ConfigSchema(paths = "app/bad.conf", category = "BAD")
        public interface Bad {
          String name(String fallback);
        }
        """);

    assertThat(compile(file))
        .hadErrorContaining(
            "[EtcdSchemaMethodParameters] Bad.name() must take no parameters"
                + " and no type parameters: a schema method reads one value")
        .inFile(file)
        .onLineContaining("name(");
  }

  @Test
  void setterBesideItsGetterIsImplementedSoKotlinVarsAreAssignable() {
    Compilation compilation =
        compile(
            source(
                "com.example.KotlinStyle",
                """
        package com.example;

        import java.util.List;
        import link.etcd.schema.ConfigSchema;
        import link.etcd.schema.Default;
        import org.jspecify.annotations.Nullable;

        @ConfigSchema(paths = "app/kotlin.conf", category = "APP")
        public interface KotlinStyle {
          @Default("8080") int getPort();

          void setPort(int port);

          @Nullable String getName();

          void setName(@Nullable String name);

          List<String> getHosts();

          void setHosts(List<String> hosts);
        }
        """));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("com.example.KotlinStyleAccessor")
        .contentsAsUtf8String()
        .contains("  @Override\n  public void setPort(int port) {");
  }

  @Test
  void setterWithoutItsGetter() {
    JavaFileObject file =
        source(
            "com.example.Bad",
            """
        package com.example;

        import link.etcd.schema.ConfigSchema;
        import link.etcd.schema.Default;

        @ConfigSchema(paths = "app/bad.conf", category = "BAD")
        public interface Bad {
          @Default("8080") int getPort();

          void setPort(long port);

          void setName(String name);
        }
        """);

    Compilation compilation = compile(file);
    assertThat(compilation)
        .hadErrorContaining(
            "[EtcdSchemaBadSetter] Bad.setPort(long) sets property 'port' of type"
                + " int; a schema declares a setter (a Kotlin var) only beside its getter, taking what the getter returns")
        .inFile(file)
        .onLineContaining("setPort(");
    assertThat(compilation)
        .hadErrorContaining(
            "[EtcdSchemaBadSetter] Bad.setName(java.lang.String) sets no property"
                + " 'name'; a schema declares a setter (a Kotlin var) only beside its getter, taking what the getter returns")
        .inFile(file)
        .onLineContaining("setName(");
  }

  @Test
  void methodWithTypeParameters() {
    JavaFileObject file =
        source(
            "com.example.Bad",
            """
        package com.example;

        import link.etcd.schema.ConfigSchema;

        @ConfigSchema(paths = "app/bad.conf", category = "BAD")
        public interface Bad {
          <T> String name();
        }
        """);

    assertThat(compile(file))
        .hadErrorContaining("[EtcdSchemaMethodParameters]")
        .inFile(file)
        .onLineContaining("<T> String name()");
  }

  @Test
  void unsupportedType() {
    JavaFileObject file =
        source(
            "com.example.Bad",
            """
        package com.example;

        import java.util.List;
        import java.util.Map;
        import link.etcd.schema.ConfigSchema;

        @ConfigSchema(paths = "app/bad.conf", category = "BAD")
        public interface Bad {
          Map<String, String> labels();
          List<List<String>> nested();
        }
        """);

    Compilation compilation = compile(file);

    assertThat(compilation)
        .hadErrorContaining(
            "[EtcdSchemaUnsupportedType] Bad.labels() returns"
                + " java.util.Map<java.lang.String,java.lang.String>; a schema method returns String, boolean, int, long,"
                + " double (or their boxes), an enum, Duration, URI, Instant, LocalDate, LocalDateTime, OffsetDateTime, UUID,"
                + " URL, Path, BigDecimal, BigInteger, or a List or Optional of one of those")
        .inFile(file)
        .onLineContaining("labels()");
    assertThat(compilation)
        .hadErrorContaining("[EtcdSchemaUnsupportedType] Bad.nested()")
        .inFile(file)
        .onLineContaining("nested()");
  }

  @Test
  void duplicateParam() {
    JavaFileObject file =
        source(
            "com.example.Bad",
            """
        package com.example;

        import link.etcd.schema.ConfigSchema;
        import link.etcd.schema.Param;
        import org.jspecify.annotations.Nullable;

        @ConfigSchema(paths = "app/bad.conf", category = "BAD")
        public interface Bad {
          @Nullable String host();
          @Param("host") @Nullable String address();
        }
        """);

    assertThat(compile(file))
        .hadErrorContaining(
            "[EtcdSchemaDuplicateParam] Bad.address() reads BAD/host, as"
                + " Bad.host() does; give one of them another @Param or @Category")
        .inFile(file)
        .onLineContaining("address()");
  }

  @Test
  void duplicateProperty() {
    JavaFileObject file =
        source(
            "com.example.Bad",
            """
        package com.example;

        import link.etcd.schema.Category;
        import link.etcd.schema.ConfigSchema;

        @ConfigSchema(paths = "app/bad.conf", category = "BAD")
        public interface Bad {
          int port();
          @Category("OTHER") int getPort();
        }
        """);

    assertThat(compile(file))
        .hadErrorContaining(
            "[EtcdSchemaDuplicateProperty] Bad.getPort() and Bad.port() are"
                + " both property 'port', so their setters would clash; rename one of them")
        .inFile(file)
        .onLineContaining("getPort()");
  }

  @Test
  void defaultThatDoesNotConvert() {
    JavaFileObject file =
        source(
            "com.example.Bad",
            """
        package com.example;

        import link.etcd.schema.ConfigSchema;
        import link.etcd.schema.Default;

        @ConfigSchema(paths = "app/bad.conf", category = "BAD")
        public interface Bad {
          enum Mode { FAST, SAFE }

          @Default("abc")
          int port();

          @Default("slow")
          Mode mode();
        }
        """);

    Compilation compilation = compile(file);

    assertThat(compilation)
        .hadErrorContaining(
            "[EtcdSchemaBadDefault] @Default(\"abc\") of Bad.port() does not"
                + " convert to int: Expected an int but was \"abc\"")
        .inFile(file)
        .onLineContaining("@Default(\"abc\")");
    assertThat(compilation)
        .hadErrorContaining(
            "[EtcdSchemaBadDefault] @Default(\"slow\") of Bad.mode() does not"
                + " convert to com.example.Bad.Mode: Expected one of FAST, SAFE but was \"slow\"")
        .inFile(file)
        .onLineContaining("@Default(\"slow\")");
  }

  @Test
  void defaultOfAValueTypeThatDoesNotParse() {
    JavaFileObject file =
        source(
            "com.example.Bad",
            """
        package com.example;

        import java.util.UUID;
        import link.etcd.schema.ConfigSchema;
        import link.etcd.schema.Default;

        @ConfigSchema(paths = "app/bad.conf", category = "BAD")
        public interface Bad {
          @Default("1-2-3") UUID id();
        }
        """);

    assertThat(compile(file))
        .hadErrorContaining(
            "[EtcdSchemaBadDefault] @Default(\"1-2-3\") of Bad.id() does not"
                + " convert to java.util.UUID: Expected a UUID (such as 123e4567-e89b-12d3-a456-426614174000) but was"
                + " \"1-2-3\"")
        .inFile(file)
        .onLineContaining("@Default");
  }

  @Test
  void defaultAnnotationAndDefaultBody() {
    JavaFileObject file =
        source(
            "com.example.Bad",
            """
        package com.example;

        import link.etcd.schema.ConfigSchema;
        import link.etcd.schema.Default;

        @ConfigSchema(paths = "app/bad.conf", category = "BAD")
        public interface Bad {
          @Default("1") default int port() { return 2; }
        }
        """);

    assertThat(compile(file))
        .hadErrorContaining(
            "[EtcdSchemaBadDefault] Bad.port() has both @Default and a"
                + " default body; keep one of them")
        .inFile(file)
        .onLineContaining("default int port()");
  }

  @Test
  void badNames() {
    JavaFileObject file =
        source(
            "com.example.Bad",
            """
        package com.example;

        import link.etcd.schema.Category;
        import link.etcd.schema.ConfigSchema;
        import link.etcd.schema.Param;

        @ConfigSchema(paths = {"/app/bad.conf", "app//x"}, category = "")
        public interface Bad {
          @Category("A/B") int port();
          @Param("..") int host();
        }
        """);

    Compilation compilation = compile(file);

    assertThat(compilation)
        .hadErrorContaining(
            "[EtcdSchemaBadName] Path \"/app/bad.conf\" of Bad must not start"
                + " or end with '/'; write it as \"myproject/app.conf\"")
        .inFile(file)
        .onLineContaining("@ConfigSchema");
    assertThat(compilation)
        .hadErrorContaining(
            "[EtcdSchemaBadName] Path \"app//x\" of Bad must not have an"
                + " empty, '.' or '..' segment")
        .inFile(file)
        .onLineContaining("@ConfigSchema");
    assertThat(compilation)
        .hadErrorContaining(
            "[EtcdSchemaBadName] Category \"\" of Bad must not be empty or" + " blank")
        .inFile(file)
        .onLineContaining("@ConfigSchema");
    assertThat(compilation)
        .hadErrorContaining(
            "[EtcdSchemaBadName] @Category(\"A/B\") of Bad.port() must be a"
                + " single key segment (no '/', not '.' or '..')")
        .inFile(file)
        .onLineContaining("@Category(\"A/B\")");
    assertThat(compilation)
        .hadErrorContaining(
            "[EtcdSchemaBadName] @Param(\"..\") of Bad.host() must be a"
                + " single key segment (no '/', not '.' or '..')")
        .inFile(file)
        .onLineContaining("@Param(\"..\")");
  }

  @Test
  void noPaths() {
    JavaFileObject file =
        source(
            "com.example.Bad",
            """
        package com.example;

        import link.etcd.schema.ConfigSchema;

        @ConfigSchema(paths = {}, category = "BAD")
        public interface Bad {}
        """);

    assertThat(compile(file))
        .hadErrorContaining(
            "[EtcdSchemaBadName] @ConfigSchema of Bad needs at least one"
                + " path, such as paths = \"myproject/myconfigurable.conf\"")
        .inFile(file)
        .onLineContaining("@ConfigSchema");
  }

  @Test
  void typeParametersExtendsAndReservedNames() {
    JavaFileObject file =
        source(
            "com.example.Bad",
            """
        package com.example;

        import link.etcd.schema.ConfigSchema;

        @ConfigSchema(paths = "app/bad.conf", category = "BAD")
        public interface Bad<T> extends Runnable {
          int reload();
        }
        """);

    Compilation compilation = compile(file);

    assertThat(compilation)
        .hadErrorContaining(
            "[EtcdSchemaTypeParameters] Schema Bad must not have type" + " parameters; remove them")
        .inFile(file)
        .onLineContaining("interface Bad");
    assertThat(compilation)
        .hadErrorContaining(
            "[EtcdSchemaExtends] Schema Bad must not extend other interfaces;"
                + " declare every parameter in it")
        .inFile(file)
        .onLineContaining("interface Bad");
    assertThat(compilation)
        .hadErrorContaining(
            "[EtcdSchemaReservedName] Bad.reload() has the name of a method"
                + " every accessor has (reload(), autoReload(), addReloadListener(), removeReloadListener(), edit(),"
                + " snapshot(), toString(), hashCode()); rename it and keep the stored name with @Param")
        .inFile(file)
        .onLineContaining("int reload()");
  }

  @Test
  void privateNestedSchema() {
    JavaFileObject file =
        source(
            "com.example.Outer",
            """
        package com.example;

        import link.etcd.schema.ConfigSchema;

        public class Outer {
          @ConfigSchema(paths = "app/bad.conf", category = "BAD")
          private interface Hidden {}
        }
        """);

    assertThat(compile(file))
        .hadErrorContaining(
            "[EtcdSchemaNotAccessible] Schema Outer.Hidden must not be"
                + " private, or nested in a private type: its accessor is generated beside it")
        .inFile(file)
        .onLineContaining("interface Hidden");
  }

  @Test
  void reportsEveryMistakeInOneCompile() {
    JavaFileObject file =
        source(
            "com.example.Bad",
            """
        package com.example;

        import java.util.Map;
        import link.etcd.schema.ConfigSchema;
        import link.etcd.schema.Default;
        import link.etcd.schema.Param;

        @ConfigSchema(paths = "app/bad.conf", category = "BAD")
        public interface Bad {
          String name(String fallback);
          Map<String, String> labels();
          @Default("abc") int port();
          long timeout();
          @Param("timeout") long other();
        }
        """);

    Compilation compilation = compile(file);

    assertThat(compilation).failed();
    String tags =
        compilation.errors().stream()
            .map(error -> error.getMessage(null).replaceAll("\\].*", "]"))
            .collect(Collectors.joining(" "));
    assertEquals(
        "[EtcdSchemaMethodParameters] [EtcdSchemaUnsupportedType] [EtcdSchemaBadDefault]"
            + " [EtcdSchemaDuplicateParam]",
        tags);
    assertEquals(
        4,
        compilation.diagnostics().stream()
            .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
            .count());
  }
}
