package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import link.etcd.testing.EtcdCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The leader of a 3-member cluster at etcd's default raft timing (100 ms heartbeat, 1 s election
 * timeout) killed during writes, with the client configured as a user would ({@code
 * allow_reconnect}, {@code read_timeout} 5 s): hedging keeps the pause near the election's own
 * length instead of a whole {@code read_timeout}. Prints its figures and asserts them, on the v2
 * API (etcd 3.4 with {@code --enable-v2}, v2 {@code PUT}s) and on the v3 API (etcd 3.5 without it,
 * v3 {@code put}s).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("link.etcd.ClusterFaultTest#apis")
final class HedgingClusterTest {
  /** Writes per run; {@code -Dlink.etcd.hedgeWrites} changes it. */
  private static final int WRITES = Integer.getInteger("link.etcd.hedgeWrites", 3000);

  /** Leader kills, each with its own writes; {@code -Dlink.etcd.hedgeRuns} for a distribution. */
  private static final int RUNS = Integer.getInteger("link.etcd.hedgeRuns", 1);

  private static final int THREADS = 4;

  /**
   * The longest pause allowed after the leader's death (the goal). The new leader is
   * elected 1.0–2.0 s after the old one's last heartbeat (a follower's randomized election
   * timeout); the client then needs up to one hedge delay (300 ms on a healthy cluster) to send the
   * held writes again.
   */
  private static final long MAX_PAUSE_MILLIS = 2500;

  /**
   * The longest pause allowed beyond the time the cluster took writes again, when that itself was
   * longer (a split vote, or members starved of CPU on loaded cores): what the client adds, at most
   * a hedge's repeat interval, a failed hedge to the dead member, a round trip and scheduling.
   */
  private static final long MAX_PAUSE_AFTER_WRITABLE_MILLIS = 1000;

  private static final Pattern HEDGE_DELAY = Pattern.compile("hedge delay of (\\d+) ms");

  private static EtcdCluster cluster;

  private final ClusterFaultTest.Api api;

  HedgingClusterTest(ClusterFaultTest.Api api) {
    this.api = api;
  }

  @BeforeParameterizedClassInvocation
  static void startCluster(ClusterFaultTest.Api api) {
    cluster = EtcdCluster.start(api.binary(), api.v2(), EtcdCluster.RaftTiming.ETCD_DEFAULTS);
  }

  @AfterParameterizedClassInvocation
  static void stopCluster() {
    cluster.close();
  }

  @Test
  void killingTheLeaderAtEtcdsDefaultTimingPausesWritesLessThanTheReadTimeout() throws Exception {
    EtcdSettings settings =
        EtcdSettings.builder()
            .api(api.api())
            .endpoints(cluster.endpoints())
            .allowReconnect(true)
            .readTimeout(Duration.ofSeconds(5))
            .build();
    for (int run = 1; run <= RUNS; run++) {
      int leader = cluster.leader();
      try (HedgeLog hedges = new HedgeLog();
          FaultClient client = FaultClient.open(settings)) {
        String dir = "/hedge-leader-" + run;
        LeaderKill result = writeWhile(client, dir, leader, hedges);
        Set<String> present = client.keysUnder(dir, true);
        int lost = result.writes().lost(present);
        String line =
            "[hedging] "
                + api
                + ", run "
                + run
                + ": leader (member "
                + leader
                + ") killed with SIGKILL after "
                + WRITES / 4
                + " of "
                + WRITES
                + " plain writes from "
                + THREADS
                + " threads, read_timeout 5 s, etcd's default raft timing: "
                + result.writes().summary()
                + ", lost "
                + lost
                + " (quorum read of "
                + present.size()
                + " keys), the cluster took a write again "
                + result.writableMillis()
                + " ms after the kill, hedged "
                + result.hedgedBeforeKill()
                + " requests before the kill and "
                + (hedges.count() - result.hedgedBeforeKill())
                + " after (hedge delay "
                + hedgeDelays(hedges)
                + " ms), load average "
                + loadAverage();
        System.out.println(line);
        assertEquals(0, lost, "acknowledged writes missing from a quorum read");
        assertEquals(0, result.writes().untyped.get(), "calls that failed with something else");
        assertEquals(WRITES, result.writes().acknowledged.size() + result.writes().failed.get());
        assertTrue(hedges.count() > result.hedgedBeforeKill(), "no request was hedged: " + line);
        long bound =
            Math.max(MAX_PAUSE_MILLIS, result.writableMillis() + MAX_PAUSE_AFTER_WRITABLE_MILLIS);
        assertTrue(
            result.writes().longestPauseMillis() < bound,
            "longest pause "
                + result.writes().longestPauseMillis()
                + " ms, over "
                + bound
                + ": "
                + line);
      } finally {
        cluster.restart(leader);
      }
    }
  }

  private LeaderKill writeWhile(FaultClient client, String dir, int leader, HedgeLog hedges)
      throws Exception {
    WriteRun run = WriteRun.start(client, dir, WRITES, THREADS);
    run.awaitAcknowledged(WRITES / 4);
    int hedgedBeforeKill = hedges.count();
    long killed = System.nanoTime();
    cluster.kill(leader);
    long writableMillis = (awaitWritable(leader) - killed) / 1_000_000;
    return new LeaderKill(run.finish(), hedgedBeforeKill, writableMillis);
  }

  /**
   * Returns when the cluster takes a write again after {@code killed} died: writes of a probe key
   * sent to the other members every 50 ms (each waiting up to 10 s, as etcd holds the ones sent
   * before the election), until the first is answered.
   */
  private long awaitWritable(int killed) throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(1))
            .build();
    CompletableFuture<Long> writable = new CompletableFuture<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!writable.isDone() && System.nanoTime() < deadline) {
      for (int member = 0; member < 3; member++) {
        if (member != killed) {
          http.sendAsync(probe(cluster.clientUrl(member)), HttpResponse.BodyHandlers.discarding())
              .thenAccept(
                  answer -> {
                    if (answer.statusCode() < 300) {
                      writable.complete(System.nanoTime());
                    }
                  });
        }
      }
      Thread.sleep(50);
    }
    return writable.get(1, TimeUnit.SECONDS);
  }

  /** A plain write of a probe key to the member at {@code url}, on the API under test. */
  private HttpRequest probe(String url) {
    HttpRequest.Builder request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(10));
    if (api.api() == EtcdSettings.Api.V3) {
      // {"key": "/hedge-probe", "value": "1"} in base64, as the v3 gateway wants.
      return request
          .uri(URI.create(url + "/v3/kv/put"))
          .POST(
              HttpRequest.BodyPublishers.ofString(
                  "{\"key\":\"L2hlZGdlLXByb2Jl\",\"value\":\"MQ==\"}"))
          .build();
    }
    return request
        .uri(URI.create(url + "/v2/keys/hedge-probe"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .PUT(HttpRequest.BodyPublishers.ofString("value=1"))
        .build();
  }

  /** The hedge delays the log names, such as {@code 300} or {@code 300-420}. */
  private static String hedgeDelays(HedgeLog hedges) {
    List<Long> delays = new ArrayList<>();
    for (String message : hedges.messages()) {
      Matcher matcher = HEDGE_DELAY.matcher(message);
      if (matcher.find()) {
        delays.add(Long.parseLong(matcher.group(1)));
      }
    }
    if (delays.isEmpty()) {
      return "-";
    }
    long min = Collections.min(delays);
    long max = Collections.max(delays);
    return min == max ? Long.toString(min) : min + "-" + max;
  }

  private static String loadAverage() {
    return String.format(
        "%.2f",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /**
   * A leader-kill run: its writes, the hedges sent before the kill, and when the cluster took a
   * write again after it.
   */
  private record LeaderKill(WriteRun writes, int hedgedBeforeKill, long writableMillis) {}
}
