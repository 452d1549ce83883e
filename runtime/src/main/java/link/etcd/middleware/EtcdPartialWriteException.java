package link.etcd.middleware;

import java.util.List;
import link.etcd.EtcdException;

/**
 * A tree write failed part way: some of its requests were applied and some were not. {@link #done()} lists the
 * requests that were applied, {@link #failed()} the one that failed (its outcome may be unknown when the
 * connection broke), and {@link #notDone()} those never sent; each reads like {@code "PUT /collection/a"} or
 * {@code "DELETE /collection/old"}. The {@linkplain #getCause() cause} is the failure of {@link #failed()}.
 * Writing the same value again finishes the job.
 */
public final class EtcdPartialWriteException extends EtcdException {
  private static final long serialVersionUID = 1L;
  private static final int LISTED_IN_MESSAGE = 10;

  private final List<String> done;
  private final String failed;
  private final List<String> notDone;

  EtcdPartialWriteException(String key, List<String> done, String failed, List<String> notDone, EtcdException cause) {
    super(message(key, done, failed, notDone, cause), cause.errorCode(), cause.cause(), cause.index(), cause);
    this.done = List.copyOf(done);
    this.failed = failed;
    this.notDone = List.copyOf(notDone);
  }

  private static String message(
      String key, List<String> done, String failed, List<String> notDone, EtcdException cause) {
    return "The tree write at " + key + " stopped part way: " + failed + " failed (" + cause.getMessage() + "); "
        + done.size() + " request(s) done " + listed(done) + ", " + notDone.size() + " not sent "
        + listed(notDone) + ". Write the tree again to finish it.";
  }

  private static String listed(List<String> steps) {
    if (steps.size() <= LISTED_IN_MESSAGE) {
      return steps.toString();
    }
    return steps.subList(0, LISTED_IN_MESSAGE).toString().replaceFirst("]$", ", ... (see the exception's lists)]");
  }

  /** Returns the requests that were applied, in order. */
  public List<String> done() {
    return done;
  }

  /** Returns the request that failed. */
  public String failed() {
    return failed;
  }

  /** Returns the requests that were never sent, in order. */
  public List<String> notDone() {
    return notDone;
  }
}
