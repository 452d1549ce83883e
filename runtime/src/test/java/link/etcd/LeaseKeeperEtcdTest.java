package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import link.etcd.middleware.EtcdMiddleware;
import link.etcd.middleware.Expiring;
import link.etcd.middleware.TreeWatch;
import link.etcd.testing.Etcd;
import link.etcd.testing.EtcdBinary;
import link.etcd.testing.EtcdExtension;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Leases kept alive ({@link EtcdV3Client#keepAlive}, {@link EtcdMiddleware#keepAlive}) on real etcd
 * 3.4 and on 3.5 without {@code --enable-v2}: renewed while kept (two leases on one client's
 * stream), the caller told when one is revoked, nothing sent after close; and the list of leases.
 */
final class LeaseKeeperEtcdTest {
  private static final AtomicLong PREFIXES = new AtomicLong();

  @Nested
  @ExtendWith(EtcdExtension.class)
  final class Etcd34 extends Suite {
    Etcd34(EtcdProcess etcd) {
      super(etcd);
    }
  }

  @Nested
  @ExtendWith(EtcdExtension.class)
  final class Etcd35WithoutV2 extends Suite {
    Etcd35WithoutV2(@Etcd(binary = EtcdBinary.V3_5, v2 = false) EtcdProcess etcd) {
      super(etcd);
    }
  }

  abstract static class Suite {
    private final EtcdSettings settings;

    Suite(EtcdProcess etcd) {
      settings =
          EtcdSettings.builder()
              .api(EtcdSettings.Api.V3)
              .host(etcd.host())
              .port(etcd.clientPort())
              .build();
    }

    @Test
    void aLeaseRevokedFromOutsideIsReportedOnceAndTheKeeperStops() throws Exception {
      String key = "/lease-test/revoked-" + PREFIXES.incrementAndGet();
      BlockingQueue<EtcdException> gone = new LinkedBlockingQueue<>();
      try (EtcdV3Client client = new EtcdV3Client(settings);
          EtcdV3Client outside = new EtcdV3Client(settings)) {
        EtcdV3Client.Lease lease = client.grant(3);
        client.put(key, "up", EtcdV3Client.PutOptions.defaults().withLease(lease.id()));
        LeaseKeeper keeper = client.keepAlive(lease.id(), gone::add);
        outside.revoke(lease.id());
        EtcdException error = gone.poll(10, TimeUnit.SECONDS);
        assertNotNull(error, "onGone not called within 10 s");
        assertInstanceOf(EtcdKeyNotFoundException.class, error);
        assertEquals(
            "Lease "
                + Long.toHexString(lease.id())
                + " is gone (revoked, or expired before a renewal"
                + " reached etcd), and the keys attached to it are deleted; write them again with a new lease",
            error.getMessage());
        assertFalse(keeper.isOpen());
        assertEquals(null, gone.poll(1500, TimeUnit.MILLISECONDS), "reported once");
        assertTrue(client.range(key).kvs().isEmpty());
      }
    }

    @Test
    void keptTtlsOutliveTheirTtlAndCloseStopsEveryRenewal() throws Exception {
      String path = "/lease-test/kept-" + PREFIXES.incrementAndGet();
      try (EtcdMiddleware middleware = new EtcdMiddleware(settings);
          EtcdV3Client client = new EtcdV3Client(settings)) {
        middleware.set(
            path,
            Map.of(
                "session",
                new Expiring(Map.of("user", "ann"), Duration.ofSeconds(3)),
                "stays",
                "yes"));
        BlockingQueue<EtcdException> gone = new LinkedBlockingQueue<>();
        TreeWatch kept = middleware.keepAlive(path, gone::add);
        Thread.sleep(5_000);
        assertEquals(
            Map.of("session", Map.of("user", "ann"), "stays", "yes"),
            middleware.get(path),
            "alive after 5 s with a TTL of 3 s");
        kept.close();
        long lease = client.range(path + "/session/user").kvs().get(0).lease();
        long left = client.timeToLive(lease, false).ttlSeconds();
        Thread.sleep((left + 2) * 1000);
        assertEquals(Map.of("stays", "yes"), middleware.get(path), "expired after close");
        assertEquals(null, gone.poll(), "close is not a loss");
      }
    }

    @Test
    void afterCloseTheKeeperSendsNothing() throws Exception {
      try (EtcdV3Client client = new EtcdV3Client(settings)) {
        EtcdV3Client.Lease lease = client.grant(3);
        LeaseKeeper keeper = client.keepAlive(lease.id(), gone -> {});
        Thread.sleep(2_500);
        keeper.close();
        long sent = keeper.renewals();
        assertTrue(sent >= 3, "renewed every second: " + sent);
        Thread.sleep(2_000);
        assertEquals(sent, keeper.renewals());
        assertFalse(keeper.isOpen());
      }
    }

    @Test
    void twoKeptLeasesOutliveTheirTtlOnOneClient() throws Exception {
      String key = "/lease-test/two-" + PREFIXES.incrementAndGet();
      try (EtcdV3Client client = new EtcdV3Client(settings)) {
        EtcdV3Client.Lease first = client.grant(3);
        EtcdV3Client.Lease second = client.grant(3);
        client.put(key + "/a", "1", EtcdV3Client.PutOptions.defaults().withLease(first.id()));
        client.put(key + "/b", "2", EtcdV3Client.PutOptions.defaults().withLease(second.id()));
        BlockingQueue<EtcdException> gone = new LinkedBlockingQueue<>();
        try (LeaseKeeper a = client.keepAlive(first.id(), gone::add);
            LeaseKeeper b = client.keepAlive(second.id(), gone::add)) {
          Thread.sleep(7_000);
          assertTrue(client.timeToLive(first.id(), false).ttlSeconds() > 0);
          assertTrue(client.timeToLive(second.id(), false).ttlSeconds() > 0);
          assertEquals(
              2,
              client
                  .range(
                      key + "/",
                      EtcdV3Client.RangeOptions.defaults()
                          .withRangeEnd(EtcdV3Client.prefixEnd(key + "/")))
                  .kvs()
                  .size(),
              "both keys alive after 7 s with a TTL of 3 s");
          assertTrue(a.renewals() >= 4 && b.renewals() >= 4, a + ", " + b);
          assertEquals(null, gone.poll());
        }
      }
    }

    @Test
    void leasesListsTheLeasesEtcdHas() throws Exception {
      try (EtcdV3Client client = new EtcdV3Client(settings)) {
        EtcdV3Client.Lease kept = client.grant(60);
        EtcdV3Client.Lease revoked = client.grant(60);
        assertTrue(client.leases().contains(kept.id()), "granted: " + client.leases());
        assertTrue(client.leases().contains(revoked.id()), "granted: " + client.leases());
        client.revoke(revoked.id());
        List<Long> after = client.leasesAsync().get(10, TimeUnit.SECONDS);
        assertTrue(after.contains(kept.id()), "kept: " + after);
        assertFalse(after.contains(revoked.id()), "revoked: " + after);
        client.revoke(kept.id());
      }
    }

    @Test
    void keepAliveOfAPathWithoutTtlsSaysSo() {
      String path = "/lease-test/no-ttl-" + PREFIXES.incrementAndGet();
      try (EtcdMiddleware middleware = new EtcdMiddleware(settings)) {
        middleware.set(path, Map.of("a", "1"));
        IllegalArgumentException e =
            assertThrows(
                IllegalArgumentException.class, () -> middleware.keepAlive(path, gone -> {}));
        assertEquals(
            "Nothing at or under "
                + path
                + " has a TTL to keep alive; write it with one (Expiring, or ttl"
                + " in the tree DSL) first",
            e.getMessage());
      }
    }
  }
}
