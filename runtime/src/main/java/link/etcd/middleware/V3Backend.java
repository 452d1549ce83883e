package link.etcd.middleware;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.EtcdKeyNotFoundException;
import link.etcd.EtcdV3Client;
import link.etcd.EtcdV3Client.Compare;
import link.etcd.EtcdV3Client.DeleteRangeOptions;
import link.etcd.EtcdV3Client.DeleteRangeResult;
import link.etcd.EtcdV3Client.KeyValue;
import link.etcd.EtcdV3Client.Op;
import link.etcd.EtcdV3Client.OpResult;
import link.etcd.EtcdV3Client.RangeOptions;
import link.etcd.EtcdV3Client.RangeResult;
import link.etcd.EtcdV3Client.TxnResult;
import link.etcd.LeaseKeeper;
import link.etcd.WatchOptions;
import link.etcd.Watcher;
import link.etcd.internal.Keys;
import org.jspecify.annotations.Nullable;

/**
 * The map protocol on etcd's flat v3 key space. A key is the path's UTF-8 bytes under the optional
 * {@code key_prefix}; a directory the library writes is marked by the key {@code <dir>/} holding
 * nothing; reads also infer directories from key paths. A tree read is one revision, paged. A tree
 * write that fits {@code max_txn_ops} and {@code max_request_bytes} is one txn, guarded by "nothing
 * under the path changed since it was read", so readers see the old tree or the new one; a txn that
 * loses to another writer is planned again from a fresh read, a few times. A larger tree is written
 * in several txns, new keys first and deletes last, and a failure part way is reported like v2's.
 */
final class V3Backend implements Backend {
  /** Keys per page of the read a tree write plans on. */
  private static final int PAGE = 2000;

  /**
   * How many times a tree write or an append is tried, with a growing random pause, while others
   * win.
   */
  static final int ATTEMPTS = 16;

  /** The longest pause between two attempts, in milliseconds. */
  private static final int MAX_PAUSE_MILLIS = 200;

  /**
   * Bytes a request spends on each operation besides its key and value (field tags, lengths,
   * lease).
   */
  private static final int OVERHEAD_PER_OP = 32;

  /** Bytes of a txn request besides its operations. */
  private static final int OVERHEAD_PER_TXN = 256;

  /** The range end of every 20-digit item name: the character after {@code 9}. */
  private static final String AFTER_DIGITS = ":";

  private final EtcdV3Client client;

  V3Backend(EtcdV3Client client) {
    this.client = client;
  }

  EtcdV3Client client() {
    return client;
  }

  // ---- reads

  @Override
  public Object read(String key) {
    return client.readValues(key);
  }

  /**
   * What a tree write at a key plans on: the keys at and under it with their leases, the markers of
   * the directories above it that exist with their leases, and the revision all were read at.
   */
  record Stored(Map<String, Long> keys, Map<String, Long> markers, long revision) {}

  Stored stored(String key) {
    Map<String, Long> keys = new LinkedHashMap<>();
    String from = FlatPlan.marker(key);
    String end = EtcdV3Client.prefixEnd(from);
    long revision = 0;
    while (true) {
      RangeOptions options =
          client
              .rangeDefaults()
              .withRangeEnd(end)
              .withLimit(PAGE)
              .withRevision(revision)
              .withKeysOnly(true);
      RangeResult page = client.range(from, options);
      revision = page.revision();
      page.kvs().forEach(kv -> keys.put(kv.key(), kv.lease()));
      if (!page.more() || page.kvs().isEmpty()) {
        break;
      }
      from = page.kvs().get(page.kvs().size() - 1).key() + "\0";
    }
    Map<String, Long> markers = new HashMap<>();
    if (!key.equals("/")) {
      RangeOptions at = client.rangeDefaults().withRevision(revision).withKeysOnly(true);
      List<Op> reads = new ArrayList<>();
      reads.add(Op.range(key, at));
      for (String ancestor : FlatPlan.ancestors(key)) {
        reads.add(Op.range(FlatPlan.marker(ancestor), at));
      }
      List<OpResult> results = client.txn().then(reads.toArray(Op[]::new)).commit().results();
      ((RangeResult) results.get(0)).kvs().forEach(kv -> keys.put(kv.key(), kv.lease()));
      for (OpResult result : results.subList(1, results.size())) {
        ((RangeResult) result).kvs().forEach(kv -> markers.put(kv.key(), kv.lease()));
      }
    }
    return new Stored(keys, markers, revision);
  }

  @Override
  public boolean contains(String key) {
    if (key.equals("/")) {
      return true;
    }
    String under = FlatPlan.marker(key);
    RangeOptions count = client.rangeDefaults().withCountOnly(true);
    TxnResult result =
        client
            .txn()
            .then(
                Op.range(key, count),
                Op.range(under, count.withRangeEnd(EtcdV3Client.prefixEnd(under))))
            .commit();
    return result.results().stream().anyMatch(op -> ((RangeResult) op).count() > 0);
  }

  // ---- writes

  @Override
  public void write(String key, TreeNode tree, TreeWriter.Mode mode) {
    if (key.equals("/") && tree instanceof TreeNode.Leaf) {
      throw rootReadOnly();
    }
    checkSizes(key, tree);
    new V3TreeWrite(this, key, tree, mode).run();
  }

  /**
   * Refuses, before any I/O, a leaf whose key and value cannot fit one request of {@code
   * max_request_bytes}.
   */
  private void checkSizes(String key, TreeNode tree) {
    if (tree instanceof TreeNode.Leaf leaf) {
      long size = OVERHEAD_PER_TXN + OVERHEAD_PER_OP + utf8(key) + utf8(leaf.value());
      int limit = client.settings().maxRequestBytes();
      if (size > limit) {
        throw new IllegalArgumentException(
            "The value for key '"
                + key
                + "' is too large for one v3 request: with"
                + " its key it takes "
                + size
                + " bytes, and max_request_bytes is "
                + limit
                + " (etcd's"
                + " --max-request-bytes); keep large data elsewhere and store a reference in etcd, or raise both");
      }
      return;
    }
    for (Map.Entry<String, TreeNode> child : ((TreeNode.Dir) tree).children().entrySet()) {
      checkSizes(Keys.child(key, child.getKey()), child.getValue());
    }
  }

  /**
   * The compares of "nothing at or under {@code key} changed after {@code revision}, and no
   * directory above it holds a value".
   */
  static List<Compare> unchangedSince(String key, long revision, List<String> ancestors) {
    List<Compare> compares = new ArrayList<>();
    String under = FlatPlan.marker(key);
    if (!key.equals("/")) {
      compares.add(Compare.modRevision(key, Compare.Result.LESS, revision + 1));
    }
    compares.add(
        Compare.modRevision(under, Compare.Result.LESS, revision + 1)
            .withRangeEnd(EtcdV3Client.prefixEnd(under)));
    for (String ancestor : ancestors) {
      compares.add(Compare.createRevision(ancestor, Compare.Result.EQUAL, 0));
      compares.add(
          Compare.modRevision(FlatPlan.marker(ancestor), Compare.Result.LESS, revision + 1));
    }
    return compares;
  }

  static Op[] ancestorReads(List<String> ancestors) {
    return ancestors.stream()
        .map(ancestor -> Op.range(ancestor, RangeOptions.defaults().withKeysOnly(true)))
        .toArray(Op[]::new);
  }

  /**
   * After a failed txn: throws when a directory above {@code key} holds a value, which no retry can
   * cure.
   */
  static void checkAncestors(String key, TxnResult failed) {
    for (var op : failed.results()) {
      if (op instanceof RangeResult range && !range.kvs().isEmpty()) {
        String ancestor = range.kvs().get(0).key();
        throw new V3TreeException(
            EtcdError.NOT_A_DIRECTORY,
            "Cannot write "
                + key
                + ": "
                + ancestor
                + " holds a value, not a directory; delete "
                + ancestor
                + " first or write the tree at "
                + ancestor);
      }
    }
  }

  boolean fits(List<Op> ops, List<Compare> compares) {
    int limit = client.settings().maxTxnOps();
    return ops.size() <= limit
        && compares.size() <= limit
        && OVERHEAD_PER_TXN + bytes(ops) + compareBytes(compares)
            <= client.settings().maxRequestBytes();
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
    return OVERHEAD_PER_OP + utf8(key(op));
  }

  private static long compareBytes(List<Compare> compares) {
    long bytes = 0;
    for (Compare compare : compares) {
      bytes += OVERHEAD_PER_OP + 2L * utf8(compare.key());
    }
    return bytes;
  }

  private static int utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * Writes a plan too large for one txn in several, puts before deletes, each guarded by "nothing
   * changed since the txn before". Returns {@code false} when the first txn lost to another writer
   * (nothing was written, so the caller plans again); throws {@link EtcdPartialWriteException} when
   * a later one fails.
   */
  boolean writeInChunks(
      String key,
      List<Op> ops,
      long revision,
      List<String> ancestors,
      BiFunction<List<Op>, EtcdV3Client.Txn, TxnResult> commit) {
    List<List<Op>> chunks = chunks(ops, unchangedSince(key, revision, ancestors));
    List<String> done = new ArrayList<>();
    long since = revision;
    for (int i = 0; i < chunks.size(); i++) {
      List<Op> chunk = chunks.get(i);
      List<Compare> unchanged = unchangedSince(key, since, i == 0 ? ancestors : List.of());
      TxnResult result;
      try {
        result =
            commit.apply(
                chunk,
                client
                    .txn()
                    .when(unchanged.toArray(Compare[]::new))
                    .then(chunk.toArray(Op[]::new))
                    .otherwise(i == 0 ? ancestorReads(ancestors) : new Op[0]));
      } catch (EtcdException e) {
        throw partial(key, done, chunks, i, e);
      }
      if (!result.succeeded()) {
        if (i == 0) {
          checkAncestors(key, result);
          return false;
        }
        throw partial(
            key,
            done,
            chunks,
            i,
            new V3TreeException(
                EtcdError.COMPARE_FAILED, "Another writer changed " + key + " during the write"));
      }
      chunk.forEach(op -> done.add(describe(op)));
      since = result.revision();
    }
    return true;
  }

  /**
   * Splits {@code ops} into txns within the limits, each also carrying {@code compares}; deletes
   * start a new one.
   */
  private List<List<Op>> chunks(List<Op> ops, List<Compare> compares) {
    int limit = client.settings().maxTxnOps();
    long budget = client.settings().maxRequestBytes() - OVERHEAD_PER_TXN - compareBytes(compares);
    List<List<Op>> chunks = new ArrayList<>();
    List<Op> chunk = new ArrayList<>();
    long bytes = 0;
    boolean deleting = false;
    for (Op op : ops) {
      long size = bytes(op);
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

  /**
   * {@return the failure to throw: the cause itself when nothing was written, else what was and was
   * not}
   */
  private static EtcdException partial(
      String key, List<String> done, List<List<Op>> chunks, int failed, EtcdException cause) {
    List<String> failedOps = chunks.get(failed).stream().map(V3Backend::describe).toList();
    List<String> notDone = new ArrayList<>();
    for (int i = failed + 1; i < chunks.size(); i++) {
      chunks.get(i).forEach(op -> notDone.add(describe(op)));
    }
    if (done.isEmpty()) {
      return cause;
    }
    return new EtcdPartialWriteException(key, done, failedOps, notDone, cause);
  }

  private static String describe(Op op) {
    return (op instanceof Op.Put ? "PUT " : "DELETE ") + key(op);
  }

  private static String key(Op op) {
    if (op instanceof Op.Put put) {
      return put.key();
    }
    if (op instanceof Op.DeleteRange delete) {
      return delete.key();
    }
    return ((Op.Range) op).key();
  }

  @Override
  public void delete(String key) {
    if (key.equals("/")) {
      throw rootReadOnly();
    }
    String under = FlatPlan.marker(key);
    TxnResult result =
        client
            .txn()
            .then(
                Op.deleteRange(
                    under,
                    DeleteRangeOptions.defaults().withRangeEnd(EtcdV3Client.prefixEnd(under))),
                Op.deleteRange(key))
            .commit();
    if (result.results().stream().allMatch(op -> ((DeleteRangeResult) op).deleted() == 0)) {
      throw new EtcdKeyNotFoundException(key);
    }
  }

  @Override
  public @Nullable Long ttl(String key) {
    List<KeyValue> kvs = client.range(key).kvs();
    if (kvs.isEmpty() && !key.equals("/")) {
      kvs = client.range(FlatPlan.marker(key)).kvs();
    }
    if (kvs.isEmpty()) {
      if (!contains(key)) {
        throw new EtcdKeyNotFoundException(key);
      }
      return null;
    }
    long lease = kvs.get(0).lease();
    if (lease == 0) {
      return null;
    }
    long left = client.timeToLive(lease, false).ttlSeconds();
    return left < 0 ? null : left;
  }

  @Override
  public String append(String key, String value) {
    String under = FlatPlan.marker(key);
    long revision =
        client
            .range(
                under,
                client
                    .rangeDefaults()
                    .withCountOnly(true)
                    .withRangeEnd(EtcdV3Client.prefixEnd(under)))
            .revision();
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      pauseBefore(attempt);
      String item = under + String.format("%020d", revision + 1);
      List<Op> puts = new ArrayList<>();
      for (String ancestor : FlatPlan.ancestors(item)) {
        puts.add(Op.put(FlatPlan.marker(ancestor), ""));
      }
      puts.add(Op.put(item, value));
      TxnResult result =
          client
              .txn()
              .when(
                  Compare.createRevision(item, Compare.Result.EQUAL, 0)
                      .withRangeEnd(under + AFTER_DIGITS))
              .then(puts.toArray(Op[]::new))
              .commit();
      if (result.succeeded()) {
        return item;
      }
      revision = result.revision();
    }
    throw new V3TreeException(
        EtcdError.COMPARE_FAILED,
        "The append to "
            + key
            + " lost to other appenders "
            + ATTEMPTS
            + " times in a row; append again");
  }

  /**
   * Before a second or later attempt, waits a random time that grows with {@code attempt}, so
   * writers spread.
   */
  static void pauseBefore(int attempt) {
    if (attempt == 1) {
      return;
    }
    long bound = Math.min(MAX_PAUSE_MILLIS, 2L << Math.min(attempt, 10));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(bound));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "Interrupted while retrying a write that lost to another writer", e);
    }
  }

  @Override
  public TreeWatch keepAlive(String key, Consumer<EtcdException> onGone) {
    String dir = key.equals("/") ? "/" : key + "/";
    RangeResult read =
        client.range(
            key,
            client.rangeDefaults().withRangeEnd(EtcdV3Client.prefixEnd(dir)).withKeysOnly(true));
    List<Long> leases =
        read.kvs().stream()
            .filter(kv -> kv.key().equals(key) || kv.key().startsWith(dir))
            .map(KeyValue::lease)
            .filter(lease -> lease != 0)
            .distinct()
            .toList();
    if (leases.isEmpty()) {
      throw new IllegalArgumentException(
          "Nothing at or under "
              + key
              + " has a TTL to keep alive; write it with"
              + " one (Expiring, or ttl in the tree DSL) first");
    }
    List<LeaseKeeper> keepers =
        leases.stream().map(lease -> client.keepAlive(lease, onGone)).toList();
    return () -> keepers.forEach(LeaseKeeper::close);
  }

  @Override
  public TreeWatch watch(String key, Runnable onChange, Consumer<RuntimeException> onEnd) {
    Watcher watcher =
        client.watch(
            key, WatchOptions.defaults().withRecursive(true), Backend.listener(onChange, onEnd));
    return watcher::close;
  }

  @Override
  public void connect() {
    client.status();
  }

  @Override
  public void close() {
    client.close();
  }

  private static V3TreeException rootReadOnly() {
    return new V3TreeException(
        EtcdError.ROOT_READ_ONLY, "Root is read only: / cannot hold a value or be deleted");
  }
}
