package link.etcd.middleware;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.IntFunction;
import link.etcd.EtcdV3Client;
import link.etcd.EtcdV3Types.TxnResult;
import org.jspecify.annotations.Nullable;

/**
 * Sends the txns of a tree write that go together: concurrently over the client's one HTTP/2
 * connection, at most {@code per_host_pool_size} in flight, in order. After the first txn that is
 * refused (its compares failed) or fails, nothing more is sent; the txns in flight are awaited, so
 * that what became of every txn is known: committed, refused, failed (with its error, which says
 * whether it may have been applied), or never sent. An interrupt of the writing thread also stops
 * the sending; the txns in flight are still awaited (each ends within the client's timeouts) and
 * the interrupt is kept for the caller.
 */
final class V3TxnBatch {
  /** What became of one txn. */
  enum Outcome {
    NOT_SENT,
    COMMITTED,
    REFUSED,
    FAILED
  }

  /**
   * One txn's end: its outcome, the answer (when etcd gave one) and the failure (when it failed).
   */
  record Sent(Outcome outcome, @Nullable TxnResult result, @Nullable RuntimeException failure) {
    static final Sent NOTHING = new Sent(Outcome.NOT_SENT, null, null);
  }

  private V3TxnBatch() {}

  /**
   * Sends {@code count} txns, the {@code i}-th built by {@code txn} just before it is sent.
   *
   * @return what became of each, in the order given; {@link Thread#isInterrupted()} tells whether
   *     an interrupt stopped the sending
   */
  static List<Sent> send(EtcdV3Client client, int count, IntFunction<EtcdV3Client.Txn> txn) {
    int limit = client.settings().perHostPoolSize();
    Sent[] ends = new Sent[count];
    Arrays.fill(ends, Sent.NOTHING);
    BlockingQueue<Integer> answered = new LinkedBlockingQueue<>();
    int next = 0;
    int waiting = 0;
    boolean stop = false;
    boolean interrupted = false;
    while (waiting > 0 || (!stop && next < count)) {
      while (!stop && next < count && waiting < limit) {
        int index = next++;
        CompletableFuture<TxnResult> answer;
        try {
          answer = txn.apply(index).commitAsync();
        } catch (RuntimeException e) {
          ends[index] = new Sent(Outcome.FAILED, null, e);
          stop = true;
          break;
        }
        waiting++;
        answer.whenComplete(
            (result, failure) -> {
              ends[index] = end(result, failure);
              answered.add(index);
            });
      }
      if (waiting == 0) {
        break;
      }
      try {
        int index = answered.take();
        waiting--;
        if (ends[index].outcome() != Outcome.COMMITTED) {
          stop = true;
        }
      } catch (InterruptedException e) {
        interrupted = true;
        stop = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return List.of(ends);
  }

  private static Sent end(@Nullable TxnResult result, @Nullable Throwable failure) {
    if (failure != null) {
      Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
      RuntimeException error =
          cause instanceof RuntimeException unchecked
              ? unchecked
              : new IllegalStateException("A txn of a tree write failed", cause);
      return new Sent(Outcome.FAILED, null, error);
    }
    TxnResult answer = requireNonNull(result);
    return new Sent(answer.succeeded() ? Outcome.COMMITTED : Outcome.REFUSED, answer, null);
  }
}
