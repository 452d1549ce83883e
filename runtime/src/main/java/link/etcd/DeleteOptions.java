package link.etcd;

import org.jspecify.annotations.Nullable;

/**
 * Options of {@link EtcdClient#delete(String, DeleteOptions)}. Start from {@link #defaults()}:
 * {@code DeleteOptions.defaults().withRecursive(true)}.
 *
 * @param recursive delete a directory with everything in it (also deletes a key holding a value)
 * @param dir delete an empty directory
 * @param prevValue only delete when the current value equals this, or {@code null} for no condition
 * @param prevIndex only delete when the key's modified index equals this, or {@code null} for no
 *     condition
 */
public record DeleteOptions(
    boolean recursive, boolean dir, @Nullable String prevValue, @Nullable Long prevIndex) {
  private static final DeleteOptions DEFAULTS = new DeleteOptions(false, false, null, null);

  /**
   * Checks that {@code prevIndex}, when given, is positive.
   *
   * @param recursive delete a directory with everything in it
   * @param dir delete an empty directory
   * @param prevValue the value the key must hold, or {@code null} for no condition
   * @param prevIndex the modified index the key must have, or {@code null} for no condition
   * @throws IllegalArgumentException when {@code prevIndex} is zero or negative
   */
  public DeleteOptions {
    if (prevIndex != null && prevIndex <= 0) {
      throw new IllegalArgumentException("prevIndex must be positive but was " + prevIndex);
    }
  }

  /**
   * Returns the options of an unconditional delete of a key holding a value.
   *
   * @return the default options: not recursive, not dir, no conditions
   */
  public static DeleteOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a copy with {@link #recursive()} set.
   *
   * @param recursive the new value of {@link #recursive()}
   * @return a copy of these options with only {@code recursive} changed
   */
  public DeleteOptions withRecursive(boolean recursive) {
    return new DeleteOptions(recursive, dir, prevValue, prevIndex);
  }

  /**
   * Returns a copy with {@link #dir()} set.
   *
   * @param dir the new value of {@link #dir()}
   * @return a copy of these options with only {@code dir} changed
   */
  public DeleteOptions withDir(boolean dir) {
    return new DeleteOptions(recursive, dir, prevValue, prevIndex);
  }

  /**
   * Returns a copy with {@link #prevValue()} set.
   *
   * @param prevValue the new value of {@link #prevValue()}
   * @return a copy of these options with only {@code prevValue} changed
   */
  public DeleteOptions withPrevValue(@Nullable String prevValue) {
    return new DeleteOptions(recursive, dir, prevValue, prevIndex);
  }

  /**
   * Returns a copy with {@link #prevIndex()} set.
   *
   * @param prevIndex the new value of {@link #prevIndex()}
   * @return a copy of these options with only {@code prevIndex} changed
   */
  public DeleteOptions withPrevIndex(@Nullable Long prevIndex) {
    return new DeleteOptions(recursive, dir, prevValue, prevIndex);
  }
}
