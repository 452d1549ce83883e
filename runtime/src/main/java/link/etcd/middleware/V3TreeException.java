package link.etcd.middleware;

import link.etcd.EtcdException;

/**
 * An error the map protocol finds itself on the v3 API, where etcd has no directories to refuse a write: the root
 * written or deleted, a value where a directory is needed, a tree write that kept losing to other writers. It
 * carries the v2 error code of the same case, so callers handle both APIs alike.
 */
final class V3TreeException extends EtcdException {
  private static final long serialVersionUID = 1L;

  /** v2's "Compare failed". */
  static final int COMPARE_FAILED = 101;
  /** v2's "Not a directory". */
  static final int NOT_A_DIRECTORY = 104;
  /** v2's "Root is read only". */
  static final int ROOT_READ_ONLY = 107;

  V3TreeException(String message, int errorCode, String key) {
    super(message, errorCode, key, 0, null);
  }
}
