package link.etcd.cli;

/**
 * A mistake in what the user gave (a file, an option, a path): printed as one line, exit code 2.
 */
final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UserError(String message) {
    super(message);
  }
}
