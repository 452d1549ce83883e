package link.etcd.internal;

import java.util.function.Consumer;
import link.etcd.EtcdV3Client;
import link.etcd.EtcdV3Client.KeyValue;
import link.etcd.EtcdV3Client.RangeOptions;
import link.etcd.EtcdV3Client.RangeResult;
import org.jspecify.annotations.Nullable;

/**
 * Lets the middleware read a large v3 range key by key as it streams in, without a streaming method on the public
 * {@link EtcdV3Client}: the client installs the one implementation when its class loads, as {@link StreamingReads}
 * does for v2. Not for users.
 */
public abstract class StreamingRanges {
  private static @Nullable StreamingRanges installed;

  /** Installs the implementation; only the first call counts. */
  public static synchronized void install(StreamingRanges ranges) {
    if (installed == null) {
      installed = ranges;
    }
  }

  /** Returns the implementation; an {@link EtcdV3Client} exists by then, so it is installed. */
  public static synchronized StreamingRanges get() {
    if (installed == null) {
      throw new IllegalStateException("EtcdV3Client has not been loaded");
    }
    return installed;
  }

  /**
   * Reads like {@link EtcdV3Client#range(String, RangeOptions)}, with the same errors, but hands each key to
   * {@code each} as the answer arrives; the result's {@code kvs()} is empty.
   */
  public abstract RangeResult range(EtcdV3Client client, String key, RangeOptions options, Consumer<KeyValue> each);
}
