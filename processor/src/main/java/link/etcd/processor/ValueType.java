package link.etcd.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a schema method returns: the kind of its value(s), whether it is a primitive, a plain
 * reference, an {@code Optional} or a {@code List}, and the types to write in generated code.
 *
 * @param kind how one value is converted
 * @param shape how the value is wrapped
 * @param type the method's return type
 * @param element the type of one value, boxed ({@code Integer} for {@code int} and {@code
 *     List<Integer>})
 * @param enumConstants the constant names when {@code kind} is {@link Kind#ENUM}, else empty
 */
record ValueType(
    Kind kind, Shape shape, TypeName type, TypeName element, List<String> enumConstants) {
  /** How one raw string converts. */
  enum Kind {
    STRING,
    BOOLEAN,
    INT,
    LONG,
    DOUBLE,
    ENUM,
    DURATION,
    URI,
    /**
     * Instant, LocalDate, UUID, URL, Path, BigDecimal...: stored as its standard text, see {@code
     * TextValues}.
     */
    TEXT
  }

  /** How the converted value is returned. */
  enum Shape {
    /** {@code int}: never null; without a default, a missing value throws. */
    PRIMITIVE,
    /** {@code String}, {@code Integer}, an enum...: null when missing without a default. */
    VALUE,
    /** {@code Optional<T>}: empty when missing without a default. */
    OPTIONAL,
    /** {@code List<T>}: empty when missing without a default. */
    LIST
  }

  /** Returns the enum type when {@code kind} is {@link Kind#ENUM}, else null. */
  @Nullable ClassName enumType() {
    return kind == Kind.ENUM ? (ClassName) element : null;
  }
}
