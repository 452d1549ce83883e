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
  static final TypeMapping DEFAULT = new TypeMapping(new Moshi.Builder().build());

  private final Moshi moshi;

  TypeMapping(Moshi moshi) {
    this.moshi = moshi.newBuilder().add(TreeAdapters.INSTANCE).build();
  }

  /**
   * Returns the JSON value (a {@code Map}, {@code List}, {@code String}, {@code Number}, {@code Boolean} or
   * {@code null}) Moshi makes of {@code value}, to be written at {@code key}.
   */
  @Nullable Object toJsonValue(Object value, String key) {
    try {
      JsonAdapter<Object> adapter = moshi.adapter((Type) value.getClass());
      return adapter.toJsonValue(value);
    } catch (IllegalArgumentException | JsonDataException e) {
      throw new IllegalArgumentException("Unsupported value of type " + value.getClass().getName() + " at " + key
          + ": Moshi cannot map it (" + e.getMessage() + "); use a Map, a List, an array, a scalar, a record or"
          + " a class Moshi maps, or give EtcdMiddleware a Moshi with an adapter for it", e);
    }
  }

  /** Reads {@code tree}, as {@link TreeReader} made it from {@code key}, into {@code type}. */
  @Nullable Object fromTree(Object tree, Type type, String key) {
    JsonAdapter<Object> adapter;
    try {
      adapter = moshi.adapter(type);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Cannot read " + key + " as " + type.getTypeName() + ": Moshi cannot map"
          + " it (" + e.getMessage() + "); give EtcdMiddleware a Moshi with an adapter for it", e);
    }
    try {
      return adapter.fromJsonValue(tree);
    } catch (JsonDataException e) {
      throw new IllegalArgumentException(EtcdPaths.toKey(String.valueOf(e.getMessage()), key), e);
    }
  }
}
