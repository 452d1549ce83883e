package link.etcd.middleware;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Maps objects to trees and back with Moshi: an object is written as the JSON value Moshi makes of
 * it (objects become directories, arrays items, numbers and booleans strings); a tree is read into
 * a declared type with {@link TreeAdapters}, which parse the leaves' strings as that type says.
 * Errors name the etcd key.
 */
final class TypeMapping {
  /** The mapping of a middleware made without a Moshi of its own: Moshi's defaults. */
  static final TypeMapping DEFAULT = new TypeMapping(null);

  /** The user's Moshi, or null for Moshi's defaults. */
  private final @Nullable Moshi base;

  /**
   * {@link #base} with the tree adapters (and moshi-kotlin's factory when it is on the class path),
   * built at first use: writes of maps, lists and scalars never need it, and building it loads
   * Moshi's and the adapters' classes (costly in a fresh JVM).
   */
  private volatile @Nullable Moshi moshi;

  TypeMapping(@Nullable Moshi moshi) {
    this.base = moshi;
  }

  private Moshi moshi() {
    Moshi built = moshi;
    if (built == null) {
      Moshi.Builder builder =
          (base == null ? new Moshi.Builder() : base.newBuilder())
              .add(TreeAdapters.INSTANCE)
              .add(ValueAdapters.INSTANCE);
      JsonAdapter.Factory kotlin = kotlinFactory();
      if (kotlin != null) {
        builder.addLast(kotlin);
      }
      // Two threads may both build it: the two are alike.
      built = builder.build();
      moshi = built;
    }
    return built;
  }

  /**
   * Returns moshi-kotlin's {@code KotlinJsonAdapterFactory} when it is on the class path, so that
   * Kotlin classes map (Moshi's own reflection refuses them), or null.
   */
  private static JsonAdapter.@Nullable Factory kotlinFactory() {
    Class<?> factory;
    try {
      factory = Class.forName("com.squareup.moshi.kotlin.reflect.KotlinJsonAdapterFactory");
    } catch (ClassNotFoundException e) {
      return null;
    }
    try {
      return (JsonAdapter.Factory) factory.getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "Cannot create moshi-kotlin's " + factory.getName() + ": " + e, e);
    }
  }

  /**
   * Returns the JSON value (a {@code Map}, {@code List}, {@code String}, {@code Number}, {@code
   * Boolean} or {@code null}) Moshi makes of {@code value}, to be written at {@code key}.
   */
  @Nullable Object toJsonValue(Object value, String key) {
    Object json;
    try {
      JsonAdapter<Object> adapter = moshi().adapter((Type) value.getClass());
      json = adapter.toJsonValue(value);
    } catch (IllegalArgumentException | JsonDataException | AssertionError e) {
      throw unmappable(
          "Unsupported value of type " + value.getClass().getName() + " at " + key,
          value.getClass(),
          e,
          "use a Map, a List, an array, a scalar, a record or a class Moshi maps, or give"
              + " EtcdMiddleware a Moshi with an adapter for it");
    }
    if (json instanceof Map<?, ?> map && map.isEmpty() && !hasFields(value.getClass())) {
      throw new IllegalArgumentException(
          "Unsupported value of type "
              + value.getClass().getName()
              + " at "
              + key
              + ": it has no fields, so it has no tree form (Moshi would write an empty directory); use a Map, a List,"
              + " an array, a scalar, a record or a class with fields");
    }
    return json;
  }

  /**
   * Returns whether {@code type} or a superclass declares an instance field: what Moshi writes of a
   * class.
   */
  private static boolean hasFields(Class<?> type) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (!Modifier.isStatic(field.getModifiers())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The error for a type Moshi refused to map: {@code subject}, then how to fix an unreachable
   * record or, for anything else, Moshi's reason and {@code remedy}.
   */
  private static IllegalArgumentException unmappable(
      String subject, Type type, Throwable e, String remedy) {
    String fix = isKotlin(type) ? KOTLIN_REMEDY : remedy;
    return new IllegalArgumentException(
        subject
            + ": "
            + unreachableRecord(e).orElse("Moshi cannot map it (" + oneLine(e) + "); " + fix),
        e);
  }

  /** What maps a Kotlin class: moshi-kotlin, which the Kotlin artifact brings. */
  private static final String KOTLIN_REMEDY =
      "a Kotlin class maps when link.etcd:link-etcd-kotlin is a dependency (it brings moshi-kotlin"
          + " with kotlin-reflect), or give EtcdMiddleware a Moshi with an adapter for it";

  /** Whether {@code type} is a class Kotlin compiled: Moshi's own reflection refuses those. */
  private static boolean isKotlin(Type type) {
    Type raw = type instanceof ParameterizedType parameterized ? parameterized.getRawType() : type;
    return raw instanceof Class<?> c
        && Arrays.stream(c.getDeclaredAnnotations())
            .anyMatch(a -> a.annotationType().getName().equals("kotlin.Metadata"));
  }

  /**
   * Says how to fix a record Moshi cannot reach, when that is what went wrong: Moshi throws an
   * {@link AssertionError} caused by an {@link IllegalAccessException} (whose message shows only
   * JDK internals) when it cannot call a record's accessors or constructor, which happens when the
   * record is not public. Any other {@link AssertionError} is thrown on.
   */
  private static Optional<String> unreachableRecord(Throwable e) {
    if (e instanceof AssertionError && e.getCause() instanceof IllegalAccessException) {
      return Optional.of(
          "Moshi cannot call the record's accessors and constructor; make the record public");
    }
    if (e instanceof AssertionError) {
      throw (AssertionError) e;
    }
    return Optional.empty();
  }

  private static String oneLine(Throwable e) {
    return String.valueOf(e.getMessage()).replace('\n', ' ');
  }

  /**
   * Reads {@code tree}, as {@code EtcdClient.readValues} made it from {@code key}, into {@code
   * type}.
   */
  @Nullable Object fromTree(Object tree, Type type, String key) {
    JsonAdapter<Object> adapter;
    try {
      adapter = moshi().adapter(type);
    } catch (IllegalArgumentException | AssertionError e) {
      throw unmappable(
          "Cannot read " + key + " as " + type.getTypeName(),
          type,
          e,
          "give EtcdMiddleware a Moshi with an adapter for it");
    }
    try {
      return adapter.fromJsonValue(tree);
    } catch (JsonDataException e) {
      throw new IllegalArgumentException(EtcdPaths.toKey(String.valueOf(e.getMessage()), key), e);
    }
  }
}
