package link.etcd.internal.v3;

import java.util.List;
import link.etcd.EtcdV3Client;
import link.etcd.EtcdV3Types.Compare;
import link.etcd.EtcdV3Types.Op;
import link.etcd.internal.http.Resend;

/**
 * Which v3 writes may be sent again after their answer was lost, the v3 rows of the retry table in
 * docs/operations.md. Reads (ranges, a txn of ranges only) and a {@code put} without {@code
 * prev_kv} are tagged repeatable ({@link Resend}): repeating them leaves etcd as one send would (a
 * put writes the same value again, as v2's {@code PUT}), so the failover interceptor moves them to
 * the next endpoint like any idempotent request; those of one key are hedged too. A {@code put}
 * with {@code prev_kv} (a repeat would answer its own value), a {@code deleteRange} (it could
 * delete a key created in between), lease calls and other txns are not.
 *
 * <p>One more kind of txn is {@link #guarded}: its compares make it apply at most once, so the
 * client sends it once more, and only an answer that it succeeded is conclusive.
 */
public final class V3RetryRule {
  private V3RetryRule() {}

  /**
   * {@return the tag of a put: hedged unless it asks for the previous key} A put of one key is
   * quick whatever the data.
   */
  public static Resend put(EtcdV3Client.PutOptions options) {
    return options.prevKv() ? Resend.NEVER : Resend.HEDGED;
  }

  /**
   * {@return the tag of a range: hedged for one key, repeatable for a range (whose time grows with
   * it)}
   */
  public static Resend range(EtcdV3Client.RangeOptions options) {
    return options.rangeEnd() == null ? Resend.HEDGED : Resend.AFTER_FAILURE;
  }

  /** {@return the tag of a txn: repeatable when both branches only read} */
  public static Resend txn(List<Op> success, List<Op> failure) {
    return onlyReads(success) && onlyReads(failure) ? Resend.AFTER_FAILURE : Resend.NEVER;
  }

  /**
   * {@return whether a txn applies at most once however often it is sent} That is when its failure
   * branch only reads, and every key its success branch writes (a put, or a delete of one key) is
   * compared, on that one key, by {@code mod_revision == n} with {@code n > 0}: once the txn has
   * applied, that key's {@code mod_revision} is the txn's own revision (or 0 after a delete), and
   * every later write gives it a higher one, so the compare never holds again. Other compares
   * ({@code create_revision == 0}, {@code version == v}, values) can hold again after a delete and
   * a re-create in between, and do not count.
   */
  public static boolean guarded(List<Compare> compares, List<Op> success, List<Op> failure) {
    if (!onlyReads(failure) || onlyReads(success)) {
      return false;
    }
    for (Op op : success) {
      String written;
      if (op instanceof Op.Put put) {
        written = put.key();
      } else if (op instanceof Op.DeleteRange delete && delete.options().rangeEnd() == null) {
        written = delete.key();
      } else if (op instanceof Op.Range) {
        continue;
      } else {
        return false;
      }
      if (compares.stream().noneMatch(compare -> pinsModRevision(compare, written))) {
        return false;
      }
    }
    return true;
  }

  private static boolean pinsModRevision(Compare compare, String key) {
    return compare.key().equals(key)
        && compare.rangeEnd() == null
        && compare.target() == Compare.Target.MOD
        && compare.result() == Compare.Result.EQUAL
        && compare.number() > 0;
  }

  private static boolean onlyReads(List<Op> ops) {
    return ops.stream().allMatch(op -> op instanceof Op.Range);
  }
}
