package link.etcd.middleware;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import java.lang.reflect.Type;
import org.jspecify.annotations.Nullable;

/**
 * Maps objects to trees and back with Moshi: an object is written as the JSON value Moshi makes of it (objects
 * become directories, arrays items, numbers and booleans strings); a tree is read into a declared type with
 * {@link TreeAdapters}, which parse the leaves' strings as that type says. Errors name the etcd key.
 */
final class TypeMapping {
  /** moshi-kotlin's factory, or null when that optional dependency is not on the class path. */
  private static final JsonAdapter.@Nullable Factory KOTLIN = kotlinFactory();

  static final TypeMapping DEFAULT = new TypeMapping(new Moshi.Builder().build());

  private final Moshi moshi;

  TypeMapping(Moshi moshi) {
    Moshi.Builder builder = moshi.newBuilder().add(TreeAdapters.INSTANCE);
    if (KOTLIN != null) {
      builder.addLast(KOTLIN);
    }
    this.moshi = builder.build();
  }

  /**
   * Returns moshi-kotlin's {@code KotlinJsonAdapterFactory} when it is on the class path, so that Kotlin classes
   * map (Moshi's own reflection refuses them), or null.
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
      throw new IllegalStateException("Cannot create moshi-kotlin's " + factory.getName() + ": " + e, e);
    }
  }

  /**
   * Returns the JSON value (a {@code Map}, {@code List}, {@code String}, {@code Number}, {@code Boolean} or
   * {@code null}) Moshi makes of {@code value}, to be written at {@code key}.
   */
  @Nullable Object toJsonValue(Object value, String key) {
    try {
      JsonAdapter<Object> adapter = moshi.adapter((Type) value.getClass());
      return adapter.toJsonValue(value);
    } catch (IllegalArgumentException | JsonDataException | AssertionError e) {
      throw new IllegalArgumentException("Unsupported value of type " + value.getClass().getName() + " at " + key
          + ": Moshi cannot map it (" + reason(e) + "); use a Map, a List, an array, a scalar, a record or"
          + " a class Moshi maps, or give EtcdMiddleware a Moshi with an adapter for it", e);
    }
  }

  /**
   * Returns what Moshi says went wrong. Moshi throws an {@link AssertionError} when it cannot call a record's
   * accessors or constructor, which happens when the record is not public.
   */
  private static @Nullable String reason(Throwable e) {
    if (e instanceof AssertionError && e.getCause() instanceof IllegalAccessException access) {
      return "it calls a record's accessors and constructor, so the record must be public: " + access.getMessage();
    }
    if (e instanceof AssertionError) {
      throw (AssertionError) e;
    }
    return String.valueOf(e.getMessage()).replace('\n', ' ');
  }

  /** Reads {@code tree}, as {@link TreeReader} made it from {@code key}, into {@code type}. */
  @Nullable Object fromTree(Object tree, Type type, String key) {
    JsonAdapter<Object> adapter;
    try {
      adapter = moshi.adapter(type);
    } catch (IllegalArgumentException | AssertionError e) {
      throw new IllegalArgumentException("Cannot read " + key + " as " + type.getTypeName() + ": Moshi cannot map"
          + " it (" + reason(e) + "); give EtcdMiddleware a Moshi with an adapter for it", e);
    }
    try {
      return adapter.fromJsonValue(tree);
    } catch (JsonDataException e) {
      throw new IllegalArgumentException(EtcdPaths.toKey(String.valueOf(e.getMessage()), key), e);
    }
  }
}
