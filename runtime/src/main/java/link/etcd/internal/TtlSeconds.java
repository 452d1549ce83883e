package link.etcd.internal;

import java.time.Duration;

/** The one rule of a TTL both APIs send: a positive number of whole seconds. */
public final class TtlSeconds {
  private TtlSeconds() {}

  /**
   * Returns {@code ttl} in seconds, checking that it is a positive number of whole seconds.
   *
   * @param ttl the time to live
   * @return its seconds
   * @throws IllegalArgumentException when it is not a positive number of whole seconds
   */
  public static long of(Duration ttl) {
    if (ttl.isNegative() || ttl.isZero() || ttl.getNano() != 0) {
      throw new IllegalArgumentException(
          "ttl must be a positive number of whole seconds but was " + ttl);
    }
    return ttl.toSeconds();
  }
}
