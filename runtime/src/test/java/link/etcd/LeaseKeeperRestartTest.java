package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * etcd killed and started again on its data while a client keeps a lease: the client's one {@code
 * LeaseKeepAlive} stream breaks, is opened again, and keeps the lease alive well past its TTL. A
 * proxy on a fixed port stands for etcd's address, since a restarted test member listens on a new
 * port.
 */
final class LeaseKeeperRestartTest {
  @TempDir Path dir;

  @Test
  void aKeptLeaseOutlivesARestartOfEtcd() throws Exception {
    EtcdProcess etcd = EtcdProcess.start(dir.resolve("data"));
    try (TcpProxy proxy = new TcpProxy(etcd.host(), etcd.clientPort());
        EtcdV3Client client =
            new EtcdV3Client(
                EtcdSettings.builder()
                    .api(EtcdSettings.Api.V3)
                    .host("127.0.0.1")
                    .port(proxy.port())
                    .build())) {
      EtcdV3Client.Lease lease = client.grant(4);
      client.put(
          "/restart-lease/k", "up", EtcdV3Client.PutOptions.defaults().withLease(lease.id()));
      BlockingQueue<EtcdException> gone = new LinkedBlockingQueue<>();
      LeaseKeeper keeper = client.keepAlive(lease.id(), gone::add);
      Thread.sleep(1_500);
      int connections = proxy.acceptedConnections();

      ProcessHandle.of(etcd.pid()).ifPresent(ProcessHandle::destroyForcibly);
      etcd.close();
      etcd = EtcdProcess.start(dir.resolve("data"));
      proxy.retarget(etcd.host(), etcd.clientPort());
      long renewalsAtRestart = keeper.renewals();

      // Twice the TTL after the restart: only renewals on a reopened stream keep the lease.
      Thread.sleep(9_000);
      assertTrue(keeper.isOpen());
      assertTrue(
          keeper.renewals() > renewalsAtRestart + 2,
          "renewed after the restart: " + renewalsAtRestart + " -> " + keeper.renewals());
      assertTrue(proxy.acceptedConnections() > connections, "no new connection was made");
      assertEquals("up", client.range("/restart-lease/k").kvs().get(0).value());
      long left = client.timeToLive(lease.id(), false).ttlSeconds();
      assertTrue(left > 0, "the lease lives: " + left + " s left");
      assertEquals(null, gone.poll(), "a restart is not a loss");
    } finally {
      etcd.close();
    }
  }
}
