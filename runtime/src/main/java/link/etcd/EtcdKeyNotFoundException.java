package link.etcd;

import org.jspecify.annotations.Nullable;

/**
 * The key does not exist ({@link EtcdError#NOT_FOUND}; v2 error 100). {@link #key()} is the key
 * that was asked for; etcd's {@link #detail()} may name the first missing part of it instead.
 */
public final class EtcdKeyNotFoundException extends EtcdException {
  private static final long serialVersionUID = 1L;

  /** The key asked for. */
  private final @Nullable String key;

  /**
   * Creates the exception for {@code key}, as the map protocol reports it on the v3 API, where a
   * missing key is an empty range rather than an error.
   *
   * @param key the key that was asked for
   */
  public EtcdKeyNotFoundException(String key) {
    this("Key not found: " + key, NO_SERVER_CODE, null, null, 0, key);
  }

  EtcdKeyNotFoundException(
      String message,
      int serverCode,
      @Nullable String serverMessage,
      @Nullable String detail,
      long index,
      @Nullable String key) {
    super(EtcdError.NOT_FOUND, message, serverCode, serverMessage, detail, index);
    this.key = key;
  }

  /**
   * {@return the key that was asked for, such as {@code /definitely/missing}, or {@code null} when
   * unknown}
   */
  public @Nullable String key() {
    return key;
  }
}
