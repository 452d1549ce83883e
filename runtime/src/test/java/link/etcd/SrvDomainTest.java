package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.directory.InitialDirContext;
import link.etcd.testing.EtcdExtension;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code srv_domain} against a real DNS server: Debian's dnsmasq on a free loopback port, serving
 * SRV records that point at a real etcd: 3.4 for the v2 API, and 3.5 without {@code --enable-v2}
 * for the v3 API.
 */
@ExtendWith(EtcdExtension.class)
final class SrvDomainTest {
  private static Process dnsmasq;
  private static int dnsPort;
  private static ServerSocket tlsProbe;

  @BeforeAll
  static void startDnsmasq(EtcdProcess etcd, @TempDir Path dir) throws Exception {
    Path binary = Path.of("/usr/sbin/dnsmasq");
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(
          "dnsmasq not found at /usr/sbin/dnsmasq; install Debian's dnsmasq-base"
              + " (bin/ensure-etcd does it)");
    }
    dnsPort = freeUdpAndTcpPort();
    int wrongPort = freeUdpAndTcpPort();
    tlsProbe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    int v3Only = SharedEtcd.v35().clientPort();
    dnsmasq =
        new ProcessBuilder(
                binary.toString(),
                "--keep-in-foreground",
                "--conf-file=/dev/null",
                "--pid-file=",
                "--user=root",
                "--port=" + dnsPort,
                "--listen-address=127.0.0.1",
                "--bind-interfaces",
                "--no-resolv",
                "--no-hosts",
                "--local=/test.local/",
                "--local=/ssl.local/",
                "--local=/peers.local/",
                "--local=/v3.local/",
                "--host-record=etcd1.test.local,127.0.0.1",
                "--srv-host=_etcd-client._tcp.test.local,etcd1.test.local,"
                    + etcd.clientPort()
                    + ",0,10",
                "--srv-host=_etcd-server._tcp.test.local,etcd1.test.local," + wrongPort + ",0,10",
                "--srv-host=_etcd-server-ssl._tcp.test.local,etcd1.test.local,"
                    + wrongPort
                    + ",0,10",
                "--srv-host=_etcd-client-ssl._tcp.ssl.local,etcd1.test.local,"
                    + tlsProbe.getLocalPort()
                    + ",0,10",
                "--srv-host=_etcd-client._tcp.ssl.local,etcd1.test.local," + wrongPort + ",0,10",
                "--srv-host=_etcd-server._tcp.peers.local,etcd1.test.local,"
                    + etcd.clientPort()
                    + ",0,10",
                "--srv-host=_etcd-client._tcp.v3.local,etcd1.test.local," + v3Only + ",0,10",
                "--srv-host=_etcd-server._tcp.v3.local,etcd1.test.local," + wrongPort + ",0,10")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("dnsmasq.log").toFile())
            .start();
    awaitDns(dir.resolve("dnsmasq.log"));
  }

  @AfterAll
  static void stopDnsmasq() throws InterruptedException, IOException {
    if (tlsProbe != null) {
      tlsProbe.close();
    }
    if (dnsmasq != null) {
      dnsmasq.destroy();
      if (!dnsmasq.waitFor(5, TimeUnit.SECONDS)) {
        dnsmasq.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void theClientRecordLeadsToEtcdAndThePeerRecordIsNeverUsed() {
    try (EtcdClient client = new EtcdClient(settings("test.local").build())) {
      client.write("/srv/a", "1");
      assertEquals("1", client.read("/srv/a").node().value());
    }
  }

  @Test
  void sslRecordsComeFirstAndAreServedOverHttps() throws Exception {
    CompletableFuture<Integer> firstByte =
        CompletableFuture.supplyAsync(
            () -> {
              try (Socket socket = tlsProbe.accept()) {
                return socket.getInputStream().read();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    try (EtcdClient client =
        new EtcdClient(settings("ssl.local").readTimeout(Duration.ofSeconds(2)).build())) {
      assertThrows(EtcdConnectionException.class, () -> client.read("/srv/a"));
    }
    assertEquals(
        0x16, firstByte.get(10, TimeUnit.SECONDS), "a TLS handshake record starts with 0x16");
  }

  @Test
  void aDomainWithOnlyPeerRecordsHasNoEndpoint() {
    try (EtcdClient client = new EtcdClient(settings("peers.local").build())) {
      EtcdConnectionException e =
          assertThrows(EtcdConnectionException.class, () -> client.read("/srv/a"));
      assertEquals(
          "Cannot talk to etcd at SRV records of peers.local for GET /v2/keys/srv/a:"
              + " java.net.UnknownHostException: DNS has no SRV records _etcd-client-ssl._tcp.peers.local or"
              + " _etcd-client._tcp.peers.local; add them, or set host instead of srv_domain; is etcd running there?",
          e.getMessage());
    }
  }

  @Test
  void withAllowReconnectTheMembersAreLearnedToo() {
    try (EtcdClient client = new EtcdClient(settings("test.local").allowReconnect(true).build())) {
      client.write("/srv/b", "2");
      assertEquals(List.of("2"), List.of(client.read("/srv/b").node().value()));
    }
  }

  @Test
  void onV3TheClientRecordLeadsToAV3OnlyEtcdWithAndWithoutAllowReconnect() {
    for (boolean allowReconnect : List.of(false, true)) {
      try (EtcdV3Client client =
          new EtcdV3Client(
              settings("v3.local")
                  .api(EtcdSettings.Api.V3)
                  .allowReconnect(allowReconnect)
                  .build())) {
        client.put("/srv/v3", Boolean.toString(allowReconnect));
        assertEquals(
            Boolean.toString(allowReconnect), client.range("/srv/v3").kvs().get(0).value());
      }
    }
  }

  @Test
  void onV3ADomainWithOnlyPeerRecordsHasNoEndpoint() {
    try (EtcdV3Client client =
        new EtcdV3Client(settings("peers.local").api(EtcdSettings.Api.V3).build())) {
      EtcdConnectionException e =
          assertThrows(EtcdConnectionException.class, () -> client.range("/srv/a"));
      assertEquals(
          "Cannot talk to etcd at SRV records of peers.local for POST /etcdserverpb.KV/Range:"
              + " java.net.UnknownHostException: DNS has no SRV records _etcd-client-ssl._tcp.peers.local or"
              + " _etcd-client._tcp.peers.local; add them, or set host instead of srv_domain; is etcd running there?",
          e.getMessage());
    }
  }

  private static EtcdSettings.Builder settings(String domain) {
    return EtcdSettings.builder().srvDomain(domain).dnsResolver("127.0.0.1:" + dnsPort);
  }

  private static void awaitDns(Path log) throws Exception {
    Hashtable<String, String> env = new Hashtable<>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
    env.put(Context.PROVIDER_URL, "dns://127.0.0.1:" + dnsPort);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      if (!dnsmasq.isAlive()) {
        throw new IllegalStateException("dnsmasq exited: " + Files.readString(log));
      }
      try {
        new InitialDirContext(env)
            .getAttributes("_etcd-client._tcp.test.local", new String[] {"SRV"});
        return;
      } catch (NamingException notYet) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "dnsmasq did not answer in 10 s: " + Files.readString(log), notYet);
        }
        Thread.sleep(100);
      }
    }
  }

  private static int freeUdpAndTcpPort() {
    for (int attempt = 0; attempt < 20; attempt++) {
      try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
          ServerSocket tcp =
              new ServerSocket(udp.getLocalPort(), 1, InetAddress.getLoopbackAddress())) {
        return tcp.getLocalPort();
      } catch (IOException taken) {
        // Try another port.
      }
    }
    throw new UncheckedIOException(
        new IOException("no port free for both UDP and TCP on loopback"));
  }
}
