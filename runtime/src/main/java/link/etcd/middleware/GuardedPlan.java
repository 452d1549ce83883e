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
 * @param leases the lease each put attaches, for the puts that attach one (a rollback restores the
 *     lease a key had); the other puts attach none
 * @param deletes the stored keys to delete, in key order
 * @param read every key at or under {@code key} that existed at {@code revision}, with its mod
 *     revision
 * @param keyInReach whether the caller's roles reach the key at {@code key} itself (a role on
 *     {@code /app/} does not reach {@code /app}): only then is it compared
 * @param parentInReach whether the directory just above {@code key} was read: only then is it
 *     compared (no value there, its marker unchanged)
 */
record GuardedPlan(
    String key,
    long revision,
    SortedMap<String, String> puts,
    Map<String, Long> leases,
    List<String> deletes,
    Map<String, Long> read,
    boolean keyInReach,
    boolean parentInReach) {}
