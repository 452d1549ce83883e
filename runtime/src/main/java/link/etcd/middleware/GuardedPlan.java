package link.etcd.middleware;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The v3 writes that make the tree at {@code key} a desired one, and what they were planned on.
 *
 * @param key the path written
 * @param revision the revision {@code read} was read at
 * @param puts the keys to write (leaves and directory markers) with their values, in key order
 * @param deletes the stored keys to delete, in key order
 * @param read every key at or under {@code key}, and every directory marker above it, that existed
 *     at {@code revision}, with its mod revision
 * @param ancestors the directories above {@code key}, outermost first, none of which held a value
 */
record GuardedPlan(
    String key,
    long revision,
    SortedMap<String, String> puts,
    List<String> deletes,
    Map<String, Long> read,
    List<String> ancestors) {}
