package link.etcd.middleware;

import java.util.List;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.EtcdV3Client;
import link.etcd.EtcdV3Types.OpResult;
import link.etcd.EtcdV3Types.RangeResult;
import link.etcd.EtcdV3Types.TxnResult;

/**
 * Checks the shape of the answers the v3 tree logic relies on, so that a server that is not etcd
 * (answering {@code {}} to everything, say) is an {@link EtcdException} saying so rather than a
 * wrong result or a raw {@code IndexOutOfBoundsException}: etcd answers every read and txn with a
 * revision of at least 1, and a txn with one result per operation of the branch it took, each of
 * that operation's kind.
 */
final class V3Answers {
  private V3Answers() {}

  /** {@return {@code read}, after checking that it carries a revision} */
  static RangeResult range(EtcdV3Client client, RangeResult read, String call) {
    if (read.revision() < 1) {
      throw notEtcd(client, call, "a range answer without a revision");
    }
    return read;
  }

  /**
   * {@return {@code result}, after checking its revision and that it holds {@code then} results
   * when it succeeded, {@code otherwise} when it did not}
   */
  static TxnResult txn(
      EtcdV3Client client, TxnResult result, int then, int otherwise, String call) {
    if (result.revision() < 1) {
      throw notEtcd(client, call, "a txn answer without a revision");
    }
    int expected = result.succeeded() ? then : otherwise;
    if (result.results().size() != expected) {
      throw notEtcd(
          client,
          call,
          "a txn answer with "
              + result.results().size()
              + " results for "
              + expected
              + " operations");
    }
    return result;
  }

  /** {@return the result at {@code index} of a checked txn answer, which must be a range's} */
  static RangeResult rangeAt(EtcdV3Client client, List<OpResult> results, int index, String call) {
    if (results.get(index) instanceof RangeResult range) {
      return range;
    }
    throw notEtcd(client, call, "a txn answer whose result " + (index + 1) + " is not a range's");
  }

  /** {@return the error for an answer of the wrong shape, naming the server and the call} */
  static EtcdException notEtcd(EtcdV3Client client, String call, String what) {
    return new V3TreeException(
        EtcdError.UNKNOWN,
        "The answer of "
            + String.join(", ", client.settings().endpoints())
            + " to "
            + call
            + " is not etcd's ("
            + what
            + "); check that host and port name the client URL of an etcd member");
  }
}
