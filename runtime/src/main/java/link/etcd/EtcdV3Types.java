package link.etcd;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The values of etcd's v3 API that {@link EtcdV3Client} takes and returns: keys, the options and
 * answers of its calls, leases, member status, and the compares and operations of a txn. This
 * interface exists to hold them, and {@link EtcdV3Client} is its one implementation; name them as
 * {@code EtcdV3Client.KeyValue} or {@code EtcdV3Types.KeyValue}, which are the same type.
 */
public sealed interface EtcdV3Types permits EtcdV3Client {
  /**
   * A key as etcd stores it.
   *
   * @param key the key, without {@code key_prefix}
   * @param value the value ({@code ""} with {@link RangeOptions#keysOnly()})
   * @param createRevision the revision that created the key
   * @param modRevision the revision that last changed it
   * @param version how many times it was written since it was created (1 after the first put)
   * @param lease the id of the lease it is attached to, or 0
   */
  public record KeyValue(
      String key, String value, long createRevision, long modRevision, long version, long lease) {}

  /**
   * How to read: a range end, limits and the revision to read at. Every option starts at etcd's
   * default.
   *
   * @param rangeEnd the end of the range (exclusive), {@code "\0"} for every key from the start key
   *     on, or {@code null} to read the one key; see {@link EtcdV3Client#prefixEnd(String)}
   * @param limit the most keys to return, 0 for no limit
   * @param revision the revision to read at, 0 for the latest
   * @param serializable whether the member may answer from its own copy, without asking the leader
   *     (faster, maybe stale)
   * @param keysOnly whether to leave the values out
   * @param countOnly whether to return only the count
   */
  public record RangeOptions(
      @Nullable String rangeEnd,
      long limit,
      long revision,
      boolean serializable,
      boolean keysOnly,
      boolean countOnly) {
    private static final RangeOptions DEFAULTS = new RangeOptions(null, 0, 0, false, false, false);

    /**
     * Checks the options.
     *
     * @param rangeEnd the end of the range, {@code "\0"} for every key from the start key on, or
     *     {@code null}
     * @param limit the most keys to return, 0 for no limit
     * @param revision the revision to read at, 0 for the latest
     * @param serializable whether the member may answer from its own copy
     * @param keysOnly whether to leave the values out
     * @param countOnly whether to return only the count
     * @throws IllegalArgumentException when the limit or revision is negative
     */
    public RangeOptions {
      if (limit < 0) {
        throw new IllegalArgumentException("limit must be 0 (none) or positive but was " + limit);
      }
      if (revision < 0) {
        throw new IllegalArgumentException(
            "revision must be 0 (latest) or positive but was " + revision);
      }
    }

    /** {@return the options of a plain read of one key} */
    public static RangeOptions defaults() {
      return DEFAULTS;
    }

    /**
     * {@return a copy with this range end}
     *
     * @param rangeEnd the end of the range, {@code "\0"} for everything from the start key on, or
     *     {@code null}
     */
    public RangeOptions withRangeEnd(@Nullable String rangeEnd) {
      return new RangeOptions(rangeEnd, limit, revision, serializable, keysOnly, countOnly);
    }

    /**
     * {@return a copy with this limit}
     *
     * @param limit the most keys to return, 0 for no limit
     */
    public RangeOptions withLimit(long limit) {
      return new RangeOptions(rangeEnd, limit, revision, serializable, keysOnly, countOnly);
    }

    /**
     * {@return a copy reading at this revision}
     *
     * @param revision the revision, 0 for the latest
     */
    public RangeOptions withRevision(long revision) {
      return new RangeOptions(rangeEnd, limit, revision, serializable, keysOnly, countOnly);
    }

    /**
     * {@return a copy with this serializable flag}
     *
     * @param serializable whether the member may answer from its own copy
     */
    public RangeOptions withSerializable(boolean serializable) {
      return new RangeOptions(rangeEnd, limit, revision, serializable, keysOnly, countOnly);
    }

    /**
     * {@return a copy with this keys-only flag}
     *
     * @param keysOnly whether to leave the values out
     */
    public RangeOptions withKeysOnly(boolean keysOnly) {
      return new RangeOptions(rangeEnd, limit, revision, serializable, keysOnly, countOnly);
    }

    /**
     * {@return a copy with this count-only flag}
     *
     * @param countOnly whether to return only the count
     */
    public RangeOptions withCountOnly(boolean countOnly) {
      return new RangeOptions(rangeEnd, limit, revision, serializable, keysOnly, countOnly);
    }
  }

  /**
   * How to put.
   *
   * @param lease the id of the lease to attach the key to, or 0 for none
   * @param prevKv whether to return the key as it was before
   */
  public record PutOptions(long lease, boolean prevKv) {
    private static final PutOptions DEFAULTS = new PutOptions(0, false);

    /** {@return a plain put: no lease, no previous key} */
    public static PutOptions defaults() {
      return DEFAULTS;
    }

    /**
     * {@return a copy attaching the key to this lease}
     *
     * @param lease the lease's id, or 0 for none
     */
    public PutOptions withLease(long lease) {
      return new PutOptions(lease, prevKv);
    }

    /**
     * {@return a copy with this prev-kv flag}
     *
     * @param prevKv whether to return the key as it was before
     */
    public PutOptions withPrevKv(boolean prevKv) {
      return new PutOptions(lease, prevKv);
    }
  }

  /**
   * How to delete.
   *
   * @param rangeEnd the end of the range (exclusive), {@code "\0"} for every key from the start key
   *     on, or {@code null} to delete the one key
   * @param prevKv whether to return the deleted keys
   */
  public record DeleteRangeOptions(@Nullable String rangeEnd, boolean prevKv) {
    private static final DeleteRangeOptions DEFAULTS = new DeleteRangeOptions(null, false);

    /** {@return the options of a delete of one key} */
    public static DeleteRangeOptions defaults() {
      return DEFAULTS;
    }

    /**
     * {@return a copy with this range end}
     *
     * @param rangeEnd the end of the range, or {@code null} for one key
     */
    public DeleteRangeOptions withRangeEnd(@Nullable String rangeEnd) {
      return new DeleteRangeOptions(rangeEnd, prevKv);
    }

    /**
     * {@return a copy with this prev-kv flag}
     *
     * @param prevKv whether to return the deleted keys
     */
    public DeleteRangeOptions withPrevKv(boolean prevKv) {
      return new DeleteRangeOptions(rangeEnd, prevKv);
    }
  }

  /** The answer to one operation: of a range, a put or a delete, alone or inside a txn. */
  public sealed interface OpResult permits RangeResult, PutResult, DeleteRangeResult {
    /** {@return etcd's revision when it answered} */
    long revision();
  }

  /**
   * The answer to a range.
   *
   * @param revision the revision read (pass it to {@link RangeOptions#withRevision} to read more
   *     pages at it)
   * @param kvs the keys found, in key order
   * @param more whether there are more keys in the range than {@code limit} let through
   * @param count how many keys are in the range in all
   */
  public record RangeResult(long revision, List<KeyValue> kvs, boolean more, long count)
      implements OpResult {
    /**
     * Copies the list.
     *
     * @param revision the revision read
     * @param kvs the keys found
     * @param more whether there are more keys
     * @param count how many keys are in the range
     */
    public RangeResult {
      kvs = List.copyOf(kvs);
    }
  }

  /**
   * The answer to a put.
   *
   * @param revision the revision of the write
   * @param prevKv the key before the put, when asked for and it existed; otherwise {@code null}
   */
  public record PutResult(long revision, @Nullable KeyValue prevKv) implements OpResult {}

  /**
   * The answer to a delete.
   *
   * @param revision the revision of the delete
   * @param deleted how many keys were deleted
   * @param prevKvs the deleted keys, when asked for
   */
  public record DeleteRangeResult(long revision, long deleted, List<KeyValue> prevKvs)
      implements OpResult {
    /**
     * Copies the list.
     *
     * @param revision the revision of the delete
     * @param deleted how many keys were deleted
     * @param prevKvs the deleted keys
     */
    public DeleteRangeResult {
      prevKvs = List.copyOf(prevKvs);
    }
  }

  /**
   * The answer to a txn.
   *
   * @param revision the revision after the txn
   * @param succeeded whether every compare held, so that the {@code then} operations ran
   * @param results the answers of the operations that ran, in order
   */
  public record TxnResult(long revision, boolean succeeded, List<OpResult> results) {
    /**
     * Copies the list.
     *
     * @param revision the revision after the txn
     * @param succeeded whether every compare held
     * @param results the answers of the operations that ran
     */
    public TxnResult {
      results = List.copyOf(results);
    }
  }

  /**
   * A lease.
   *
   * @param id the lease's id
   * @param ttlSeconds its time to live in seconds; 0 when etcd no longer has it
   */
  public record Lease(long id, long ttlSeconds) {
    /** {@return whether etcd no longer has this lease (it expired or was revoked)} */
    public boolean expired() {
      return ttlSeconds <= 0;
    }
  }

  /**
   * How long a lease has left.
   *
   * @param id the lease's id
   * @param ttlSeconds the seconds left, or -1 when etcd no longer has the lease
   * @param grantedTtlSeconds the TTL it was granted (0 when it is gone)
   * @param keys the keys attached to it, when asked for
   */
  public record LeaseTimeToLive(
      long id, long ttlSeconds, long grantedTtlSeconds, List<String> keys) {
    /**
     * Copies the list.
     *
     * @param id the lease's id
     * @param ttlSeconds the seconds left, or -1
     * @param grantedTtlSeconds the TTL it was granted
     * @param keys the keys attached to it
     */
    public LeaseTimeToLive {
      keys = List.copyOf(keys);
    }
  }

  /**
   * The status of one member.
   *
   * @param version the member's etcd version, such as {@code 3.5.16}
   * @param clusterId the cluster's id, in hexadecimal
   * @param memberId this member's id, in hexadecimal
   * @param leader the leader's member id, in hexadecimal
   * @param revision the store's current revision
   * @param raftIndex the member's raft index
   * @param raftTerm the member's raft term
   * @param dbSize the backend's size in bytes
   * @param dbSizeInUse the bytes of it in use
   * @param learner whether this member is a learner
   * @param errors alarms the member raised, such as {@code NOSPACE}
   */
  public record Status(
      String version,
      String clusterId,
      String memberId,
      String leader,
      long revision,
      long raftIndex,
      long raftTerm,
      long dbSize,
      long dbSizeInUse,
      boolean learner,
      List<String> errors) {
    /**
     * Copies the list.
     *
     * @param version the member's etcd version
     * @param clusterId the cluster's id, in hexadecimal
     * @param memberId this member's id, in hexadecimal
     * @param leader the leader's member id, in hexadecimal
     * @param revision the store's current revision
     * @param raftIndex the member's raft index
     * @param raftTerm the member's raft term
     * @param dbSize the backend's size in bytes
     * @param dbSizeInUse the bytes of it in use
     * @param learner whether this member is a learner
     * @param errors alarms the member raised
     */
    public Status {
      errors = List.copyOf(errors);
    }
  }

  /**
   * One condition of a txn: the target of {@code key} (or of every key in [{@code key}, {@code
   * rangeEnd})), compared with a value or a number. Make one with {@link #value}, {@link #version},
   * {@link #createRevision}, {@link #modRevision} or {@link #lease}. A missing key has version,
   * create and mod revision and lease 0, and fails every {@code VALUE} compare.
   *
   * @param key the key, or the start of the range
   * @param rangeEnd the end of the range (exclusive), or {@code null} for the one key
   * @param target what of the key is compared
   * @param result how it must compare
   * @param value the value compared with, for {@link Target#VALUE}; otherwise {@code null}
   * @param number the number compared with, for the other targets; otherwise 0
   */
  public record Compare(
      String key,
      @Nullable String rangeEnd,
      Target target,
      Result result,
      @Nullable String value,
      long number) {
    /** What of a key a {@link Compare} looks at. */
    public enum Target {
      /** The value. */
      VALUE,
      /**
       * The version: how many times the key was written since it was created; 0 when it does not
       * exist.
       */
      VERSION,
      /** The revision that created the key; 0 when it does not exist. */
      CREATE,
      /** The revision that last changed the key; 0 when it does not exist. */
      MOD,
      /** The lease the key is attached to; 0 for none. */
      LEASE
    }

    /** How the target must compare with the given value or number. */
    public enum Result {
      /** Equal. */
      EQUAL,
      /** Not equal. */
      NOT_EQUAL,
      /** Less than. */
      LESS,
      /** Greater than. */
      GREATER
    }

    /**
     * Checks that a value is given exactly for {@link Target#VALUE}.
     *
     * @param key the key, or the start of the range
     * @param rangeEnd the end of the range, or {@code null} for the one key
     * @param target what of the key is compared
     * @param result how it must compare
     * @param value the value compared with, for {@link Target#VALUE}; otherwise {@code null}
     * @param number the number compared with, for the other targets; otherwise 0
     * @throws IllegalArgumentException when it is not
     */
    public Compare {
      requireNonNull(key, "key == null");
      requireNonNull(target, "target == null");
      requireNonNull(result, "result == null");
      if ((target == Target.VALUE) != (value != null)) {
        throw new IllegalArgumentException(
            target == Target.VALUE
                ? "A VALUE compare needs a value"
                : "A " + target + " compare takes a number, not a value");
      }
    }

    /**
     * {@return a compare of the value of {@code key}}
     *
     * @param key the key
     * @param result how the value must compare with {@code value}
     * @param value the value
     */
    public static Compare value(String key, Result result, String value) {
      return new Compare(
          key, null, Target.VALUE, result, requireNonNull(value, "value == null"), 0);
    }

    /**
     * {@return a compare of the version of {@code key}}
     *
     * @param key the key
     * @param result how the version must compare with {@code version}
     * @param version the version; 0 is "does not exist"
     */
    public static Compare version(String key, Result result, long version) {
      return new Compare(key, null, Target.VERSION, result, null, version);
    }

    /**
     * {@return a compare of the create revision of {@code key}}
     *
     * @param key the key
     * @param result how the create revision must compare with {@code revision}
     * @param revision the revision; 0 is "does not exist"
     */
    public static Compare createRevision(String key, Result result, long revision) {
      return new Compare(key, null, Target.CREATE, result, null, revision);
    }

    /**
     * {@return a compare of the mod revision of {@code key}}
     *
     * @param key the key
     * @param result how the mod revision must compare with {@code revision}
     * @param revision the revision
     */
    public static Compare modRevision(String key, Result result, long revision) {
      return new Compare(key, null, Target.MOD, result, null, revision);
    }

    /**
     * {@return a compare of the lease of {@code key}}
     *
     * @param key the key
     * @param result how the lease id must compare with {@code lease}
     * @param lease the lease id; 0 is "no lease"
     */
    public static Compare lease(String key, Result result, long lease) {
      return new Compare(key, null, Target.LEASE, result, null, lease);
    }

    /**
     * {@return a copy comparing every key in [{@code key}, {@code rangeEnd}): all must satisfy it}
     *
     * @param rangeEnd the end of the range, {@code "\0"} for every key from the start key on, or
     *     {@code null}
     */
    public Compare withRangeEnd(@Nullable String rangeEnd) {
      return new Compare(key, rangeEnd, target, result, value, number);
    }
  }

  /** One operation of a txn: a {@link Put}, a {@link Range} or a {@link DeleteRange}. */
  public sealed interface Op permits Op.Put, Op.Range, Op.DeleteRange {
    /**
     * A put.
     *
     * @param key the key
     * @param value the value
     * @param options lease and prev-kv
     */
    record Put(String key, String value, PutOptions options) implements Op {}

    /**
     * A range.
     *
     * @param key the key, or the start of the range
     * @param options range end, limit, revision, ...
     */
    record Range(String key, RangeOptions options) implements Op {}

    /**
     * A delete.
     *
     * @param key the key, or the start of the range
     * @param options range end and prev-kv
     */
    record DeleteRange(String key, DeleteRangeOptions options) implements Op {}

    /**
     * {@return a put of {@code value} at {@code key}}
     *
     * @param key the key
     * @param value the value
     */
    static Op put(String key, String value) {
      return new Put(key, value, PutOptions.defaults());
    }

    /**
     * {@return a put with options}
     *
     * @param key the key
     * @param value the value
     * @param options lease and prev-kv
     */
    static Op put(String key, String value, PutOptions options) {
      return new Put(key, value, options);
    }

    /**
     * {@return a read of the one key {@code key}}
     *
     * @param key the key
     */
    static Op range(String key) {
      return new Range(key, RangeOptions.defaults());
    }

    /**
     * {@return a read with options}
     *
     * @param key the key, or the start of the range
     * @param options range end, limit, revision, ...
     */
    static Op range(String key, RangeOptions options) {
      return new Range(key, options);
    }

    /**
     * {@return a delete of the one key {@code key}}
     *
     * @param key the key
     */
    static Op deleteRange(String key) {
      return new DeleteRange(key, DeleteRangeOptions.defaults());
    }

    /**
     * {@return a delete with options}
     *
     * @param key the key, or the start of the range
     * @param options range end and prev-kv
     */
    static Op deleteRange(String key, DeleteRangeOptions options) {
      return new DeleteRange(key, options);
    }
  }
}
