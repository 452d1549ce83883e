package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * etcd killed and started again between two calls of one client (one endpoint, {@code
 * allow_reconnect} off, the default): the client's pooled connection was closed by the server, so
 * the next call must go on a fresh connection, whatever its method, instead of failing with
 * "unexpected end of stream" or an indeterminate outcome. A proxy on a fixed port stands for etcd's
 * address, since a restarted test member listens on a new port.
 */
final class RestartEtcdTest {
  @TempDir Path dir;
  private EtcdProcess etcd;
  private TcpProxy proxy;
  private EtcdClient client;

  @BeforeEach
  void start() throws Exception {
    etcd = EtcdProcess.start(dir.resolve("data"));
    proxy = new TcpProxy(etcd.host(), etcd.clientPort());
    client = new EtcdClient(EtcdSettings.builder().host("127.0.0.1").port(proxy.port()).build());
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    proxy.close();
    etcd.close();
  }

  /**
   * Kills etcd (SIGKILL) and starts it again on the same data; the proxy then forwards to the new
   * member.
   */
  private void restart() {
    ProcessHandle.of(etcd.pid()).ifPresent(ProcessHandle::destroyForcibly);
    etcd.close();
    etcd = EtcdProcess.start(dir.resolve("data"));
    proxy.retarget(etcd.host(), etcd.clientPort());
  }

  private void afterRestart(Consumer<EtcdClient> call) {
    int connections = proxy.acceptedConnections();
    restart();
    call.accept(client);
    assertTrue(proxy.acceptedConnections() > connections, "no fresh connection was made");
  }

  @Test
  void everyKindOfCallAfterARestartGoesOnAFreshConnection() throws Exception {
    client.write("/restart/k", "v0");
    afterRestart(c -> assertEquals("v0", c.read("/restart/k").node().value()));
    afterRestart(c -> c.write("/restart/k", "v1"));
    assertEquals("v1", client.read("/restart/k").node().value());
    afterRestart(c -> c.append("/restart/queue", "item"));
    assertEquals(1, client.read("/restart/queue").node().nodes().size());
    afterRestart(c -> c.delete("/restart/k"));
    assertFalse(
        client.read("/restart").node().nodes().stream()
            .anyMatch(n -> n.key().equals("/restart/k")));
  }

  @Test
  void aWatcherReadsAgainWhenEtcdIsWipedAndItsIndexStartsOver() throws Exception {
    for (int i = 0; i < 30; i++) {
      client.write("/restart/filler", Integer.toString(i));
    }
    BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
    try (Watcher watcher = client.watch("/restart/watched", WatchOptions.defaults(), events::add)) {
      long waitingFor = watcher.nextIndex();
      ProcessHandle.of(etcd.pid()).ifPresent(ProcessHandle::destroyForcibly);
      etcd.close();
      etcd = EtcdProcess.start(dir.resolve("wiped"));
      proxy.retarget(etcd.host(), etcd.clientPort());
      try (EtcdClient fresh =
          new EtcdClient(
              EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort()).build())) {
        long index = fresh.write("/restart/watched", "after the wipe").node().modifiedIndex();
        assertTrue(
            index < waitingFor, "the wiped etcd's index " + index + " is not below " + waitingFor);
      }
      WatchEvent.Resync resync = (WatchEvent.Resync) events.poll(20, TimeUnit.SECONDS);
      assertEquals("after the wipe", resync.snapshot().value());
      assertTrue(watcher.isOpen());
    }
  }
}
