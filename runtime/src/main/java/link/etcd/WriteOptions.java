package link.etcd;

import java.time.Duration;
import link.etcd.internal.TtlSeconds;
import org.jspecify.annotations.Nullable;

/**
 * Options of {@link EtcdClient#write(String, String, WriteOptions)}. Start from {@link
 * #defaults()}: {@code
 * WriteOptions.defaults().withTtl(Duration.ofSeconds(30)).withPrevExist(false)}.
 *
 * @param ttl the time to live, in whole seconds, or {@code null} for none
 * @param dir create a directory instead of a key holding a value
 * @param prevExist {@code true}: only update an existing key; {@code false}: only create a new one;
 *     {@code null}: either
 * @param prevValue only write when the current value equals this, or {@code null} for no condition
 * @param prevIndex only write when the key's modified index equals this, or {@code null} for no
 *     condition
 * @param refresh only reset the TTL of an existing key, without a value and without notifying
 *     watchers
 */
public record WriteOptions(
    @Nullable Duration ttl,
    boolean dir,
    @Nullable Boolean prevExist,
    @Nullable String prevValue,
    @Nullable Long prevIndex,
    boolean refresh) {
  private static final WriteOptions DEFAULTS =
      new WriteOptions(null, false, null, null, null, false);

  /**
   * Checks that {@code ttl}, when given, is a positive number of whole seconds, that {@code
   * prevIndex}, when given, is positive, and that {@code refresh} comes with a {@code ttl}.
   *
   * @param ttl the time to live, in whole seconds, or {@code null} for none
   * @param dir create a directory instead of a key holding a value
   * @param prevExist {@code true}: only update; {@code false}: only create; {@code null}: either
   * @param prevValue the value the key must hold, or {@code null} for no condition
   * @param prevIndex the modified index the key must have, or {@code null} for no condition
   * @param refresh only reset the TTL of an existing key
   * @throws IllegalArgumentException when {@code ttl} is not a positive number of whole seconds,
   *     {@code prevIndex} is not positive, or {@code refresh} has no {@code ttl}
   */
  public WriteOptions {
    if (ttl != null) {
      TtlSeconds.of(ttl);
    }
    if (prevIndex != null && prevIndex <= 0) {
      throw new IllegalArgumentException("prevIndex must be positive but was " + prevIndex);
    }
    if (refresh && ttl == null) {
      throw new IllegalArgumentException("refresh needs a ttl");
    }
  }

  /**
   * Returns the options of an unconditional write of a value, without TTL.
   *
   * @return the default options
   */
  public static WriteOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a copy with {@link #ttl()} set.
   *
   * @param ttl the new value of {@link #ttl()}
   * @return a copy of these options with only {@code ttl} changed
   */
  public WriteOptions withTtl(@Nullable Duration ttl) {
    return new WriteOptions(ttl, dir, prevExist, prevValue, prevIndex, refresh);
  }

  /**
   * Returns a copy with {@link #dir()} set.
   *
   * @param dir the new value of {@link #dir()}
   * @return a copy of these options with only {@code dir} changed
   */
  public WriteOptions withDir(boolean dir) {
    return new WriteOptions(ttl, dir, prevExist, prevValue, prevIndex, refresh);
  }

  /**
   * Returns a copy with {@link #prevExist()} set.
   *
   * @param prevExist the new value of {@link #prevExist()}
   * @return a copy of these options with only {@code prevExist} changed
   */
  public WriteOptions withPrevExist(@Nullable Boolean prevExist) {
    return new WriteOptions(ttl, dir, prevExist, prevValue, prevIndex, refresh);
  }

  /**
   * Returns a copy with {@link #prevValue()} set.
   *
   * @param prevValue the new value of {@link #prevValue()}
   * @return a copy of these options with only {@code prevValue} changed
   */
  public WriteOptions withPrevValue(@Nullable String prevValue) {
    return new WriteOptions(ttl, dir, prevExist, prevValue, prevIndex, refresh);
  }

  /**
   * Returns a copy with {@link #prevIndex()} set.
   *
   * @param prevIndex the new value of {@link #prevIndex()}
   * @return a copy of these options with only {@code prevIndex} changed
   */
  public WriteOptions withPrevIndex(@Nullable Long prevIndex) {
    return new WriteOptions(ttl, dir, prevExist, prevValue, prevIndex, refresh);
  }

  /**
   * Returns a copy with {@link #refresh()} set.
   *
   * @param refresh the new value of {@link #refresh()}
   * @return a copy of these options with only {@code refresh} changed
   */
  public WriteOptions withRefresh(boolean refresh) {
    return new WriteOptions(ttl, dir, prevExist, prevValue, prevIndex, refresh);
  }
}
