package link.etcd;

/**
 * What went wrong, whichever etcd API answered: every {@link EtcdException} carries one. etcd's own
 * code (v2's {@code errorCode}, v3's gRPC status code) is mapped to it, never the HTTP status; the
 * code itself stays available as {@link EtcdException#serverCode()}. The table of codes is in
 * {@code docs/semantics.md}.
 *
 * <pre>{@code
 * } catch (EtcdException e) {
 *   if (e.error() == EtcdError.UNAVAILABLE) { ... try again later ... }
 * }
 * }</pre>
 */
public enum EtcdError {
  /** The key does not exist ({@link EtcdKeyNotFoundException}). */
  NOT_FOUND(false),
  /**
   * A compare-and-swap or compare-and-delete condition did not hold ({@link
   * EtcdCompareFailedException}).
   */
  COMPARE_FAILED(false),
  /** The key exists and the request asked to create it ({@link EtcdNodeExistsException}). */
  ALREADY_EXISTS(false),
  /** A key holding a value was needed, a directory was found. */
  NOT_A_FILE(false),
  /** A directory was needed, a key holding a value was found. */
  NOT_A_DIRECTORY(false),
  /** A non-recursive delete of a directory that is not empty. */
  DIRECTORY_NOT_EMPTY(false),
  /** The root {@code /} cannot be written or deleted. */
  ROOT_READ_ONLY(false),
  /** The credentials are missing, wrong or expired: check the username and password. */
  UNAUTHORIZED(false),
  /** The user is known but its roles do not allow the request. */
  PERMISSION_DENIED(false),
  /** etcd refused a field of the request as invalid. */
  INVALID_REQUEST(false),
  /** The request is larger than etcd accepts. */
  TOO_LARGE(false),
  /**
   * The server does not serve this API or request (for example etcd without {@code --enable-v2}).
   */
  UNSUPPORTED(false),
  /**
   * The cluster cannot serve now (no leader, an election under way, a watcher cleared); a later
   * retry may work.
   */
  UNAVAILABLE(true),
  /**
   * The history asked for is gone (v2: event index cleared; v3: revision compacted); read again
   * instead.
   */
  COMPACTED(false),
  /** etcd failed internally (v2: raft internal error); a later retry may work. */
  INTERNAL(true),
  /** No answer came within {@code read_timeout} ({@link EtcdTimeoutException}). */
  TIMEOUT(true),
  /**
   * etcd could not be reached, or the connection failed before the answer ({@link
   * EtcdConnectionException}).
   */
  CONNECTION(true),
  /**
   * A request that is not safe to repeat reached etcd and its answer was lost: read before
   * repeating it ({@link EtcdIndeterminateException}).
   */
  OUTCOME_UNKNOWN(false),
  /** The call was cancelled: the client was closed or the calling thread interrupted. */
  CANCELLED(false),
  /** An endpoint answered for another cluster ({@link EtcdClusterIdChangedException}). */
  CLUSTER_CHANGED(false),
  /**
   * Anything else: an error code this library does not know, an unexpected HTTP answer, an
   * unreadable body.
   */
  UNKNOWN(false);

  private final boolean retryable;

  EtcdError(boolean retryable) {
    this.retryable = retryable;
  }

  /**
   * {@return whether the same request, sent again later, can succeed with nothing else changed} A
   * timeout or a connection failure of a write may also mean the write was applied: such a write is
   * repeated only when it is idempotent.
   */
  public boolean retryable() {
    return retryable;
  }
}
