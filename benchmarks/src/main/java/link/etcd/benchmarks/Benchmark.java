package link.etcd.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import link.etcd.EtcdSettings;
import link.etcd.middleware.EtcdMiddleware;
import link.etcd.testing.EtcdProcess;
import okhttp3.OkHttp;
import org.jspecify.annotations.Nullable;

/**
 * Starts a real etcd (data on tmpfs when {@code /dev/shm} is usable, else on disk), runs every {@link Work} with
 * every {@link Peer} (a warm-up, then several rounds, peers taking turns within each round so that background
 * noise hits them alike), prints the medians, their spread and the ratios, checks the targets of issue 6, and
 * writes the result into {@code docs/benchmarks.md} between its markers.
 *
 * <p>Usage: {@code Benchmark <docs/benchmarks.md> [rounds]} (5 rounds unless given; watches take at most 3);
 * {@code bin/benchmark} runs it.
 */
public final class Benchmark {
  private static final int WARM_UP = 3;
  private static final int DEFAULT_ROUNDS = 5;
  private static final String BEGIN = "<!-- benchmark:begin -->";
  private static final String END = "<!-- benchmark:end -->";

  private final Map<Work, Map<String, List<Double>>> samples = new EnumMap<>(Work.class);
  private final List<String> peerNames = new ArrayList<>();
  private final StringBuilder notes = new StringBuilder();
  private final int rounds;
  private final int watchRounds;

  private Benchmark(int rounds) {
    this.rounds = rounds;
    this.watchRounds = Math.min(rounds, 3);
  }

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "docs/benchmarks.md");
    Path shm = Path.of("/dev/shm");
    boolean tmpfs = Files.isDirectory(shm) && Files.isWritable(shm);
    Path dataRoot = tmpfs ? Files.createTempDirectory(shm, "link-etcd-benchmark-")
        : Files.createTempDirectory("link-etcd-benchmark-");
    String dataKind = (tmpfs ? "tmpfs" : "disk") + " (" + dataRoot.getParent() + ")";
    System.out.println("etcd's data directory is on " + dataKind);
    try (EtcdProcess etcd = EtcdProcess.start(dataRoot.resolve("data"))) {
      new Benchmark(args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_ROUNDS).run(etcd, dataKind, out);
    } finally {
      delete(dataRoot);
    }
  }

  private void run(EtcdProcess etcd, String dataKind, Path out) throws Exception {
    String host = etcd.host();
    int port = etcd.clientPort();
    Instant started = Instant.now();
    String loadBefore = loadAverage();
    String etcdVersion;
    try (EtcdMiddleware setup = new EtcdMiddleware(EtcdSettings.builder().host(host).port(port).build())) {
      etcdVersion = setup.client().version().server();
      setup.set("/bench/tree2000", Trees.SMALL.asMap());
      setup.set("/bench/tree20000", Trees.BIG.asMap());
    }
    String pythonEtcd = PythonEtcdPeer.installedVersion();
    List<Peer> peers = new ArrayList<>(List.of(
        new LinkEtcdPeer(host, port), new Etcd4jPeer(host, port), new OkHttpPeer(host, port, 1, true),
        new OkHttpPeer(host, port, EtcdSettings.builder().build().perHostPoolSize(), true),
        new OkHttpPeer(host, port, 1, false)));
    if (pythonEtcd != null) {
      peers.add(PythonEtcdPeer.start(host, port));
    } else {
      System.out.println("python-etcd is not installed (apt-get install -y python3-etcd): measured without it");
    }
    try {
      peers.forEach(peer -> peerNames.add(peer.name()));
      measure(peers, host, port);
      peers.forEach(peer -> notes.append(peer.notes().isEmpty() ? "" : "\n" + peer.notes() + "\n"));
    } finally {
      for (Peer peer : peers) {
        peer.close();
      }
    }
    String machine = machine(dataKind, etcdVersion, pythonEtcd, loadBefore, loadAverage(),
        ChronoUnit.SECONDS.between(started, Instant.now()));
    String report = report(machine, pythonEtcd != null);
    System.out.println();
    System.out.println(report);
    write(out, report);
    System.out.println("Written to " + out);
  }

  private void measure(List<Peer> peers, String host, int port) throws Exception {
    Map<String, Deque<String>> trees = new HashMap<>();
    Map<String, Integer> treeCount = new HashMap<>();
    for (Work work : Work.values()) {
      int rounds = work == Work.WATCH ? watchRounds : this.rounds;
      System.out.println(work.title + ": " + WARM_UP + " warm-up, " + rounds + " rounds");
      Map<String, List<Double>> byPeer = new LinkedHashMap<>();
      samples.put(work, byPeer);
      for (int round = -WARM_UP; round < rounds; round++) {
        for (Peer peer : peers) {
          if (!peer.supports(work)) {
            continue;
          }
          String slug = "/bench/" + peer.name().replaceAll("[^a-z0-9]+", "-");
          String key = switch (work) {
            case SEQUENTIAL_PUTS -> slug + "/sequential";
            case TREE_SET -> slug + "/tree-" + treeCount.merge(peer.name(), 1, Integer::sum);
            case GET_2000 -> "/bench/tree2000";
            case GET_20000 -> "/bench/tree20000";
            case DELETE -> trees.get(peer.name()).removeFirst();
            case WATCH -> slug + "/watched";
          };
          double seconds = 0;
          for (int i = 0; i < work.repeat; i++) {
            seconds += peer.run(work, key) / work.repeat;
          }
          if (work == Work.TREE_SET) {
            trees.computeIfAbsent(peer.name(), name -> new ArrayDeque<>()).add(key);
          }
          if (round >= 0) {
            byPeer.computeIfAbsent(peer.name(), name -> new ArrayList<>()).add(work.figure(seconds));
          }
        }
      }
      if (work == Work.TREE_SET) {
        removeTreesNobodyDeletes(peers, trees, host, port);
      }
    }
  }

  private static void removeTreesNobodyDeletes(List<Peer> peers, Map<String, Deque<String>> trees, String host,
      int port) {
    try (EtcdMiddleware cleanup = new EtcdMiddleware(EtcdSettings.builder().host(host).port(port).build())) {
      for (Peer peer : peers) {
        if (!peer.supports(Work.DELETE) && trees.containsKey(peer.name())) {
          trees.remove(peer.name()).forEach(cleanup::delete);
        }
      }
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  private @Nullable Double median(Work work, String peer) {
    List<Double> values = samples.get(work).get(peer);
    return values == null ? null : median(values);
  }

  /** How many times better link-etcd did than {@code peer} at {@code work} (above 1: link-etcd did better). */
  private @Nullable Double ratio(Work work, String peer) {
    Double ours = median(work, "link-etcd");
    Double theirs = median(work, peer);
    if (ours == null || theirs == null) {
      return null;
    }
    return work.rate ? ours / theirs : theirs / ours;
  }

  private String report(String machine, boolean withPython) {
    StringBuilder out = new StringBuilder();
    out.append(machine).append("\n");
    out.append("### Medians (lowest–highest of the rounds)\n\n| work | unit |");
    peerNames.forEach(name -> out.append(' ').append(name).append(" |"));
    out.append("\n|---|---|");
    peerNames.forEach(name -> out.append("---|"));
    out.append('\n');
    for (Work work : Work.values()) {
      out.append("| ").append(work.title).append(" | ").append(work.unit).append(" |");
      for (String peer : peerNames) {
        List<Double> values = samples.get(work).get(peer);
        out.append(' ').append(values == null ? "—" : format(median(values)) + " ("
            + format(values.stream().min(Comparator.naturalOrder()).orElseThrow()) + "–"
            + format(values.stream().max(Comparator.naturalOrder()).orElseThrow()) + ")").append(" |");
      }
      out.append('\n');
    }
    out.append("\n### link-etcd relative to each peer (above 1×: link-etcd is faster)\n\n| work |");
    List<String> others = peerNames.stream().filter(name -> !name.equals("link-etcd")).toList();
    others.forEach(name -> out.append(" vs ").append(name).append(" |"));
    out.append("\n|---|");
    others.forEach(name -> out.append("---|"));
    out.append('\n');
    for (Work work : Work.values()) {
      out.append("| ").append(work.title).append(" |");
      for (String peer : others) {
        Double ratio = ratio(work, peer);
        out.append(' ').append(ratio == null ? "—" : String.format(Locale.ROOT, "%.2f×", ratio)).append(" |");
      }
      out.append('\n');
    }
    out.append("\n### Targets of issue 6\n\n| target | measured | verdict |\n|---|---|---|\n");
    String plain = "plain OkHttp";
    String concurrent = peerNames.get(3);
    target(out, "tree set ≥ 5× python-etcd", ratio(Work.TREE_SET, "python-etcd"), 5, withPython);
    target(out, "tree set ≥ 70% of the server's limit (" + concurrent + ")", ratio(Work.TREE_SET, concurrent),
        0.70, true);
    target(out, "sequential PUTs ≥ 1.5× python-etcd", ratio(Work.SEQUENTIAL_PUTS, "python-etcd"), 1.5, withPython);
    target(out, "sequential PUTs ≥ 90% of plain OkHttp", ratio(Work.SEQUENTIAL_PUTS, plain), 0.90, true);
    target(out, "get of 20,000 leaves ≥ 2× python-etcd", ratio(Work.GET_20000, "python-etcd"), 2, withPython);
    target(out, "get of 20,000 leaves within 1.3× of plain OkHttp + Moshi into maps",
        ratio(Work.GET_20000, plain), 1 / 1.3, true);
    Double serverLimit = median(Work.TREE_SET, concurrent);
    Double python = median(Work.TREE_SET, "python-etcd");
    if (serverLimit != null && python != null) {
      out.append(String.format(Locale.ROOT, "%nWith %s the server took %.2f× python-etcd's rate of writing the tree:"
          + " the most any client at that concurrency can reach in this run.%n", concurrent, serverLimit / python));
    }
    Double answer = median(Work.GET_20000, "etcd's answer alone");
    Double ours = median(Work.GET_20000, "link-etcd");
    if (answer != null && ours != null) {
      out.append(String.format(Locale.ROOT, "%nReceiving etcd's answer for the 20,000-leaf tree, without decoding"
          + " it, took %s ms: %.0f%% of link-etcd's get.%n", format(answer), 100 * answer / ours));
    }
    out.append(notes);
    return out.toString();
  }

  private static void target(StringBuilder out, String target, @Nullable Double ratio, double needed,
      boolean measured) {
    out.append("| ").append(target).append(" | ");
    if (!measured || ratio == null) {
      out.append("not measured (python3-etcd is not installed) | — |\n");
      return;
    }
    out.append(String.format(Locale.ROOT, "%.2f× (needs %.2f×)", ratio, needed)).append(" | ")
        .append(ratio >= needed ? "met" : "**MISSED**").append(" |\n");
  }

  private static String format(double value) {
    return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
  }

  private String machine(String dataKind, String etcdVersion, @Nullable String pythonEtcd,
      String loadBefore, String loadAfter, long seconds) throws IOException {
    String cpu = "unknown CPU";
    String memory = "unknown";
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (Files.isReadable(cpuinfo)) {
      cpu = Files.readAllLines(cpuinfo).stream().filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElse(cpu);
    }
    Path meminfo = Path.of("/proc/meminfo");
    if (Files.isReadable(meminfo)) {
      memory = Files.readAllLines(meminfo).stream().filter(line -> line.startsWith("MemTotal"))
          .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / (1024 * 1024) + " GiB").findFirst()
          .orElse(memory);
    }
    return "Run of " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " (" + seconds + " s): "
        + Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memory + " of memory, "
        + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + ", etcd "
        + etcdVersion + " with its data on " + dataKind + ", OkHttp " + OkHttp.VERSION + ", etcd4j "
        + etcd4jVersion() + ", python-etcd " + (pythonEtcd == null ? "not installed" : pythonEtcd)
        + ". Load average before: " + loadBefore + "; after: " + loadAfter + ". " + WARM_UP + " warm-up, then "
        + rounds + " rounds (" + watchRounds + " for watches of " + Peer.WATCH_CHANGES + " changes).\n";
  }

  private static String etcd4jVersion() {
    String version = mousio.etcd4j.EtcdClient.class.getPackage().getImplementationVersion();
    return version == null ? "unknown" : version;
  }

  private static String loadAverage() throws IOException {
    Path loadavg = Path.of("/proc/loadavg");
    if (!Files.isReadable(loadavg)) {
      return "unknown";
    }
    String[] fields = Files.readString(loadavg).split(" ");
    return fields[0] + " " + fields[1] + " " + fields[2];
  }

  private static void write(Path out, String report) throws IOException {
    String block = BEGIN + "\n" + report + END;
    String text = Files.exists(out) ? Files.readString(out) : "# Benchmarks\n\n" + BEGIN + "\n" + END + "\n";
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    if (begin < 0 || end < begin) {
      text = text + "\n" + block + "\n";
    } else {
      text = text.substring(0, begin) + block + text.substring(end + END.length());
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, text);
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
