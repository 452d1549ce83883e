package link.etcd.middleware;

import java.util.List;
import link.etcd.EtcdError;
import link.etcd.EtcdException;

/**
 * A tree write failed part way: some of its requests were applied and some were not. {@link
 * #done()} lists the requests that were applied, {@link #failed()} those that failed (several when
 * requests were in flight together; an outcome may be unknown when the connection broke), and
 * {@link #notDone()} those never sent ({@link #failed()} is empty when a v3 write stopped between
 * two of its txns because another writer deleted keys it had written); each reads like {@code "PUT
 * /collection/a"} or {@code "DELETE /collection/old"}. The {@linkplain #getCause() cause} is the
 * failure of the first of {@link #failed()}, whose {@link #error()} and server fields this
 * exception copies; the others' are {@linkplain #getSuppressed() suppressed}. Writing the same
 * value again finishes the job.
 */
public final class EtcdPartialWriteException extends EtcdException {
  private static final long serialVersionUID = 1L;
  private static final int LISTED_IN_MESSAGE = 10;

  /** The requests that were applied. */
  private final List<String> done;

  /** The requests that failed. */
  private final List<String> failed;

  /** The requests never sent. */
  private final List<String> notDone;

  EtcdPartialWriteException(
      String key,
      List<String> done,
      List<String> failed,
      List<String> notDone,
      EtcdException cause) {
    super(message(key, done, failed, notDone, cause), cause);
    this.done = List.copyOf(done);
    this.failed = List.copyOf(failed);
    this.notDone = List.copyOf(notDone);
  }

  /**
   * The tree write at {@code key} was interrupted: the requests in flight were cancelled ({@code
   * failed}, each may or may not have been applied) and nothing more was sent. Its {@link #error()}
   * is {@link EtcdError#CANCELLED}.
   */
  EtcdPartialWriteException(
      String key, List<String> done, List<String> failed, List<String> notDone) {
    super(
        EtcdError.CANCELLED,
        "The tree write at "
            + key
            + " was interrupted: "
            + done.size()
            + " request(s) done "
            + listed(done)
            + ", "
            + failed.size()
            + " cancelled in flight "
            + listed(failed)
            + " (each may or may not"
            + " have been applied), "
            + notDone.size()
            + " not sent "
            + listed(notDone)
            + ". Write the tree again to"
            + " finish it.",
        null);
    this.done = List.copyOf(done);
    this.failed = List.copyOf(failed);
    this.notDone = List.copyOf(notDone);
  }

  private static String message(
      String key,
      List<String> done,
      List<String> failed,
      List<String> notDone,
      EtcdException cause) {
    if (failed.isEmpty()) {
      return "The tree write at "
          + key
          + " stopped part way: "
          + cause.getMessage()
          + "; "
          + done.size()
          + " request(s) done "
          + listed(done)
          + ", "
          + notDone.size()
          + " not sent "
          + listed(notDone)
          + ". Write the tree again to finish it.";
    }
    String others =
        failed.size() == 1
            ? ""
            : " and "
                + (failed.size() - 1)
                + " more failed "
                + listed(failed.subList(1, failed.size()));
    return "The tree write at "
        + key
        + " stopped part way: "
        + failed.get(0)
        + " failed ("
        + cause.getMessage()
        + ")"
        + others
        + "; "
        + done.size()
        + " request(s) done "
        + listed(done)
        + ", "
        + notDone.size()
        + " not sent "
        + listed(notDone)
        + ". "
        + whatToDo(failed.get(0), cause);
  }

  private static String whatToDo(String failedStep, EtcdException cause) {
    if (cause.error() == EtcdError.TOO_LARGE) {
      return "etcd refuses "
          + failedStep
          + " as too large, so writing the tree again cannot finish it: make"
          + " that value smaller (keep large data elsewhere and store a reference in etcd), then write the tree.";
    }
    return "Write the tree again to finish it.";
  }

  private static String listed(List<String> steps) {
    if (steps.size() <= LISTED_IN_MESSAGE) {
      return steps.toString();
    }
    return steps
        .subList(0, LISTED_IN_MESSAGE)
        .toString()
        .replaceFirst("]$", ", ... (see the exception's lists)]");
  }

  /** {@return the requests that were applied, in the order of the plan} */
  public List<String> done() {
    return done;
  }

  /**
   * {@return the requests that failed: first the one that stopped the write, then the others in
   * plan order}
   */
  public List<String> failed() {
    return failed;
  }

  /** {@return the requests that were never sent, in the order of the plan} */
  public List<String> notDone() {
    return notDone;
  }
}
