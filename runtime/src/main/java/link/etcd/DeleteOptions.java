package link.etcd;

import org.jspecify.annotations.Nullable;

/**
 * Options of {@link EtcdClient#delete(String, DeleteOptions)}. Start from {@link #defaults()}:
 * {@code DeleteOptions.defaults().withRecursive(true)}.
 *
 * @param recursive delete a directory with everything in it (also deletes a key holding a value)
 * @param dir delete an empty directory
 * @param prevValue only delete when the current value equals this, or {@code null} for no condition
 * @param prevIndex only delete when the key's modified index equals this, or {@code null} for no condition
 */
public record DeleteOptions(boolean recursive, boolean dir, @Nullable String prevValue, @Nullable Long prevIndex) {
  private static final DeleteOptions DEFAULTS = new DeleteOptions(false, false, null, null);

  /** Checks that {@code prevIndex}, when given, is positive. */
  public DeleteOptions {
    if (prevIndex != null && prevIndex <= 0) {
      throw new IllegalArgumentException("prevIndex must be positive but was " + prevIndex);
    }
  }

  /** Returns the options of an unconditional delete of a key holding a value. */
  public static DeleteOptions defaults() {
    return DEFAULTS;
  }

  /** Returns a copy with {@link #recursive()} set. */
  public DeleteOptions withRecursive(boolean recursive) {
    return new DeleteOptions(recursive, dir, prevValue, prevIndex);
  }

  /** Returns a copy with {@link #dir()} set. */
  public DeleteOptions withDir(boolean dir) {
    return new DeleteOptions(recursive, dir, prevValue, prevIndex);
  }

  /** Returns a copy with {@link #prevValue()} set. */
  public DeleteOptions withPrevValue(@Nullable String prevValue) {
    return new DeleteOptions(recursive, dir, prevValue, prevIndex);
  }

  /** Returns a copy with {@link #prevIndex()} set. */
  public DeleteOptions withPrevIndex(@Nullable Long prevIndex) {
    return new DeleteOptions(recursive, dir, prevValue, prevIndex);
  }
}
