package link.etcd.middleware;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import link.etcd.EtcdException;
import link.etcd.EtcdKeyNotFoundException;
import link.etcd.EtcdV3Client;
import link.etcd.EtcdV3Types.KeyValue;
import link.etcd.EtcdV3Types.RangeResult;
import link.etcd.LeaseKeeper;
import link.etcd.WatchOptions;
import link.etcd.Watcher;
import org.jspecify.annotations.Nullable;

/**
 * Keeps alive the leases of the keys at and under a path on the v3 API, following what the path
 * holds now: a watch of the path reads its leases again after every change, so a tree written again
 * with a new lease has that lease renewed, and a lease no key uses any more is left to expire.
 * {@code onGone} is called once, when nothing at or under the path has a lease any more (its keys
 * were deleted, or their lease ended); then the renewals stop. Started by {@link
 * EtcdMiddleware#keepAlive}.
 */
final class TreeLeaseKeeper implements TreeWatch {
  private final EtcdV3Client client;
  private final String key;
  private final Consumer<EtcdException> onGone;

  /** The renewal of each lease the path holds; guarded by this. */
  private final Map<Long, LeaseKeeper> keepers = new HashMap<>();

  /** Set once closed, or once {@code onGone} was called; guarded by this. */
  private boolean ended;

  private volatile @Nullable Watcher watcher;

  private TreeLeaseKeeper(EtcdV3Client client, String key, Consumer<EtcdException> onGone) {
    this.client = client;
    this.key = key;
    this.onGone = onGone;
  }

  /**
   * Starts renewing the leases at and under {@code key}.
   *
   * @throws IllegalArgumentException when nothing there has a lease
   */
  static TreeLeaseKeeper start(EtcdV3Client client, String key, Consumer<EtcdException> onGone) {
    TreeLeaseKeeper keeper = new TreeLeaseKeeper(client, key, onGone);
    // Watched first, so that no change between the read below and the watch goes unseen.
    keeper.watcher =
        client.watch(
            key, WatchOptions.defaults().withRecursive(true), event -> keeper.refresh(null));
    Set<Long> leases;
    try {
      leases = leases(client, key);
    } catch (RuntimeException e) {
      keeper.close();
      throw e;
    }
    if (leases.isEmpty()) {
      keeper.close();
      throw new IllegalArgumentException(
          "Nothing at or under "
              + key
              + " has a TTL to keep alive; write it with"
              + " one (Expiring, or ttl in the tree DSL) first");
    }
    keeper.follow(leases, null);
    return keeper;
  }

  /** {@return the leases of the keys at and under {@code key}, in key order} */
  private static Set<Long> leases(EtcdV3Client client, String key) {
    String dir = FlatPlan.marker(key);
    RangeResult read =
        V3Answers.range(
            client,
            client.range(
                key,
                client
                    .rangeDefaults()
                    .withRangeEnd(EtcdV3Client.prefixEnd(dir))
                    .withKeysOnly(true)),
            "a read of the leases at and under a path");
    Set<Long> leases = new LinkedHashSet<>();
    for (KeyValue kv : read.kvs()) {
      if ((kv.key().equals(key) || kv.key().startsWith(dir)) && kv.lease() != 0) {
        leases.add(kv.lease());
      }
    }
    return leases;
  }

  /**
   * Reads the path's leases again and follows them; {@code cause} is why (a lease that is gone), or
   * {@code null} after a change at the path.
   */
  private void refresh(@Nullable EtcdException cause) {
    Set<Long> now;
    try {
      now = leases(client, key);
    } catch (RuntimeException e) {
      // etcd unreachable for now: the renewals go on, and the next change or loss reads again.
      return;
    }
    follow(now, cause);
  }

  private void follow(Set<Long> leases, @Nullable EtcdException cause) {
    boolean goneNow = false;
    synchronized (this) {
      if (ended) {
        return;
      }
      keepers.entrySet().removeIf(kept -> stop(kept, leases));
      for (long lease : leases) {
        keepers.computeIfAbsent(lease, id -> client.keepAlive(id, this::refresh));
      }
      if (leases.isEmpty()) {
        ended = true;
        goneNow = true;
      }
    }
    if (goneNow) {
      closeWatcher();
      onGone.accept(cause != null ? cause : new EtcdKeyNotFoundException(key));
    }
  }

  private static boolean stop(Map.Entry<Long, LeaseKeeper> kept, Set<Long> leases) {
    if (leases.contains(kept.getKey())) {
      return false;
    }
    kept.getValue().close();
    return true;
  }

  private void closeWatcher() {
    Watcher watching = watcher;
    if (watching != null) {
      watching.close();
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      ended = true;
      keepers.values().forEach(LeaseKeeper::close);
      keepers.clear();
    }
    closeWatcher();
  }
}
