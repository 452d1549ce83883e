package link.etcd.internal.http;

import java.util.concurrent.CompletableFuture;

/** A call and the reading of its answer, to be run on the calling thread or on the dispatcher. */
public interface Exchange<R> {
  /** Runs the call on the calling thread. */
  R execute();

  /** Runs the call on the dispatcher; cancelling the future cancels the call. */
  CompletableFuture<R> enqueue();
}
