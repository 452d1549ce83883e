package link.etcd;

import org.jspecify.annotations.Nullable;

/**
 * The key already exists and the request asked to create it ({@link EtcdError#ALREADY_EXISTS}; v2
 * error 105). Read the key, or write without the create-only condition.
 */
public final class EtcdNodeExistsException extends EtcdException {
  private static final long serialVersionUID = 1L;

  EtcdNodeExistsException(
      String message,
      int serverCode,
      @Nullable String serverMessage,
      @Nullable String detail,
      long index) {
    super(EtcdError.ALREADY_EXISTS, message, serverCode, serverMessage, detail, index);
  }
}
