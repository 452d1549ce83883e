package link.etcd.middleware;

import java.util.ArrayList;
import java.util.List;
import link.etcd.EtcdError;
import link.etcd.EtcdV3Client;
import link.etcd.EtcdV3Types.Compare;
import link.etcd.EtcdV3Types.Op;
import link.etcd.EtcdV3Types.TxnResult;
import org.jspecify.annotations.Nullable;

/**
 * One {@code append} on the v3 API: a txn putting {@code <dir>/<20-digit number>} (the revision it
 * expects to commit at), guarded by "no item from that number on exists", so items are unique and
 * read back in order; with it the markers of the directories above that are missing, each guarded
 * by "still missing" so a marker another writer made (and its lease) is left alone. A txn that
 * loses to another appender is tried again with the revision it saw, after a random pause that
 * grows up to {@value #MAX_PAUSE_MILLIS} ms, until {@code retry_deadline} has passed: many
 * appenders to one queue all get through. When the missing markers are more than one txn takes (a
 * new queue more than a hundred levels deep), they are made first, outermost first.
 */
final class V3Append {
  /** The range end of every 20-digit item name: the character after {@code 9}. */
  private static final String AFTER_DIGITS = ":";

  /** The longest pause between two attempts, in milliseconds. */
  private static final int MAX_PAUSE_MILLIS = 100;

  private final V3Backend backend;
  private final EtcdV3Client client;
  private final String key;
  private final String under;
  private final String value;

  V3Append(V3Backend backend, String key, String value) {
    this.backend = backend;
    this.client = backend.client();
    this.key = key;
    this.under = FlatPlan.marker(key);
    this.value = value;
  }

  String run() {
    long deadline = System.nanoTime() + client.settings().retryDeadline().toNanos();
    long revision =
        V3Answers.range(
                client,
                client.range(
                    under,
                    client
                        .rangeDefaults()
                        .withCountOnly(true)
                        .withRangeEnd(EtcdV3Client.prefixEnd(under))),
                "a count of a queue's items")
            .revision();
    @Nullable List<String> missing = null;
    int limit = client.settings().maxTxnOps();
    for (int attempt = 1; ; attempt++) {
      if (attempt > 1) {
        if (System.nanoTime() - deadline > 0) {
          throw new V3TreeException(
              EtcdError.COMPARE_FAILED,
              "The append to "
                  + key
                  + " lost to other appenders "
                  + (attempt - 1)
                  + " times in a row within retry_deadline ("
                  + client.settings().retryDeadline().toMillis()
                  + " ms); append again");
        }
        V3Backend.pause(attempt, MAX_PAUSE_MILLIS);
      }
      String item = under + String.format("%020d", revision + 1);
      if (missing == null) {
        missing = missingMarkers(item, revision);
      }
      if (missing.size() + 1 > limit) {
        revision = makeMarkers(missing);
        missing = null;
        continue;
      }
      List<Compare> compares = new ArrayList<>();
      compares.add(
          Compare.createRevision(item, Compare.Result.EQUAL, 0).withRangeEnd(under + AFTER_DIGITS));
      List<Op> puts = new ArrayList<>();
      for (String marker : missing) {
        compares.add(Compare.createRevision(marker, Compare.Result.EQUAL, 0));
        puts.add(Op.put(marker, ""));
      }
      puts.add(Op.put(item, value));
      TxnResult result =
          V3Answers.txn(
              client,
              client
                  .txn()
                  .when(compares.toArray(Compare[]::new))
                  .then(puts.toArray(Op[]::new))
                  .commit(),
              puts.size(),
              0,
              "an append");
      if (result.succeeded()) {
        return item;
      }
      revision = result.revision();
      if (!missing.isEmpty()) {
        missing = null;
      }
    }
  }

  /**
   * {@return the markers of the directories above {@code item} (the queue's own included) that are
   * missing at {@code revision} and in reach, outermost first}
   *
   * @throws V3TreeException when one of them holds a value
   */
  private List<String> missingMarkers(String item, long revision) {
    V3Ancestors above = V3Ancestors.read(client, item, revision);
    String valueAbove = above.valueAbove();
    if (valueAbove != null) {
      throw backend.notADirectory(key, valueAbove);
    }
    List<String> missing = new ArrayList<>();
    for (String ancestor : FlatPlan.ancestors(item)) {
      if (!above.markers().containsKey(FlatPlan.marker(ancestor))) {
        missing.add(FlatPlan.marker(ancestor));
      }
    }
    return missing;
  }

  /**
   * Makes {@code markers} in txns of at most {@code max_txn_ops}, outermost first, each guarded by
   * "all still missing"; a txn that finds one made by another writer is left, and the caller reads
   * again. Returns the revision of the last answer.
   */
  private long makeMarkers(List<String> markers) {
    int limit = client.settings().maxTxnOps();
    long revision = 0;
    for (int from = 0; from < markers.size(); from += limit) {
      List<String> chunk = markers.subList(from, Math.min(from + limit, markers.size()));
      TxnResult result =
          client
              .txn()
              .when(
                  chunk.stream()
                      .map(marker -> Compare.createRevision(marker, Compare.Result.EQUAL, 0))
                      .toArray(Compare[]::new))
              .then(chunk.stream().map(marker -> Op.put(marker, "")).toArray(Op[]::new))
              .commit();
      V3Answers.txn(client, result, chunk.size(), 0, "the making of a queue's directories");
      revision = result.revision();
      if (!result.succeeded()) {
        break;
      }
    }
    return revision;
  }
}
