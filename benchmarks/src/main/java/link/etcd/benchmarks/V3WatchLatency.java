package link.etcd.benchmarks;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.options.WatchOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import link.etcd.EtcdSettings;
import link.etcd.EtcdV3Client;
import link.etcd.WatchOptions;
import link.etcd.Watcher;
import link.etcd.testing.EtcdProcess;

/**
 * The v3 watch latency row: for link-etcd v3 ({@link EtcdV3Client#watch}, on its one Watch stream)
 * and for jetcd 0.8.5 ({@code Watch.watch}), on the same etcd, the time from just before a put is
 * sent to its event reaching the listener, one put at a time, each waiting for its event; a
 * warm-up, then {@link #SAMPLES} samples per client, taking turns in blocks so that background load
 * hits both alike. Prints the median and the 99th percentile of each.
 *
 * <p>{@link Benchmark} runs it beside the other rows; {@code main} runs it alone against an etcd it
 * starts (data on tmpfs when {@code /dev/shm} is usable).
 */
public final class V3WatchLatency {
  /** Samples per client. */
  static final int SAMPLES = 2000;

  /**
   * Puts per client before the samples. With 300, the row measured how warm each client's JIT was
   * rather than its watch: run alone on an idle machine, jetcd's median was 755 µs (link-etcd 440),
   * yet 212 µs in the full benchmark, where the other rows had warmed its Netty code in the same
   * JVM. With 4000, run alone (jetcd then without {@code prev_kv}): jetcd 371 µs, link-etcd 297.
   */
  private static final int WARM_UP = 4000;

  private static final int BLOCK = 100;
  private static final long WAIT_SECONDS = 30;

  private V3WatchLatency() {}

  /**
   * Starts an etcd of its own and prints the row.
   *
   * @param args none
   * @throws Exception when etcd or a client fails
   */
  public static void main(String[] args) throws Exception {
    Path shm = Path.of("/dev/shm");
    Path dataRoot =
        Files.isDirectory(shm) && Files.isWritable(shm)
            ? Files.createTempDirectory(shm, "link-etcd-watch-latency-")
            : Files.createTempDirectory("link-etcd-watch-latency-");
    try (EtcdProcess etcd = EtcdProcess.start(dataRoot.resolve("data"))) {
      System.out.println("load average before: " + loadAverage());
      System.out.println(measure(etcd.host(), etcd.clientPort()));
      System.out.println("load average after: " + loadAverage());
    }
  }

  /**
   * Measures both clients on the etcd at {@code host:port}.
   *
   * @param host etcd's host
   * @param port etcd's client port
   * @return the row as Markdown: a table of median and p99 per client, and their ratio
   * @throws Exception when a client fails
   */
  static String measure(String host, int port) throws Exception {
    long[] link = new long[SAMPLES];
    long[] jetcd = new long[SAMPLES];
    try (LinkSide linkSide = new LinkSide(host, port);
        JetcdSide jetcdSide = new JetcdSide(host, port)) {
      for (int i = 0; i < WARM_UP; i++) {
        linkSide.sample(i);
        jetcdSide.sample(i);
      }
      for (int start = 0; start < SAMPLES; start += BLOCK) {
        for (int i = start; i < start + BLOCK; i++) {
          link[i] = linkSide.sample(i);
        }
        for (int i = start; i < start + BLOCK; i++) {
          jetcd[i] = jetcdSide.sample(i);
        }
      }
    }
    Arrays.sort(link);
    Arrays.sort(jetcd);
    double linkMedian = percentile(link, 50);
    double jetcdMedian = percentile(jetcd, 50);
    return String.format(
        Locale.ROOT,
        "| v3 watch latency, put sent → event at the listener (%d samples each) | median µs | p99 µs |%n"
            + "|---|---|---|%n"
            + "| link-etcd v3 (one Watch stream per client) | %.0f | %.0f |%n"
            + "| jetcd 0.8.5 | %.0f | %.0f |%n"
            + "%nlink-etcd v3 / jetcd by the median: %.2f× (below 1: link-etcd is faster)%n",
        SAMPLES,
        linkMedian,
        percentile(link, 99),
        jetcdMedian,
        percentile(jetcd, 99),
        linkMedian / jetcdMedian);
  }

  /** {@return the {@code p}th percentile of sorted {@code nanos}, in microseconds} */
  private static double percentile(long[] nanos, int p) {
    int index = Math.min(nanos.length - 1, (int) Math.ceil(nanos.length * p / 100.0) - 1);
    return nanos[Math.max(0, index)] / 1e3;
  }

  static String loadAverage() throws java.io.IOException {
    Path loadavg = Path.of("/proc/loadavg");
    if (!Files.isReadable(loadavg)) {
      return "unknown";
    }
    String[] fields = Files.readString(loadavg).split(" ");
    return fields[0] + " " + fields[1] + " " + fields[2];
  }

  private static long arrival(BlockingQueue<Long> arrivals, String who, int i)
      throws InterruptedException {
    Long at = arrivals.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    if (at == null) {
      throw new IllegalStateException(who + " saw no event for put " + i + " in " + WAIT_SECONDS);
    }
    return at;
  }

  /** link-etcd v3: a watch of one key, a put at a time. */
  private static final class LinkSide implements AutoCloseable {
    private static final String KEY = "/bench-watch-latency/link";
    private final EtcdV3Client client;
    private final BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
    private final Watcher watcher;

    LinkSide(String host, int port) {
      client =
          new EtcdV3Client(
              EtcdSettings.builder().api(EtcdSettings.Api.V3).host(host).port(port).build());
      watcher =
          client.watch(KEY, WatchOptions.defaults(), event -> arrivals.add(System.nanoTime()));
    }

    long sample(int i) throws InterruptedException {
      long start = System.nanoTime();
      client.put(KEY, "change-" + i);
      return arrival(arrivals, "link-etcd v3", i) - start;
    }

    @Override
    public void close() {
      watcher.close();
      client.close();
    }
  }

  /**
   * jetcd: a watch of one key, a put at a time. It asks for the previous key-value as link-etcd's
   * v3 watches do (their events carry it), so both make etcd do the same work per event: without
   * it, etcd skips a read per event, and on the store the other rows leave behind that read is what
   * separated the two medians (jetcd 237 µs without it, link-etcd 442, in one full run).
   */
  private static final class JetcdSide implements AutoCloseable {
    private static final ByteSequence KEY =
        ByteSequence.from("/bench-watch-latency/jetcd", StandardCharsets.UTF_8);
    private final Client client;
    private final KV kv;
    private final BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
    private final Watch.Watcher watcher;

    JetcdSide(String host, int port) throws Exception {
      client = Client.builder().endpoints("http://" + host + ":" + port).build();
      kv = client.getKVClient();
      long revision =
          kv.put(KEY, ByteSequence.from("start", StandardCharsets.UTF_8))
              .get()
              .getHeader()
              .getRevision();
      watcher =
          client
              .getWatchClient()
              .watch(
                  KEY,
                  WatchOption.builder().withRevision(revision + 1).withPrevKV(true).build(),
                  response -> {
                    long at = System.nanoTime();
                    response.getEvents().forEach(event -> arrivals.add(at));
                  });
    }

    long sample(int i) throws Exception {
      long start = System.nanoTime();
      kv.put(KEY, ByteSequence.from("change-" + i, StandardCharsets.UTF_8)).get();
      return arrival(arrivals, "jetcd", i) - start;
    }

    @Override
    public void close() {
      watcher.close();
      client.close();
    }
  }
}
