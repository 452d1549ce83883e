package link.etcd.middleware;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import link.etcd.EtcdError;
import link.etcd.EtcdV3Client;
import link.etcd.EtcdV3Types.KeyValue;

/**
 * The leases a rollback gives back: a key written back (its value differs from today's) that had a
 * lease at the revision rolled back to gets that lease again when etcd still has it. A lease that
 * expired since took its keys with it; those keys are refused, naming them and the lease, or
 * restored without a lease when the caller says so ({@link TreeSync.ExpiredLeases}).
 */
final class RestoredLeases {
  private RestoredLeases() {}

  /**
   * {@return the lease of each key of {@code then} that the rollback writes, for those that had one
   * that is still alive}
   *
   * @throws V3TreeException with {@link EtcdError#NOT_FOUND} when a key had a lease that expired
   *     and {@code expired} is {@link TreeSync.ExpiredLeases#REFUSE}
   */
  static Map<String, Long> of(
      EtcdV3Client client,
      String key,
      long revision,
      StoredTree then,
      SortedMap<String, String> now,
      TreeSync.ExpiredLeases expired) {
    Map<Long, Boolean> alive = new HashMap<>();
    Map<String, Long> leases = new TreeMap<>();
    SortedMap<Long, List<String>> gone = new TreeMap<>();
    for (KeyValue kv : then.keys().values()) {
      if (kv.lease() == 0 || kv.value().equals(now.get(kv.key()))) {
        continue;
      }
      boolean lives =
          alive.computeIfAbsent(kv.lease(), id -> client.timeToLive(id, false).ttlSeconds() >= 0);
      if (lives) {
        leases.put(kv.key(), kv.lease());
      } else {
        gone.computeIfAbsent(kv.lease(), id -> new ArrayList<>()).add(kv.key());
      }
    }
    if (!gone.isEmpty() && expired == TreeSync.ExpiredLeases.REFUSE) {
      throw new V3TreeException(EtcdError.NOT_FOUND, refusal(key, revision, gone));
    }
    return leases;
  }

  private static String refusal(String key, long revision, SortedMap<Long, List<String>> gone) {
    List<String> parts = new ArrayList<>();
    gone.forEach(
        (lease, keys) ->
            parts.add(String.join(", ", keys) + " had lease " + Long.toHexString(lease)));
    return "Cannot roll "
        + key
        + " back to revision "
        + revision
        + ": at that revision "
        + String.join("; ", parts)
        + (gone.size() == 1 ? ", which has" : ", which have")
        + " expired since, and etcd deleted the keys with "
        + (gone.size() == 1 ? "it" : "them")
        + "; nothing was written. Roll back to a later revision, or restore those keys without a"
        + " lease (TreeSync.ExpiredLeases.RESTORE_WITHOUT_LEASE; link-etcd rollback"
        + " --without-expired-leases)";
  }
}
