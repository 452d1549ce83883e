package link.etcd.internal;

import link.etcd.EtcdClient;
import link.etcd.ReadOptions;
import org.jspecify.annotations.Nullable;

/**
 * Lets the middleware decode a read's body as it streams in, without a streaming method on the public
 * {@link EtcdClient}: the client installs the one implementation when its class loads (as OkHttp's
 * {@code Internal} did). Not for users.
 */
public abstract class StreamingReads {
  private static @Nullable StreamingReads installed;

  /** Installs the implementation; only the first call counts. */
  public static synchronized void install(StreamingReads reads) {
    if (installed == null) {
      installed = reads;
    }
  }

  /** Returns the implementation; an {@link EtcdClient} exists by then, so it is installed. */
  public static synchronized StreamingReads get() {
    if (installed == null) {
      throw new IllegalStateException("EtcdClient has not been loaded");
    }
    return installed;
  }

  /**
   * Reads {@code key} with {@code options} like {@link EtcdClient#read(String, ReadOptions)}, with the same
   * errors, but hands a successful body to {@code decoder} as it arrives instead of building nodes.
   */
  public abstract <R> R read(EtcdClient client, String key, ReadOptions options, JsonBodyDecoder<R> decoder);
}
