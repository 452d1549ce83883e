package link.etcd.middleware;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import link.etcd.EtcdSettings;
import link.etcd.EtcdV3Types.Compare;
import link.etcd.EtcdV3Types.Op;

/**
 * How big a txn request is, as the v3 tree writers estimate it before sending: whether operations
 * and their compares fit one txn within {@code max_txn_ops} and {@code max_request_bytes}, and how
 * to split them into txns that do (deletes start a new txn, so puts land before deletes).
 */
final class TxnSize {
  /**
   * Bytes a request spends on each operation besides its key and value (field tags, lengths,
   * lease).
   */
  static final int OVERHEAD_PER_OP = 32;

  /** Bytes of a txn request besides its operations. */
  static final int OVERHEAD_PER_TXN = 256;

  private TxnSize() {}

  /** {@return whether {@code ops} and {@code compares} fit one txn within the settings' limits} */
  static boolean fits(List<Op> ops, List<Compare> compares, EtcdSettings settings) {
    int limit = settings.maxTxnOps();
    return ops.size() <= limit
        && compares.size() <= limit
        && OVERHEAD_PER_TXN + bytes(ops) + compareBytes(compares) <= settings.maxRequestBytes();
  }

  /**
   * Splits {@code ops} into txns within the limits, each also carrying {@code compares}; deletes
   * start a new one.
   */
  static List<List<Op>> chunks(List<Op> ops, List<Compare> compares, EtcdSettings settings) {
    return chunks(ops, compares, settings, false);
  }

  /**
   * Splits {@code ops} like {@link #chunks(List, List, EtcdSettings)}, each txn also carrying, when
   * {@code keyGuards}, one compare per key of its operations (the later txns of a V3 tree write).
   */
  static List<List<Op>> chunks(
      List<Op> ops, List<Compare> compares, EtcdSettings settings, boolean keyGuards) {
    int limit = settings.maxTxnOps();
    long budget = settings.maxRequestBytes() - OVERHEAD_PER_TXN - compareBytes(compares);
    List<List<Op>> chunks = new ArrayList<>();
    List<Op> chunk = new ArrayList<>();
    long bytes = 0;
    boolean deleting = false;
    for (Op op : ops) {
      long size = bytes(op) + (keyGuards ? OVERHEAD_PER_OP + utf8(key(op)) : 0);
      boolean delete = op instanceof Op.DeleteRange;
      if (!chunk.isEmpty()
          && (chunk.size() == limit || bytes + size > budget || delete != deleting)) {
        chunks.add(chunk);
        chunk = new ArrayList<>();
        bytes = 0;
      }
      chunk.add(op);
      bytes += size;
      deleting = delete;
    }
    if (!chunk.isEmpty()) {
      chunks.add(chunk);
    }
    return chunks;
  }

  private static long bytes(List<Op> ops) {
    long bytes = 0;
    for (Op op : ops) {
      bytes += bytes(op);
    }
    return bytes;
  }

  private static long bytes(Op op) {
    if (op instanceof Op.Put put) {
      return OVERHEAD_PER_OP + utf8(put.key()) + utf8(put.value());
    }
    return OVERHEAD_PER_OP + utf8(((Op.DeleteRange) op).key());
  }

  private static String key(Op op) {
    return op instanceof Op.Put put ? put.key() : ((Op.DeleteRange) op).key();
  }

  private static long compareBytes(List<Compare> compares) {
    long bytes = 0;
    for (Compare compare : compares) {
      bytes += OVERHEAD_PER_OP + 2L * utf8(compare.key());
    }
    return bytes;
  }

  /** {@return the length of {@code text} in UTF-8} */
  static int utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
