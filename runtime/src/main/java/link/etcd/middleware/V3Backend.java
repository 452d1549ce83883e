package link.etcd.middleware;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.EtcdKeyNotFoundException;
import link.etcd.EtcdV3Client;
import link.etcd.EtcdV3Types.DeleteRangeOptions;
import link.etcd.EtcdV3Types.DeleteRangeResult;
import link.etcd.EtcdV3Types.KeyValue;
import link.etcd.EtcdV3Types.Op;
import link.etcd.EtcdV3Types.OpResult;
import link.etcd.EtcdV3Types.RangeOptions;
import link.etcd.EtcdV3Types.TxnResult;
import link.etcd.WatchOptions;
import link.etcd.Watcher;
import link.etcd.internal.Keys;
import org.jspecify.annotations.Nullable;

/**
 * The map protocol on etcd's flat v3 key space. A key is the path's UTF-8 bytes under the optional
 * {@code key_prefix}; a directory the library writes is marked by the key {@code <dir>/} holding
 * nothing; reads also infer directories from key paths. A tree read is one range at one revision. A
 * tree write that fits {@code max_txn_ops} and {@code max_request_bytes} is one txn, guarded by
 * "nothing under the path changed since it was read", so readers see the old tree or the new one; a
 * txn that loses to another writer is planned again from a fresh read, a few times. A larger tree
 * is written in several txns, new keys first and deletes last, and a failure part way is reported
 * like v2's. One tree write is a {@link V3TreeWrite}, one append a {@link V3Append}, one {@code
 * keepAlive} a {@link TreeLeaseKeeper}; the guarantees they keep are listed in docs/v3.md
 * ("Guarantees").
 */
final class V3Backend implements Backend {
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
   * What a tree write at a key plans on: the keys at and under it with their leases, the markers
   * among them that hold a value (written by another tool), the markers of the directories above it
   * (see {@link V3Ancestors}), whether the directory just above it was in reach, and the revision
   * all were read at.
   */
  record Stored(
      Map<String, Long> keys,
      Set<String> filledMarkers,
      Map<String, Long> markers,
      boolean parentInReach,
      long revision) {}

  /**
   * Reads what a tree write at {@code key} plans on.
   *
   * @throws V3TreeException when a directory above {@code key} holds a value
   */
  Stored stored(String key) {
    Map<String, Long> keys = new LinkedHashMap<>();
    Set<String> filledMarkers = new HashSet<>();
    String from = FlatPlan.marker(key);
    RangeOptions under = client.rangeDefaults().withRangeEnd(EtcdV3Client.prefixEnd(from));
    if (key.equals("/")) {
      long revision =
          V3Answers.range(
                  client,
                  client.rangeEach(from, under, kv -> note(kv, keys, filledMarkers)),
                  "a range read")
              .revision();
      return new Stored(keys, filledMarkers, Map.of(), false, revision);
    }
    // The keys under the path and the key itself, at one revision, in one round trip.
    String call = "a range read";
    TxnResult read =
        V3Answers.txn(
            client,
            client
                .txn()
                .then(
                    Op.range(from, under), Op.range(key, client.rangeDefaults().withKeysOnly(true)))
                .commit(),
            2,
            0,
            call);
    V3Answers.rangeAt(client, read.results(), 0, call)
        .kvs()
        .forEach(kv -> note(kv, keys, filledMarkers));
    V3Answers.rangeAt(client, read.results(), 1, call)
        .kvs()
        .forEach(kv -> keys.put(kv.key(), kv.lease()));
    long revision = read.revision();
    V3Ancestors above = V3Ancestors.read(client, key, revision);
    String valueAbove = above.valueAbove();
    if (valueAbove != null) {
      throw notADirectory(key, valueAbove);
    }
    return new Stored(keys, filledMarkers, above.markers(), above.parentInReach(), revision);
  }

  /** Notes {@code kv}, read under a path, in what a tree write plans on. */
  private static void note(KeyValue kv, Map<String, Long> keys, Set<String> filledMarkers) {
    keys.put(kv.key(), kv.lease());
    if (kv.key().endsWith("/") && !kv.value().isEmpty()) {
      filledMarkers.add(kv.key());
    }
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
    String call = "a count of the keys at and under a path";
    List<OpResult> results = V3Answers.txn(client, result, 2, 0, call).results();
    return V3Answers.rangeAt(client, results, 0, call).count() > 0
        || V3Answers.rangeAt(client, results, 1, call).count() > 0;
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
      long size =
          TxnSize.OVERHEAD_PER_TXN
              + TxnSize.OVERHEAD_PER_OP
              + TxnSize.utf8(key)
              + TxnSize.utf8(leaf.value());
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
    String call = "the delete of a path";
    List<OpResult> results = V3Answers.txn(client, result, 2, 0, call).results();
    if (results.stream()
        .allMatch(
            op -> {
              if (op instanceof DeleteRangeResult deleted) {
                return deleted.deleted() == 0;
              }
              throw V3Answers.notEtcd(
                  client, call, "a txn answer whose results are not those of deletes");
            })) {
      throw new EtcdKeyNotFoundException(key);
    }
  }

  @Override
  public @Nullable Long ttl(String key) {
    String call = "a range read";
    List<KeyValue> kvs = V3Answers.range(client, client.range(key), call).kvs();
    if (kvs.isEmpty() && !key.equals("/")) {
      kvs = V3Answers.range(client, client.range(FlatPlan.marker(key)), call).kvs();
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
    return new V3Append(this, key, value).run();
  }

  /**
   * Before a second or later attempt, waits a random time that grows with {@code attempt} up to
   * {@code maxMillis}, so writers spread.
   */
  static void pause(int attempt, int maxMillis) {
    if (attempt == 1) {
      return;
    }
    long bound = Math.min(maxMillis, 2L << Math.min(attempt, 10));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(bound));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "Interrupted while retrying a write that lost to another writer", e);
    }
  }

  /** {@return the error of a write at {@code key} below {@code valueAbove}, which holds a value} */
  V3TreeException notADirectory(String key, String valueAbove) {
    return new V3TreeException(
        EtcdError.NOT_A_DIRECTORY,
        "Cannot write "
            + key
            + ": "
            + valueAbove
            + " holds a value, not a directory; delete "
            + valueAbove
            + " first or write the tree at "
            + valueAbove);
  }

  @Override
  public TreeWatch keepAlive(String key, Consumer<EtcdException> onGone) {
    return TreeLeaseKeeper.start(client, key, onGone);
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
