package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import link.etcd.internal.http.Hedging;
import link.etcd.testing.EtcdBinary;
import link.etcd.testing.EtcdCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Faults against a real 3-member etcd cluster: the leader or a follower killed during writes, a
 * lost answer to a write that is not safe to repeat, a refused connection, a paused member, a watch
 * across a killed member. Each test prints its figures and asserts them, on the v2 API (etcd 3.4
 * with {@code --enable-v2}) and on the v3 API (etcd 3.5 without it, so nothing can fall back on
 * {@code /v2}).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("apis")
final class ClusterFaultTest {
  /**
   * An API and the cluster it runs against.
   *
   * @param name what the test report shows
   * @param api the API the clients speak
   * @param binary the etcd of the cluster
   * @param v2 whether the cluster serves the v2 API
   */
  record Api(String name, EtcdSettings.Api api, EtcdBinary binary, boolean v2) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Api> apis() {
    return List.of(
        new Api("v2 on etcd 3.4", EtcdSettings.Api.V2, EtcdBinary.DEFAULT, true),
        new Api("v3 on etcd 3.5 without --enable-v2", EtcdSettings.Api.V3, EtcdBinary.V3_5, false));
  }

  private static EtcdCluster cluster;

  @BeforeParameterizedClassInvocation
  static void startCluster(Api api) {
    cluster = EtcdCluster.start(api.binary(), api.v2());
  }

  @AfterParameterizedClassInvocation
  static void stopCluster() {
    cluster.close();
  }

  /**
   * Writes in the leader-kill test: the 10,000 unless {@code -Dlink.etcd.faultWrites} says
   * otherwise.
   */
  private static final int LEADER_KILL_WRITES = Integer.getInteger("link.etcd.faultWrites", 10_000);

  private static final int THREADS = 4;

  private final Api api;

  ClusterFaultTest(Api api) {
    this.api = api;
  }

  @Test
  void killingTheLeaderDuringWritesLosesNoAcknowledgedWrite() throws Exception {
    int leader = cluster.leader();
    WriteRun run;
    // etcd holds a write that a follower took when the leader died for up to 7 s (its request
    // timeout) before
    // failing it; a 1 s read_timeout gives up on it sooner and moves the (idempotent) PUT to
    // another member.
    EtcdSettings settings =
        clusterSettings(cluster.endpoints()).readTimeout(Duration.ofSeconds(1)).build();
    try (FaultClient client = FaultClient.open(settings)) {
      run =
          writeWhile(
              client,
              "/fault-leader",
              LEADER_KILL_WRITES,
              LEADER_KILL_WRITES / 4,
              () -> cluster.kill(leader),
              -1,
              () -> {});
      Set<String> present = client.keysUnder("/fault-leader", true);
      int lost = run.lost(present);
      System.out.println(
          "[cluster] "
              + api
              + ": leader (member "
              + leader
              + ") killed with SIGKILL after "
              + LEADER_KILL_WRITES / 4
              + " acknowledgements, "
              + THREADS
              + " threads, read_timeout 1 s: "
              + run.summary()
              + ", lost "
              + lost
              + " (quorum read of "
              + present.size()
              + " keys)");
      assertEquals(0, lost, "acknowledged writes missing from a quorum read");
      assertEquals(
          0, run.untyped.get(), "calls that failed with something else than an EtcdException");
      assertEquals(
          LEADER_KILL_WRITES,
          run.acknowledged.size() + run.failed.get(),
          "calls neither acknowledged" + " nor failed");
      assertTrue(
          run.longestPauseMillis() < 5000, "longest pause " + run.longestPauseMillis() + " ms");
      assertTrue(run.acknowledged.size() > LEADER_KILL_WRITES * 9 / 10, run.summary());
    } finally {
      cluster.restart(leader);
    }
  }

  @Test
  void aFollowerKilledAndRestartedLosesNothingAndServesReadsAgain() throws Exception {
    int leader = cluster.leader();
    int follower = (leader + 1) % 3;
    int writes = 2000;
    // The client knows only the follower: it must learn the other members from the member list
    // (v2's /v2/members, v3's /v3/cluster/member/list) to go on.
    try (FaultClient client =
        FaultClient.open(clusterSettings(List.of(cluster.endpoints().get(follower))).build())) {
      WriteRun run =
          writeWhile(
              client,
              "/fault-follower",
              writes,
              writes / 4,
              () -> cluster.kill(follower),
              writes / 2,
              () -> cluster.restart(follower));
      Set<String> present = client.keysUnder("/fault-follower", true);
      int lost = run.lost(present);
      long start = System.nanoTime();
      Set<String> onFollower;
      try (FaultClient direct =
          FaultClient.open(
              EtcdSettings.builder()
                  .api(api.api())
                  .host("127.0.0.1")
                  .port(Integer.parseInt(cluster.endpoints().get(follower).split(":")[1]))
                  .build())) {
        do {
          onFollower = direct.keysUnder("/fault-follower", false);
        } while (onFollower.size() < present.size()
            && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
      }
      long caughtUpMillis = (System.nanoTime() - start) / 1_000_000;
      System.out.println(
          "[cluster] "
              + api
              + ": follower (member "
              + follower
              + ", the only configured endpoint) killed after "
              + writes / 4
              + " acknowledgements and restarted after "
              + writes / 2
              + ": "
              + run.summary()
              + ", lost "
              + lost
              + "; the restarted follower serves "
              + onFollower.size()
              + " of "
              + present.size()
              + " keys (caught up in "
              + caughtUpMillis
              + " ms)");
      assertEquals(0, lost);
      assertEquals(0, run.untyped.get());
      assertEquals(writes, run.acknowledged.size() + run.failed.get());
      assertTrue(
          onFollower.containsAll(run.acknowledged),
          "the restarted follower misses acknowledged keys");
    }
  }

  @Test
  void aWriteThatIsNotRepeatableWhoseAnswerIsLostIsSentOnceAndIndeterminate() throws Exception {
    int member = cluster.leader();
    int port = Integer.parseInt(cluster.endpoints().get(member).split(":")[1]);
    try (AnswerDroppingProxy proxy = new AnswerDroppingProxy(port);
        FaultClient viaProxy =
            FaultClient.open(
                EtcdSettings.builder()
                    .api(api.api())
                    .host("127.0.0.1")
                    .port(proxy.port())
                    .build());
        FaultClient direct = FaultClient.open(clusterSettings(cluster.endpoints()).build())) {
      EtcdIndeterminateException e =
          assertThrows(EtcdIndeterminateException.class, () -> viaProxy.create("/fault-lost-post"));
      int items = direct.keysUnder("/fault-lost-post", true).size();
      System.out.println(
          "[cluster] "
              + api
              + ": "
              + viaProxy.createRequest("/fault-lost-post")
              + " through a proxy that drops etcd's answer: requests reaching etcd "
              + proxy.requests()
              + ", items etcd holds "
              + items
              + ", caller got "
              + e.getClass().getSimpleName());
      assertEquals(1, proxy.requests());
      assertEquals(1, items);
      assertTrue(
          e.getMessage()
              .startsWith(
                  "The outcome of "
                      + viaProxy.createRequest("/fault-lost-post")
                      + " is unknown: it reached etcd"
                      + " at http://127.0.0.1:"
                      + proxy.port()),
          e.getMessage());
    }
  }

  @Test
  void aRefusedConnectionMovesAWriteThatIsNotRepeatableToTheNextMember() {
    List<String> endpoints = new ArrayList<>();
    endpoints.add("127.0.0.1:" + closedPort());
    endpoints.addAll(cluster.endpoints());
    try (FaultClient client = FaultClient.open(clusterSettings(endpoints).build())) {
      client.create("/fault-refused");
      int items = client.keysUnder("/fault-refused", true).size();
      System.out.println(
          "[cluster] "
              + api
              + ": "
              + client.createRequest("/fault-refused")
              + " with a closed port listed first: items "
              + items);
      assertEquals(1, items);
    }
  }

  @Test
  void aPausedMemberCostsOneHedgeDelayThenIsAvoided() {
    int paused = (cluster.leader() + 1) % 3;
    List<String> endpoints = new ArrayList<>(cluster.endpoints());
    endpoints.add(0, endpoints.remove(paused));
    try (FaultClient client =
        FaultClient.open(clusterSettings(endpoints).readTimeout(Duration.ofSeconds(2)).build())) {
      client.write("/fault-paused/warm", "1");
      cluster.pause(paused);
      try {
        long start = System.nanoTime();
        client.write("/fault-paused/a", "1");
        long firstMillis = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
          client.write("/fault-paused/b" + i, "1");
        }
        long nextMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.println(
            "[cluster] "
                + api
                + ": member "
                + paused
                + " paused with SIGSTOP: the first PUT took "
                + firstMillis
                + " ms (hedged to the next member; read_timeout 2000 ms), the next 20 took "
                + nextMillis
                + " ms");
        assertTrue(firstMillis >= Hedging.FLOOR_MILLIS && firstMillis < 1900, firstMillis + " ms");
        assertTrue(nextMillis < 5000, nextMillis + " ms");
      } finally {
        cluster.resume(paused);
      }
    }
  }

  @Test
  void aWatchSurvivesTheKillOfTheMemberItPollsWithoutSilentGaps() throws Exception {
    int member = cluster.leader() == 0 ? 1 : 0;
    List<String> memberFirst = new ArrayList<>(cluster.endpoints());
    memberFirst.add(0, memberFirst.remove(member));
    int writes = 300;
    List<Long> delivered = new CopyOnWriteArrayList<>();
    AtomicInteger resyncs = new AtomicInteger();
    AtomicLong last = new AtomicLong();
    AtomicInteger gaps = new AtomicInteger();
    try (FaultClient writer = FaultClient.open(clusterSettings(cluster.endpoints()).build());
        FaultClient watching = FaultClient.open(clusterSettings(memberFirst).build())) {
      writer.write("/fault-watch/seq", "0");
      // The watch starts from what its member has applied: wait until that includes the first
      // write, or the watch could deliver it as a change.
      long applied = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (watching.keysUnder("/fault-watch", false).isEmpty() && System.nanoTime() < applied) {
        Thread.sleep(5);
      }
      Watcher watcher =
          watching.watch(
              "/fault-watch",
              event -> {
                long seq;
                if (event instanceof WatchEvent.Resync resync) {
                  resyncs.incrementAndGet();
                  seq = Long.parseLong(resync.snapshot().nodes().get(0).value());
                } else if (event instanceof WatchEvent.V3Resync resync) {
                  resyncs.incrementAndGet();
                  seq = Long.parseLong(resync.kvs().get(0).value());
                } else {
                  seq =
                      Long.parseLong(
                          event instanceof WatchEvent.V3Change change
                              ? change.kv().value()
                              : ((WatchEvent.Change) event).response().node().value());
                  if (seq != last.get() + 1) {
                    gaps.incrementAndGet();
                  }
                  delivered.add(seq);
                }
                last.set(seq);
              });
      try (watcher) {
        for (int i = 1; i <= writes; i++) {
          if (i == writes / 3) {
            cluster.kill(member);
          }
          writer.write("/fault-watch/seq", Integer.toString(i));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (last.get() < writes && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
      }
      System.out.println(
          "[cluster] "
              + api
              + ": watch of member "
              + member
              + " (its first endpoint) killed after "
              + writes / 3
              + " of "
              + writes
              + " writes: "
              + delivered.size()
              + " changes delivered in order, "
              + resyncs.get()
              + " resync(s), "
              + gaps.get()
              + " silent gaps, last value seen "
              + last.get());
      assertEquals(writes, last.get(), "the watch did not reach the last write");
      assertEquals(0, gaps.get(), "changes skipped without a resync");
    } finally {
      cluster.restart(member);
    }
  }

  private EtcdSettings.Builder clusterSettings(List<String> endpoints) {
    return EtcdSettings.builder()
        .api(api.api())
        .endpoints(endpoints)
        .allowReconnect(true)
        .readTimeout(Duration.ofSeconds(10));
  }

  /**
   * Writes {@code total} keys under {@code dir} from {@link #THREADS} threads with one client,
   * running {@code firstFault} once {@code firstAt} writes are acknowledged and {@code secondFault}
   * at {@code secondAt} (never when negative).
   */
  private static WriteRun writeWhile(
      FaultClient client,
      String dir,
      int total,
      int firstAt,
      Runnable firstFault,
      int secondAt,
      Runnable secondFault)
      throws Exception {
    WriteRun run = WriteRun.start(client, dir, total, THREADS);
    run.awaitAcknowledged(firstAt);
    firstFault.run();
    if (secondAt >= 0) {
      run.awaitAcknowledged(secondAt);
      secondFault.run();
    }
    return run.finish();
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A TCP proxy on loopback that forwards every request to etcd, waits for etcd's answer, and then
   * closes the client's connection without passing the answer on. Counts the requests it forwarded
   * (HTTP/1.1 request lines, HTTP/2 HEADERS frames).
   */
  private static final class AnswerDroppingProxy implements AutoCloseable {
    private static final Pattern REQUEST_LINE =
        Pattern.compile("(?m)^(GET|PUT|POST|DELETE) \\S+ HTTP/1\\.1$");

    private final ServerSocket server;
    private final int upstreamPort;
    private final AtomicInteger requests = new AtomicInteger();
    private final Thread acceptor;

    AnswerDroppingProxy(int upstreamPort) throws IOException {
      this.upstreamPort = upstreamPort;
      this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      this.acceptor = new Thread(this::accept, "answer-dropping-proxy");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    int requests() {
      return requests.get();
    }

    private void accept() {
      while (!server.isClosed()) {
        try (Socket client = server.accept();
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
          InputStream fromClient = client.getInputStream();
          OutputStream toUpstream = upstream.getOutputStream();
          byte[] buffer = new byte[8192];
          StringBuilder seen = new StringBuilder();
          upstream.setSoTimeout(10_000);
          client.setSoTimeout(200);
          boolean answered = false;
          while (!answered) {
            try {
              int n = fromClient.read(buffer);
              if (n < 0) {
                break;
              }
              toUpstream.write(buffer, 0, n);
              toUpstream.flush();
              seen.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            } catch (java.net.SocketTimeoutException requestComplete) {
              answered = upstream.getInputStream().read(buffer) > 0;
            }
          }
          requests.addAndGet(countRequests(seen.toString()));
        } catch (IOException e) {
          if (server.isClosed()) {
            return;
          }
        }
      }
    }

    /**
     * The requests in what the client sent: HTTP/1.1 request lines, or on HTTP/2 (v3's gRPC, after
     * the connection preface) the HEADERS frames that open streams.
     */
    private static int countRequests(String sent) {
      String preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
      if (!sent.startsWith(preface)) {
        int count = 0;
        Matcher lines = REQUEST_LINE.matcher(sent);
        while (lines.find()) {
          count++;
        }
        return count;
      }
      int count = 0;
      int at = preface.length();
      while (at + 9 <= sent.length()) {
        int length = sent.charAt(at) << 16 | sent.charAt(at + 1) << 8 | sent.charAt(at + 2);
        if (sent.charAt(at + 3) == 0x1) {
          count++;
        }
        at += 9 + length;
      }
      return count;
    }

    @Override
    public void close() throws IOException {
      server.close();
      try {
        acceptor.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
