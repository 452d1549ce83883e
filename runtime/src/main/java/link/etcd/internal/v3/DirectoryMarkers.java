package link.etcd.internal.v3;

/**
 * Which v3 watch events are the library's own layout rather than data: the map protocol marks a
 * directory {@code d} with the key {@code d/} (an empty value), and a change of such a key is never
 * handed to a watch's listener. Any key ending in {@code /} counts, whoever wrote it: the library's
 * keys never end in one, and on v2 a directory is a node of its own, not a key.
 */
final class DirectoryMarkers {
  private DirectoryMarkers() {}

  /**
   * {@return whether a change of {@code key} (without {@code key_prefix}) is a directory marker's,
   * which a watch does not deliver}
   */
  static boolean isMarker(String key) {
    return key.endsWith("/");
  }
}
