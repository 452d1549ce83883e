package link.etcd.benchmarks;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import link.etcd.EtcdSettings;
import link.etcd.EtcdV3Client;
import link.etcd.testing.EtcdProcess;

/**
 * The first v3 call in a fresh JVM, for link-etcd's {@link EtcdV3Client} and for jetcd: a put of
 * one key and a get of it, timed from the start of {@code main} (the client built, connected, and
 * the get's answer in hand), with the process's CPU meanwhile and the whole process from spawn to
 * exit. Each sample is a child JVM ({@link FreshProcess}); the two clients take turns.
 *
 * <p>Usage: {@code FirstCall <host> <port> <key> <link-etcd-v3|jetcd>} is one child; {@code
 * FirstCall [samples]} starts its own etcd (data on tmpfs when {@code /dev/shm} is usable), runs
 * the samples and prints the table. {@link Benchmark} adds the table to its run.
 */
public final class FirstCall {
  /** The clients compared, by the name each child is given. */
  static final List<String> CLIENTS = List.of("link-etcd v3", "jetcd");

  private FirstCall() {}

  /**
   * Runs one first call in this JVM, or, without a host, the whole row against an etcd of its own.
   *
   * @param args host, port, key and client; or only the number of samples
   * @throws Exception when etcd or a client fails, or the value read back is not the one put
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      standalone(args.length > 0 ? Integer.parseInt(args[0]) : 5);
      return;
    }
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    String key = args[2];
    Answer answer =
        args[3].equals("jetcd") ? jetcd(host, port, key, os) : linkEtcd(host, port, key, os);
    if (!answer.value().equals("first")) {
      throw new IllegalStateException(
          args[3] + " read back " + answer.value() + " instead of first");
    }
    System.out.printf(
        Locale.ROOT,
        "%.9f %.9f%n",
        (answer.nanos() - start) / 1e9,
        (answer.cpuNanos() - cpu) / 1e9);
  }

  /**
   * The value the get read, and when its answer was in hand: wall-clock and process CPU nanos
   * (closing the client comes after, and counts only in the whole process's time).
   */
  private record Answer(String value, long nanos, long cpuNanos) {
    static Answer now(String value, com.sun.management.OperatingSystemMXBean os) {
      return new Answer(value, System.nanoTime(), os.getProcessCpuTime());
    }
  }

  private static Answer linkEtcd(
      String host, int port, String key, com.sun.management.OperatingSystemMXBean os) {
    try (EtcdV3Client client =
        new EtcdV3Client(
            EtcdSettings.builder().api(EtcdSettings.Api.V3).host(host).port(port).build())) {
      client.put(key, "first");
      return Answer.now(client.range(key).kvs().get(0).value(), os);
    }
  }

  private static Answer jetcd(
      String host, int port, String key, com.sun.management.OperatingSystemMXBean os)
      throws Exception {
    try (Client client = Client.builder().endpoints("http://" + host + ":" + port).build()) {
      KV kv = client.getKVClient();
      ByteSequence name = ByteSequence.from(key, StandardCharsets.UTF_8);
      kv.put(name, ByteSequence.from("first", StandardCharsets.UTF_8)).get();
      return Answer.now(
          kv.get(name).get().getKvs().get(0).getValue().toString(StandardCharsets.UTF_8), os);
    }
  }

  /**
   * Runs {@code samples} first calls of each client against etcd at {@code host:port}, taking
   * turns; returns, by client, each sample's {seconds from main to answer, its CPU seconds, whole
   * process's seconds}.
   */
  static Map<String, List<double[]>> measure(String host, int port, int samples)
      throws IOException, InterruptedException {
    System.out.println("first v3 call in a fresh JVM: " + samples + " samples");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Map<String, List<double[]>> runs = new LinkedHashMap<>();
    for (int i = 0; i < samples; i++) {
      for (String client : CLIENTS) {
        String mode = client.equals("jetcd") ? "jetcd" : "link-etcd-v3";
        runs.computeIfAbsent(client, name -> new ArrayList<>())
            .add(
                FreshProcess.time(
                    List.of(
                        java,
                        "-Xmx1g",
                        "-cp",
                        System.getProperty("java.class.path"),
                        FirstCall.class.getName(),
                        host,
                        Integer.toString(port),
                        "/bench/first/" + mode + "-" + i,
                        mode),
                    "the first call of " + client));
      }
    }
    try (EtcdV3Client cleanup =
        new EtcdV3Client(
            EtcdSettings.builder().api(EtcdSettings.Api.V3).host(host).port(port).build())) {
      cleanup.deleteRange(
          "/bench/first/",
          EtcdV3Client.DeleteRangeOptions.defaults()
              .withRangeEnd(EtcdV3Client.prefixEnd("/bench/first/")));
    }
    return runs;
  }

  /** {@return the Markdown table of {@code runs}: medians, and each client's ratio to jetcd} */
  static String table(Map<String, List<double[]>> runs) {
    StringBuilder out =
        new StringBuilder(
            "\n### First v3 call in a fresh JVM: a put and a get (medians of "
                + runs.values().iterator().next().size()
                + ")\n\n| client | main to the get's answer | its CPU | whole process, spawn to exit"
                + " | speed vs jetcd |\n|---|---|---|---|---|\n");
    double jetcd = median(runs.get("jetcd"), 0);
    runs.forEach(
        (client, samples) ->
            out.append(
                String.format(
                    Locale.ROOT,
                    "| %s | %.0f ms | %.0f ms | %.0f ms | %.2f× |%n",
                    client,
                    1000 * median(samples, 0),
                    1000 * median(samples, 1),
                    1000 * median(samples, 2),
                    jetcd / median(samples, 0))));
    return out.toString();
  }

  private static double median(List<double[]> samples, int field) {
    double[] values = samples.stream().mapToDouble(sample -> sample[field]).sorted().toArray();
    int middle = values.length / 2;
    return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
  }

  private static void standalone(int samples) throws Exception {
    Path shm = Path.of("/dev/shm");
    Path data =
        Files.isDirectory(shm) && Files.isWritable(shm)
            ? Files.createTempDirectory(shm, "link-etcd-first-call-")
            : Files.createTempDirectory("link-etcd-first-call-");
    try (EtcdProcess etcd = EtcdProcess.start(data.resolve("data"))) {
      String before = Files.readString(Path.of("/proc/loadavg")).strip();
      String table = table(measure(etcd.host(), etcd.clientPort(), samples));
      String after = Files.readString(Path.of("/proc/loadavg")).strip();
      System.out.println(table);
      System.out.println("load average before: " + before + "; after: " + after);
    } finally {
      try (var files = Files.walk(data)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }
}
