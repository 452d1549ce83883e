package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import link.etcd.testing.EtcdBinary;
import link.etcd.testing.EtcdCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The leader of a 3-member cluster at etcd's default raft timing (100 ms heartbeat, 1 s election
 * timeout) killed during writes, with the client configured as a user would ({@code
 * allow_reconnect}, {@code read_timeout} 5 s): hedging keeps the pause near the election's own
 * length instead of a whole {@code read_timeout}. Prints its figures and asserts them.
 */
final class HedgingClusterTest {
  /** Writes per run; {@code -Dlink.etcd.hedgeWrites} changes it. */
  private static final int WRITES = Integer.getInteger("link.etcd.hedgeWrites", 3000);

  /** Leader kills, each with its own writes; {@code -Dlink.etcd.hedgeRuns} for a distribution. */
  private static final int RUNS = Integer.getInteger("link.etcd.hedgeRuns", 1);

  private static final int THREADS = 4;

  /**
   * The longest pause allowed after the leader's death. The new leader is elected 1.0–2.0 s after
   * the old one's last heartbeat (a follower's randomized election timeout); the client then needs
   * up to one hedge delay to send the held writes again.
   */
  private static final long MAX_PAUSE_MILLIS = 2500;

  /**
   * The longest pause allowed beyond the election, when the election itself took longer (a split
   * vote, or a member starved of CPU): a hedge delay, a round trip and scheduling on loaded cores.
   */
  private static final long MAX_PAUSE_AFTER_ELECTION_MILLIS = 1000;

  private static EtcdCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = EtcdCluster.start(EtcdBinary.DEFAULT, true, EtcdCluster.RaftTiming.ETCD_DEFAULTS);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void killingTheLeaderAtEtcdsDefaultTimingPausesWritesLessThanTheReadTimeout() throws Exception {
    EtcdSettings settings =
        EtcdSettings.builder()
            .endpoints(cluster.endpoints())
            .allowReconnect(true)
            .readTimeout(Duration.ofSeconds(5))
            .build();
    List<String> lines = new ArrayList<>();
    for (int run = 1; run <= RUNS; run++) {
      int leader = cluster.leader();
      try (HedgeLog hedges = new HedgeLog();
          EtcdClient client = new EtcdClient(settings)) {
        String dir = "/hedge-leader-" + run;
        Run result = writeWhile(client, dir, leader, hedges);
        Set<String> present = keysUnder(client, dir);
        int lost = result.lost(present);
        String line =
            "[hedging] run "
                + run
                + ": leader (member "
                + leader
                + ") killed with SIGKILL after "
                + WRITES / 4
                + " of "
                + WRITES
                + " PUTs from "
                + THREADS
                + " threads, read_timeout 5 s, etcd's default raft timing: "
                + result.summary()
                + ", lost "
                + lost
                + " (quorum read of "
                + present.size()
                + " keys), new leader "
                + result.electionMillis
                + " ms after the kill, hedged "
                + result.hedgedBeforeKill
                + " requests before the kill and "
                + (hedges.count() - result.hedgedBeforeKill)
                + " after, load average "
                + loadAverage();
        System.out.println(line);
        lines.add(line);
        assertEquals(0, lost, "acknowledged writes missing from a quorum read");
        assertEquals(0, result.untyped.get(), "calls that failed with something else");
        assertEquals(WRITES, result.acknowledged.size() + result.failed.get());
        assertTrue(hedges.count() > result.hedgedBeforeKill, "no request was hedged: " + line);
        long bound =
            Math.max(MAX_PAUSE_MILLIS, result.electionMillis + MAX_PAUSE_AFTER_ELECTION_MILLIS);
        assertTrue(
            result.longestPauseMillis() < bound,
            "longest pause " + result.longestPauseMillis() + " ms, over " + bound + ": " + line);
      } finally {
        cluster.restart(leader);
      }
    }
  }

  private static Run writeWhile(EtcdClient client, String dir, int leader, HedgeLog hedges)
      throws Exception {
    Run run = new Run();
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime();
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    List<Future<?>> writers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      writers.add(
          threads.submit(
              () -> {
                for (int i = next.getAndIncrement(); i < WRITES; i = next.getAndIncrement()) {
                  String key = dir + "/k" + i;
                  try {
                    client.write(key, Integer.toString(i));
                    run.acknowledged(key);
                  } catch (EtcdException e) {
                    run.failed.incrementAndGet();
                  } catch (RuntimeException e) {
                    run.untyped.incrementAndGet();
                  }
                }
              }));
    }
    while (run.acknowledged.size() < WRITES / 4 && !writers.stream().allMatch(Future::isDone)) {
      Thread.sleep(5);
    }
    run.hedgedBeforeKill = hedges.count();
    long killed = System.nanoTime();
    cluster.kill(leader);
    run.electionMillis = (awaitNewLeader(leader) - killed) / 1_000_000;
    for (Future<?> writer : writers) {
      writer.get(5, TimeUnit.MINUTES);
    }
    threads.shutdown();
    run.elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    return run;
  }

  /** Returns when a member other than {@code old} says it leads, polling every 10 ms. */
  private static long awaitNewLeader(int old) throws InterruptedException {
    HttpClient http =
        HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(1))
            .build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      for (int member = 0; member < 3; member++) {
        if (member == old) {
          continue;
        }
        try {
          HttpResponse<String> stats =
              http.send(
                  HttpRequest.newBuilder(URI.create(cluster.clientUrl(member) + "/v2/stats/self"))
                      .timeout(Duration.ofSeconds(1))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          if (stats.body().contains("\"state\":\"StateLeader\"")) {
            return System.nanoTime();
          }
        } catch (java.io.IOException busy) {
          // Asked again at the next round.
        }
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("no new leader 30 s after the kill");
  }

  private static Set<String> keysUnder(EtcdClient client, String dir) {
    Set<String> keys = new HashSet<>();
    for (EtcdNode node : client.read(dir, ReadOptions.defaults().withQuorum(true)).node().nodes()) {
      keys.add(node.key());
    }
    return keys;
  }

  private static String loadAverage() {
    return String.format(
        "%.2f",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** What a write run saw. */
  private static final class Run {
    final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger untyped = new AtomicInteger();
    final AtomicLong lastAck = new AtomicLong(System.nanoTime());
    final AtomicLong longestPause = new AtomicLong();
    int hedgedBeforeKill;
    long electionMillis;
    long elapsedMillis;

    void acknowledged(String key) {
      long now = System.nanoTime();
      longestPause.accumulateAndGet(now - lastAck.getAndSet(now), Math::max);
      acknowledged.add(key);
    }

    long longestPauseMillis() {
      return longestPause.get() / 1_000_000;
    }

    int lost(Set<String> present) {
      Set<String> missing = new HashSet<>(acknowledged);
      missing.removeAll(present);
      return missing.size();
    }

    String summary() {
      return (acknowledged.size() + failed.get() + untyped.get())
          + " writes, "
          + acknowledged.size()
          + " acknowledged, "
          + failed.get()
          + " failed, "
          + untyped.get()
          + " untyped, longest pause between acknowledgements "
          + longestPauseMillis()
          + " ms, "
          + elapsedMillis
          + " ms in all";
    }
  }
}
