package link.etcd.internal.http;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A Retrofit service made at its first use, once, whatever the number of threads asking. A client
 * whose work takes only the lean paths (a tree write, a tree read, a v2 client's v3 service) so
 * never sets up Retrofit, whose first service costs a fresh JVM a proxy class, reflection over the
 * interface and some 60 classes.
 */
public final class LazyService<T> {
  private final Supplier<T> make;
  private volatile @Nullable T service;

  /**
   * @param make makes the service, at the first {@link #get}
   */
  public LazyService(Supplier<T> make) {
    this.make = make;
  }

  /** {@return the service, made now if this is the first call} */
  public T get() {
    T made = service;
    if (made == null) {
      synchronized (this) {
        made = service;
        if (made == null) {
          made = make.get();
          service = made;
        }
      }
    }
    return made;
  }
}
