package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import link.etcd.testing.EtcdExtension;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Continuous watches against a real etcd: no change lost or repeated across disconnects and an
 * "event index cleared", open watches never delay ordinary calls, and closed watches leave no
 * thread or connection behind.
 */
@ExtendWith(EtcdExtension.class)
final class WatcherEtcdTest {
  private static final int CHANGES = 5_000;
  private static final int KEYS = 10;

  /**
   * The writer waits while the watcher is this many changes behind, except while the proxy is
   * paused.
   */
  private static final int MAX_LAG = 200;

  /** More writes than the 1,000 events etcd v2 keeps, so the paused watcher's index is cleared. */
  private static final int WRITES_WHILE_PAUSED = 1_200;

  private static final int PAUSE_AT = 2_500;

  /** What the watcher saw, checked by the sequence number each value carries. */
  private static final class Tally {
    volatile int last;
    int inOrder;
    int gaps;
    int resyncs;
    int coveredByResyncs;
    final List<String> problems = new ArrayList<>();

    synchronized void accept(WatchEvent event) {
      if (event instanceof WatchEvent.Change change) {
        int seq = Integer.parseInt(change.response().node().value());
        if (seq == last + 1) {
          inOrder++;
        } else {
          gaps++;
          problems.add("change " + seq + " after " + last);
        }
        last = seq;
      } else if (event instanceof WatchEvent.Resync resync) {
        int newest = 0;
        EtcdNode snapshot = resync.snapshot();
        if (snapshot != null) {
          for (EtcdNode key : snapshot.nodes()) {
            newest = Math.max(newest, Integer.parseInt(key.value()));
          }
        }
        resyncs++;
        coveredByResyncs += newest - last;
        if (newest < last) {
          problems.add("resync at " + newest + " after " + last);
        }
        last = newest;
      }
    }
  }

  @Test
  void everyChangeArrivesInOrderAcrossDisconnectsWithOneResyncPerClearedIndex(EtcdProcess etcd)
      throws Exception {
    String dir = "/watch-5000/" + System.nanoTime();
    Tally tally = new Tally();
    int disconnects = 0;
    long started = System.nanoTime();
    try (TcpProxy proxy = new TcpProxy(etcd.host(), etcd.clientPort());
        EtcdClient writer = new EtcdClient(settings(etcd.clientPort()));
        EtcdClient watching = new EtcdClient(settings(proxy.port()));
        Watcher watcher =
            watching.watch(dir, WatchOptions.defaults().withRecursive(true), tally::accept)) {
      for (int seq = 1; seq <= CHANGES; seq++) {
        if (seq == PAUSE_AT) {
          proxy.pause();
        } else if (seq == PAUSE_AT + WRITES_WHILE_PAUSED) {
          proxy.resume();
        } else if (seq % 500 == 0 && (seq < PAUSE_AT || seq > PAUSE_AT + WRITES_WHILE_PAUSED)) {
          proxy.dropAll();
          disconnects++;
        }
        boolean paused = seq >= PAUSE_AT && seq < PAUSE_AT + WRITES_WHILE_PAUSED;
        int behind = seq;
        assertTrue(
            paused || waitFor(() -> behind - tally.last <= MAX_LAG, 60),
            "the watcher stayed behind at " + tally.last + " while writing " + seq);
        writer.write(dir + "/k" + (seq % KEYS), Integer.toString(seq));
      }
      assertTrue(waitFor(() -> tally.last == CHANGES, 60), "the watcher stopped at " + tally.last);
      System.out.printf(
          "watch across %d changes: %d delivered in order, %d resync(s) covering %d changes,"
              + " %d silent gaps, %d disconnects, %d connections through the proxy, %d ms%n",
          CHANGES,
          tally.inOrder,
          tally.resyncs,
          tally.coveredByResyncs,
          tally.gaps,
          disconnects,
          proxy.acceptedConnections(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      assertTrue(watcher.isOpen());
    }
    assertEquals(List.of(), tally.problems);
    assertEquals(0, tally.gaps);
    assertEquals(1, tally.resyncs, "one forced 'event index cleared', so exactly one resync");
    assertEquals(CHANGES, tally.inOrder + tally.coveredByResyncs);
  }

  @Test
  void twentyOpenWatchesDoNotDelayOrdinaryCalls(EtcdProcess etcd) throws Exception {
    String dir = "/watch-20/" + System.nanoTime();
    List<Watcher> watchers = new ArrayList<>();
    try (EtcdClient client = new EtcdClient(settings(etcd.clientPort()))) {
      client.write(dir + "/value", "1");
      long alone = timeCalls(client, dir);
      for (int i = 0; i < 20; i++) {
        watchers.add(client.watch(dir + "/idle/" + i, event -> {}));
      }
      Thread.sleep(200);
      long withWatches = timeCalls(client, dir);
      long asyncStarted = System.nanoTime();
      List<CompletableFuture<EtcdResponse>> reads = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        reads.add(client.readAsync(dir + "/value", ReadOptions.defaults()));
      }
      CompletableFuture.allOf(reads.toArray(new CompletableFuture<?>[0])).get(10, TimeUnit.SECONDS);
      long asyncMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asyncStarted);
      System.out.printf(
          "100 ordinary calls: %d ms alone, %d ms with 20 open watches; 50 concurrent async reads"
              + " with 20 open watches: %d ms%n",
          alone, withWatches, asyncMillis);
      assertTrue(watchers.stream().allMatch(Watcher::isOpen));
      assertTrue(withWatches < 10_000 && asyncMillis < 10_000);
    } finally {
      watchers.forEach(Watcher::close);
    }
  }

  /** Runs 50 reads and 50 writes one after the other and returns the milliseconds they took. */
  private static long timeCalls(EtcdClient client, String dir) {
    long started = System.nanoTime();
    for (int i = 0; i < 50; i++) {
      client.read(dir + "/value");
      client.write(dir + "/value", Integer.toString(i));
    }
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
  }

  @Test
  void tenThousandWatchesOpenedAndClosedLeaveNoThreadOrConnectionBehind(EtcdProcess etcd)
      throws Exception {
    int rounds = 100;
    int perRound = 100;
    String dir = "/watch-10000/" + System.nanoTime();
    try (TcpProxy proxy = new TcpProxy(etcd.host(), etcd.clientPort());
        EtcdClient client = new EtcdClient(settings(proxy.port()))) {
      long from = client.write(dir + "/start", "1").node().modifiedIndex() + 1;
      int baselineThreads = clientThreads();
      int baselineConnections = proxy.openConnections();
      int peakThreads = 0;
      int peakConnections = 0;
      long started = System.nanoTime();
      for (int round = 0; round < rounds; round++) {
        List<Watcher> open = new ArrayList<>(perRound);
        for (int i = 0; i < perRound; i++) {
          open.add(
              client.watch(
                  dir + "/" + round + "/" + i,
                  WatchOptions.defaults().withFromIndex(from),
                  event -> {}));
        }
        assertTrue(
            waitFor(() -> proxy.openConnections() >= perRound, 30),
            "only " + proxy.openConnections() + " polls open in round " + round);
        peakConnections = Math.max(peakConnections, proxy.openConnections());
        peakThreads = Math.max(peakThreads, clientThreads());
        open.forEach(Watcher::close);
      }
      long openMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertTrue(
          waitFor(() -> proxy.openConnections() <= baselineConnections, 30),
          proxy.openConnections() + " connections left open");
      int connectionsAfter = proxy.openConnections();
      // Idle pool threads end 60 s after their last call.
      assertTrue(
          waitFor(() -> clientThreads() <= baselineThreads, 90),
          clientThreads() + " client threads left");
      System.out.printf(
          "%d watches opened and closed in %d ms: client threads %d before, %d at peak, %d after;"
              + " connections %d before, %d at peak, %d after%n",
          rounds * perRound,
          openMillis,
          baselineThreads,
          peakThreads,
          clientThreads(),
          baselineConnections,
          peakConnections,
          connectionsAfter);
    }
  }

  /**
   * Counts the client's threads: its pools name them {@code link-etcd ...}, and OkHttp renames a
   * pool thread {@code OkHttp http://...} while it runs a call on it.
   */
  private static int clientThreads() {
    return (int)
        Thread.getAllStackTraces().keySet().stream()
            .filter(
                thread ->
                    thread.isAlive()
                        && (thread.getName().startsWith("link-etcd")
                            || thread.getName().startsWith("OkHttp http")))
            .count();
  }

  private static EtcdSettings settings(int port) {
    return EtcdSettings.builder().host("127.0.0.1").port(port).build();
  }

  static boolean waitFor(BooleanSupplier condition, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }
}
