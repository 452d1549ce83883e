package link.etcd.middleware;

/**
 * A running watch of a tree, started by {@link EtcdMiddleware#watch}: {@link #close()} stops it.
 */
@FunctionalInterface
public interface TreeWatch extends AutoCloseable {
  /** Stops the watch; no change is reported after this returns. Closing twice does nothing. */
  @Override
  void close();
}
