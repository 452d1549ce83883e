package link.etcd.cli;

/** Turns a failure into the one line the command prints. */
final class Errors {
  private Errors() {}

  static String oneLine(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      message = e.getClass().getSimpleName();
    }
    return message.strip().replaceAll("\\s*\\R\\s*", "; ");
  }
}
