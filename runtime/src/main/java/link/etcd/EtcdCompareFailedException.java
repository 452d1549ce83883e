package link.etcd;

import org.jspecify.annotations.Nullable;

/**
 * A compare-and-swap or compare-and-delete condition did not hold ({@link
 * EtcdError#COMPARE_FAILED}; v2 error 101): someone else changed the key first. Read it again and
 * decide.
 */
public final class EtcdCompareFailedException extends EtcdException {
  private static final long serialVersionUID = 1L;

  EtcdCompareFailedException(
      String message,
      int serverCode,
      @Nullable String serverMessage,
      @Nullable String detail,
      long index) {
    super(EtcdError.COMPARE_FAILED, message, serverCode, serverMessage, detail, index);
  }
}
