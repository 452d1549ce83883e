package link.etcd;

import org.jspecify.annotations.Nullable;

/** The key does not exist (etcd error 100). */
public final class EtcdKeyNotFoundException extends EtcdException {
  private static final long serialVersionUID = 1L;

  /** The etcd error code this exception stands for. */
  public static final int ERROR_CODE = 100;

  /**
   * Creates the exception for {@code key}, as the map protocol reports it on the v3 API, where a missing key is
   * an empty range rather than an error.
   *
   * @param key the key that was asked for
   */
  public EtcdKeyNotFoundException(String key) {
    this("Key not found: " + key, key, 0);
  }

  EtcdKeyNotFoundException(String message, @Nullable String cause, long index) {
    super(message, ERROR_CODE, cause, index, null);
  }
}
