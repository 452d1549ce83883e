package link.etcd.middleware;

import link.etcd.EtcdError;
import link.etcd.EtcdException;

/**
 * An error the map protocol finds itself on the v3 API, where etcd has no directories to refuse a
 * write: the root written or deleted ({@link EtcdError#ROOT_READ_ONLY}), a value where a directory
 * is needed ({@link EtcdError#NOT_A_DIRECTORY}), a write that kept losing to other writers ({@link
 * EtcdError#COMPARE_FAILED}). Callers see an {@link EtcdException} with the same {@link EtcdError}
 * as on v2.
 */
final class V3TreeException extends EtcdException {
  private static final long serialVersionUID = 1L;

  V3TreeException(EtcdError error, String message) {
    super(error, message, null);
  }
}
