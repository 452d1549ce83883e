package link.etcd.middleware;

import link.etcd.EtcdError;
import link.etcd.EtcdException;

/**
 * An error the map protocol finds itself on the v3 API, where etcd has no directories to refuse a write: the root
 * written or deleted, a value where a directory is needed, a tree write that kept losing to other writers. It
 * carries the same {@link EtcdError} as v2 gives in the same case, so callers handle both APIs alike.
 */
final class V3TreeException extends EtcdException {
  private static final long serialVersionUID = 1L;

  V3TreeException(String message, EtcdError error, String key) {
    super(error, message, NO_SERVER_CODE, null, key, 0);
  }
}
