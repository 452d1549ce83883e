package link.etcd.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
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
 * Starts a real etcd (data on tmpfs when {@code /dev/shm} is usable, else on disk), runs every
 * {@link Work} with every {@link Peer} (a warm-up, then several rounds, peers taking turns within
 * each round so that background noise hits them alike), with each client's CPU per operation; then
 * the first set in a fresh process and the first v3 call in one ({@link FirstCall}), and the
 * server's own limit with {@code wrk}; prints the medians, their spread and the ratios, checks the
 * targets of issue 14, and writes the result into {@code docs/benchmarks.md} between its markers.
 *
 * <p>Usage: {@code Benchmark <docs/benchmarks.md> [rounds]} (5 rounds unless given; watches take at
 * most 3); {@code bin/benchmark} runs it.
 */
public final class Benchmark {
  private static final int WARM_UP = 3;
  private static final int DEFAULT_ROUNDS = 5;
  private static final int COLD_SAMPLES = 5;

  /** The child directories "etcd's answer in parts" asks for at once. */
  private static final int PARTS_IN_FLIGHT = 4;

  /** The name of plain OkHttp's row in the table of first sets. */
  private static final String PLAIN_COLD = "plain OkHttp ×10, no link-etcd";

  private static final String BEGIN = "<!-- benchmark:begin -->";
  private static final String END = "<!-- benchmark:end -->";

  private final Map<Work, Map<String, List<Double>>> samples = new EnumMap<>(Work.class);

  /** CPU microseconds per operation of each sample, by work and peer. */
  private final Map<Work, Map<String, List<Double>>> cpu = new EnumMap<>(Work.class);

  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final List<String> peerNames = new ArrayList<>();

  /**
   * First 2000-leaf set in a fresh process: {first set's seconds, its CPU seconds, whole process's
   * seconds}.
   */
  private final Map<String, List<double[]>> coldSets = new LinkedHashMap<>();

  /** The first v3 call in a fresh JVM, by client ({@link FirstCall}). */
  private Map<String, List<double[]>> firstCalls = Map.of();

  private List<ServerLimit> serverLimits = List.of();
  private final StringBuilder notes = new StringBuilder();
  private final int rounds;
  private final int watchRounds;

  private Benchmark(int rounds) {
    this.rounds = rounds;
    this.watchRounds = Math.min(rounds, 3);
  }

  /**
   * Runs the benchmark.
   *
   * @param args the file to write the tables into, and the number of rounds
   * @throws Exception when etcd, a peer or a tool fails
   */
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "docs/benchmarks.md");
    Path shm = Path.of("/dev/shm");
    boolean tmpfs = Files.isDirectory(shm) && Files.isWritable(shm);
    Path dataRoot =
        tmpfs
            ? Files.createTempDirectory(shm, "link-etcd-benchmark-")
            : Files.createTempDirectory("link-etcd-benchmark-");
    String dataKind = (tmpfs ? "tmpfs" : "disk") + " (" + dataRoot.getParent() + ")";
    System.out.println("etcd's data directory is on " + dataKind);
    try (EtcdProcess etcd = EtcdProcess.start(dataRoot.resolve("data"))) {
      new Benchmark(args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_ROUNDS)
          .run(etcd, dataKind, out);
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
    try (EtcdMiddleware setup =
        new EtcdMiddleware(EtcdSettings.builder().host(host).port(port).build())) {
      etcdVersion = setup.client().version().server();
      setup.set("/bench/tree2000", Trees.SMALL.asMap());
      setup.set("/bench/tree20000", Trees.BIG.asMap());
    }
    String pythonEtcd = PythonEtcdPeer.installedVersion();
    int pool = EtcdSettings.builder().build().perHostPoolSize();
    LinkEtcdV3Peer v3 = new LinkEtcdV3Peer(host, port);
    v3.writeTrees();
    JetcdPeer jetcd = new JetcdPeer(host, port, false, pool);
    jetcd.writeTrees();
    List<Peer> peers =
        new ArrayList<>(
            List.of(
                new LinkEtcdPeer(host, port),
                new Etcd4jPeer(host, port),
                new OkHttpPeer(host, port, 1, true),
                new OkHttpPeer(host, port, pool, true),
                new OkHttpPeer(host, port, 1, false),
                new OkHttpPeer(host, port, PARTS_IN_FLIGHT, false),
                v3,
                jetcd,
                new JetcdPeer(host, port, true, pool)));
    if (pythonEtcd != null) {
      peers.add(PythonEtcdPeer.start(host, port));
    } else {
      System.out.println(
          "python-etcd is not installed (apt-get install -y python3-etcd): measured without it");
    }
    try {
      peers.forEach(peer -> peerNames.add(peer.name()));
      measure(peers, host, port);
      measureColdStarts(host, port, pythonEtcd != null);
      firstCalls = FirstCall.measure(host, port, COLD_SAMPLES);
      notes.append("\n").append(V3WatchLatency.measure(host, port));
      serverLimits = ServerLimit.measure(host, port, etcd.pid(), pool);
      peers.forEach(peer -> notes.append(peer.notes().isEmpty() ? "" : "\n" + peer.notes() + "\n"));
    } finally {
      for (Peer peer : peers) {
        peer.close();
      }
    }
    String machine =
        machine(
            dataKind,
            etcdVersion,
            pythonEtcd,
            loadBefore,
            loadAverage(),
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
          String key =
              switch (work) {
                case SEQUENTIAL_PUTS -> slug + "/sequential";
                case TREE_SET -> slug + "/tree-" + treeCount.merge(peer.name(), 1, Integer::sum);
                case GET_2000 -> "/bench/tree2000";
                case GET_20000 -> "/bench/tree20000";
                case DELETE -> trees.get(peer.name()).removeFirst();
                case WATCH -> slug + "/watched";
              };
          double seconds = 0;
          double cpuSeconds = 0;
          for (int i = 0; i < work.repeat; i++) {
            long cpuBefore = os.getProcessCpuTime();
            seconds += peer.run(work, key) / work.repeat;
            cpuSeconds += peer.cpuSeconds((os.getProcessCpuTime() - cpuBefore) / 1e9) / work.repeat;
          }
          if (work == Work.TREE_SET) {
            trees.computeIfAbsent(peer.name(), name -> new ArrayDeque<>()).add(key);
          }
          if (round >= 0) {
            byPeer
                .computeIfAbsent(peer.name(), name -> new ArrayList<>())
                .add(work.figure(seconds));
            cpu.computeIfAbsent(work, w -> new LinkedHashMap<>())
                .computeIfAbsent(peer.name(), name -> new ArrayList<>())
                .add(work.cpuMicrosPerOperation(cpuSeconds));
          }
        }
      }
      if (work == Work.TREE_SET) {
        removeTreesNobodyDeletes(peers, trees, host, port);
      }
    }
  }

  /**
   * Times the first 2000-leaf set of a fresh process, {@link #COLD_SAMPLES} times: link-etcd in a
   * child JVM ({@link ColdSet}), plain OkHttp from 10 threads in another (the floor of any client
   * over OkHttp in a fresh JVM), python-etcd in a fresh Python; the three take turns.
   */
  private void measureColdStarts(String host, int port, boolean withPython) throws Exception {
    System.out.println("first set in a fresh process: " + COLD_SAMPLES + " samples");
    for (int i = 0; i < COLD_SAMPLES; i++) {
      coldSets
          .computeIfAbsent("link-etcd", name -> new ArrayList<>())
          .add(coldJvm(host, port, "/bench/cold/link-etcd-" + i, "link-etcd"));
      coldSets
          .computeIfAbsent(PLAIN_COLD, name -> new ArrayList<>())
          .add(coldJvm(host, port, "/bench/cold/plain-" + i, "plain"));
      if (withPython) {
        coldSets
            .computeIfAbsent("python-etcd", name -> new ArrayList<>())
            .add(PythonEtcdPeer.coldSet(host, port, "/bench/cold/python-etcd-" + i));
      }
    }
    try (EtcdMiddleware cleanup =
        new EtcdMiddleware(EtcdSettings.builder().host(host).port(port).build())) {
      cleanup.delete("/bench/cold");
    }
  }

  /**
   * Runs {@link ColdSet} in a fresh JVM; returns the set's seconds, its CPU, the whole run and the
   * JIT compiler's CPU.
   */
  private static double[] coldJvm(String host, int port, String key, String mode)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return FreshProcess.time(
        List.of(
            java,
            "-Xmx1g",
            "-cp",
            System.getProperty("java.class.path"),
            ColdSet.class.getName(),
            host,
            Integer.toString(port),
            key,
            mode),
        "the cold set");
  }

  /**
   * Removes the trees of peers that take no part in {@link Work#DELETE}: jetcd's through jetcd (v3
   * keys).
   */
  private static void removeTreesNobodyDeletes(
      List<Peer> peers, Map<String, Deque<String>> trees, String host, int port) throws Exception {
    try (EtcdMiddleware cleanup =
        new EtcdMiddleware(EtcdSettings.builder().host(host).port(port).build())) {
      for (Peer peer : peers) {
        if (!peer.supports(Work.DELETE) && trees.containsKey(peer.name())) {
          for (String key : trees.remove(peer.name())) {
            if (peer instanceof JetcdPeer) {
              peer.run(Work.DELETE, key);
            } else {
              cleanup.delete(key);
            }
          }
        }
      }
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  private @Nullable Double median(Work work, String peer) {
    List<Double> values = samples.get(work).get(peer);
    return values == null ? null : median(values);
  }

  /**
   * How many times better link-etcd did than {@code peer} at {@code work} (above 1: link-etcd did
   * better).
   */
  private @Nullable Double ratio(Work work, String peer) {
    Double ours = median(work, "link-etcd");
    Double theirs = median(work, peer);
    if (ours == null || theirs == null) {
      return null;
    }
    return work.rate ? ours / theirs : theirs / ours;
  }

  private String report(String machine, boolean withPython) throws IOException {
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
        out.append(' ')
            .append(
                values == null
                    ? "—"
                    : format(median(values))
                        + " ("
                        + format(values.stream().min(Comparator.naturalOrder()).orElseThrow())
                        + "–"
                        + format(values.stream().max(Comparator.naturalOrder()).orElseThrow())
                        + ")")
            .append(" |");
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
        out.append(' ')
            .append(ratio == null ? "—" : String.format(Locale.ROOT, "%.2f×", ratio))
            .append(" |");
      }
      out.append('\n');
    }
    out.append(
        "\n### Client CPU per operation (medians; the whole JVM's CPU time for Java clients, the Python"
            + " process's own for python-etcd)\n\n| work | unit |");
    peerNames.forEach(name -> out.append(' ').append(name).append(" |"));
    out.append("\n|---|---|");
    peerNames.forEach(name -> out.append("---|"));
    out.append('\n');
    for (Work work : Work.values()) {
      out.append("| ").append(work.title).append(" | ").append(work.cpuUnit()).append(" |");
      for (String peer : peerNames) {
        Double value = cpuMedian(work, peer);
        out.append(' ').append(value == null ? "—" : format(value)).append(" |");
      }
      out.append('\n');
    }
    Double ours = median(Work.TREE_SET, "link-etcd");
    if (!serverLimits.isEmpty()) {
      out.append(
          "\n### The server's limit (wrk, keep-alive PUTs of fresh keys, "
              + "1 request in flight per"
              + " connection)\n\n| connections | PUT/s | etcd's CPU per PUT | link-etcd's tree set, share of it |\n"
              + "|---|---|---|---|\n");
      for (ServerLimit limit : serverLimits) {
        out.append(
            String.format(
                Locale.ROOT,
                "| %d | %s | %s µs | %s |%n",
                limit.connections(),
                format(limit.putsPerSecond()),
                format(limit.etcdCpuMicrosPerPut()),
                ours == null
                    ? "—"
                    : String.format(Locale.ROOT, "%.0f%%", 100 * ours / limit.putsPerSecond())));
      }
    }
    if (!coldSets.isEmpty()) {
      out.append(
          "\n### First 2000-leaf set in a fresh process (medians of "
              + COLD_SAMPLES
              + ")\n\n"
              + "| client | first set | its CPU | of it, the JIT compiler's | whole process, spawn to"
              + " exit |\n|---|---|---|---|---|\n");
      coldSets.forEach(
          (client, runs) ->
              out.append(
                  String.format(
                      Locale.ROOT,
                      "| %s | %s ms | %s ms | %s | %s ms |%n",
                      client,
                      format(1000 * median(runs, 0)),
                      format(1000 * median(runs, 1)),
                      runs.get(0).length > 3 && !Double.isNaN(runs.get(0)[3])
                          ? format(1000 * median(runs, 3)) + " ms"
                          : "—",
                      format(1000 * median(runs, 2)))));
    }
    if (!firstCalls.isEmpty()) {
      out.append(FirstCall.table(firstCalls));
    }
    out.append(weights());
    out.append("\n### Targets of issue 14\n\n| target | measured | verdict |\n|---|---|---|\n");
    target(
        out, "2000-leaf set ≥ 5× python-etcd", ratio(Work.TREE_SET, "python-etcd"), 5, withPython);
    target(
        out,
        "20,000-leaf get ≥ 2× python-etcd",
        ratio(Work.GET_20000, "python-etcd"),
        2,
        withPython);
    target(
        out,
        "sequential PUTs ≥ 1.5× python-etcd",
        ratio(Work.SEQUENTIAL_PUTS, "python-etcd"),
        1.5,
        withPython);
    Double cpuPerPut = cpuMedian(Work.TREE_SET, "link-etcd");
    out.append("| client CPU per PUT in a tree write ≤ 100 µs | ")
        .append(cpuPerPut == null ? "—" : format(cpuPerPut) + " µs")
        .append(" | ")
        .append(cpuPerPut != null && cpuPerPut <= 100 ? "met" : "**MISSED**")
        .append(" |\n");
    List<double[]> coldOurs = coldSets.get("link-etcd");
    List<double[]> coldPython = coldSets.get("python-etcd");
    target(
        out,
        "first set in a fresh JVM at least as fast as python-etcd's",
        coldOurs == null || coldPython == null ? null : median(coldPython, 0) / median(coldOurs, 0),
        1,
        withPython);
    Double answer = median(Work.GET_20000, "etcd's answer alone");
    if (answer != null && ours != null) {
      out.append(
          String.format(
              Locale.ROOT,
              "%nReceiving etcd's answer for the 20,000-leaf tree, without decoding"
                  + " it, took %s ms: %.0f%% of link-etcd's get.",
              format(answer),
              100 * answer / median(Work.GET_20000, "link-etcd")));
      Double parts = median(Work.GET_20000, "etcd's answer in parts");
      if (parts != null) {
        out.append(
            String.format(
                Locale.ROOT,
                " Asked in parts (the directory, then its 20 directories, %d at once), %s ms.",
                PARTS_IN_FLIGHT,
                format(parts)));
      }
      out.append('\n');
    }
    List<double[]> coldPlain = coldSets.get(PLAIN_COLD);
    if (coldPlain != null && coldPython != null) {
      out.append(
          String.format(
              Locale.ROOT,
              "%nIn a fresh JVM, plain OkHttp from 10 threads, with none of link-etcd's layers and"
                  + " no read of what is stored, set the tree in %s ms (%s ms of CPU): %.2f×"
                  + " python-etcd's first set.%n",
              format(1000 * median(coldPlain, 0)),
              format(1000 * median(coldPlain, 1)),
              median(coldPython, 0) / median(coldPlain, 0)));
    }
    out.append(notes);
    return out.toString();
  }

  private @Nullable Double cpuMedian(Work work, String peer) {
    Map<String, List<Double>> byPeer = cpu.get(work);
    List<Double> values = byPeer == null ? null : byPeer.get(peer);
    return values == null ? null : median(values);
  }

  private static double median(List<double[]> runs, int field) {
    return median(runs.stream().map(run -> run[field]).toList());
  }

  /**
   * The dependency weight of each client: the jars on its runtime class path and their size, from
   * the class path files {@code bin/benchmark} resolves into the directory of the {@code
   * benchmark.weights} property.
   */
  private static String weights() throws IOException {
    String dir = System.getProperty("benchmark.weights");
    if (dir == null || !Files.isDirectory(Path.of(dir))) {
      return "";
    }
    StringBuilder out =
        new StringBuilder(
            "\n### Dependency weight (runtime class path)\n\n| client | jars | size |\n"
                + "|---|---|---|\n");
    try (Stream<Path> files = Files.list(Path.of(dir))) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().endsWith(".classpath")).sorted().toList()) {
        List<Path> jars = new ArrayList<>();
        for (String entry : Files.readString(file).strip().split(java.io.File.pathSeparator)) {
          if (!entry.isBlank()) {
            jars.add(Path.of(entry));
          }
        }
        long bytes = 0;
        for (Path jar : jars) {
          bytes += Files.size(jar);
        }
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %d | %.1f MiB |%n",
                file.getFileName().toString().replace(".classpath", ""),
                jars.size(),
                bytes / (1024.0 * 1024)));
      }
    }
    return out.toString();
  }

  private static void target(
      StringBuilder out, String target, @Nullable Double ratio, double needed, boolean measured) {
    out.append("| ").append(target).append(" | ");
    if (!measured || ratio == null) {
      out.append("not measured (python3-etcd is not installed) | — |\n");
      return;
    }
    out.append(String.format(Locale.ROOT, "%.2f× (needs %.2f×)", ratio, needed))
        .append(" | ")
        .append(ratio >= needed ? "met" : "**MISSED**")
        .append(" |\n");
  }

  private static String format(double value) {
    return value >= 100
        ? String.format(Locale.ROOT, "%,.0f", value)
        : String.format(Locale.ROOT, "%.2f", value);
  }

  private String machine(
      String dataKind,
      String etcdVersion,
      @Nullable String pythonEtcd,
      String loadBefore,
      String loadAfter,
      long seconds)
      throws IOException {
    String cpu = "unknown CPU";
    String memory = "unknown";
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (Files.isReadable(cpuinfo)) {
      cpu =
          Files.readAllLines(cpuinfo).stream()
              .filter(line -> line.startsWith("model name"))
              .map(line -> line.substring(line.indexOf(':') + 1).strip())
              .findFirst()
              .orElse(cpu);
    }
    Path meminfo = Path.of("/proc/meminfo");
    if (Files.isReadable(meminfo)) {
      memory =
          Files.readAllLines(meminfo).stream()
              .filter(line -> line.startsWith("MemTotal"))
              .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / (1024 * 1024) + " GiB")
              .findFirst()
              .orElse(memory);
    }
    return "Run of "
        + Instant.now().truncatedTo(ChronoUnit.SECONDS)
        + " ("
        + seconds
        + " s): "
        + Runtime.getRuntime().availableProcessors()
        + " cores ("
        + cpu
        + "), "
        + memory
        + " of memory, "
        + System.getProperty("java.vm.name")
        + " "
        + System.getProperty("java.runtime.version")
        + ", etcd "
        + etcdVersion
        + " with its data on "
        + dataKind
        + ", OkHttp "
        + OkHttp.VERSION
        + ", etcd4j "
        + etcd4jVersion()
        + ", python-etcd "
        + (pythonEtcd == null ? "not installed" : pythonEtcd)
        + ". Load average before: "
        + loadBefore
        + "; after: "
        + loadAfter
        + ". "
        + WARM_UP
        + " warm-up, then "
        + rounds
        + " rounds ("
        + watchRounds
        + " for watches of "
        + Peer.WATCH_CHANGES
        + " changes).\n";
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
    String text =
        Files.exists(out) ? Files.readString(out) : "# Benchmarks\n\n" + BEGIN + "\n" + END + "\n";
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
