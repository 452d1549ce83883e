package link.etcd.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's own limit for v2 PUTs, measured with {@code wrk} (a C load generator, keep-alive
 * connections, each PUT a fresh key with a form body like link-etcd's), at 1 connection and at
 * {@code per_host_pool_size}: what etcd serves when the client costs next to nothing. etcd's CPU
 * per PUT is read from {@code /proc/<pid>/stat} around each run.
 *
 * @param connections keep-alive connections, one request in flight on each
 * @param putsPerSecond PUTs etcd answered per second
 * @param etcdCpuMicrosPerPut etcd's CPU (user + system) per PUT, in microseconds, or {@code NaN}
 *     when unknown
 */
record ServerLimit(int connections, double putsPerSecond, double etcdCpuMicrosPerPut) {
  private static final Path WRK = Path.of("/usr/bin/wrk");
  private static final int SECONDS = 5;
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
  private static final String SCRIPT =
      """
      counter = 0
      request = function()
        counter = counter + 1
        return wrk.format("PUT", "/v2/keys/bench/wrk/k" .. (counter % 2000),
          {["Content-Type"] = "application/x-www-form-urlencoded"}, "value=value-" .. counter)
      end
      """;

  /**
   * Returns the limits at 1 and {@code pool} connections, or an empty list when wrk is not
   * installed.
   */
  static List<ServerLimit> measure(String host, int port, long etcdPid, int pool)
      throws IOException, InterruptedException {
    List<ServerLimit> limits = new ArrayList<>();
    if (!Files.isExecutable(WRK)) {
      System.out.println(
          "wrk is not installed (apt-get install -y wrk): the server's limit is not measured");
      return limits;
    }
    Path script = Files.createTempFile("link-etcd-wrk", ".lua");
    try {
      Files.writeString(script, SCRIPT);
      for (int connections : new int[] {1, pool}) {
        System.out.println("wrk: " + connections + " connection(s), " + SECONDS + " s");
        long cpuBefore = cpuTicks(etcdPid);
        Process wrk =
            new ProcessBuilder(
                    WRK.toString(),
                    "-t1",
                    "-c" + connections,
                    "-d" + SECONDS + "s",
                    "-s",
                    script.toString(),
                    "http://" + host + ":" + port)
                .redirectErrorStream(true)
                .start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
          throw new IOException("wrk failed: " + output);
        }
        long cpuTicks = cpuTicks(etcdPid) - cpuBefore;
        Matcher rate = RATE.matcher(output);
        if (!rate.find() || output.contains("Non-2xx")) {
          throw new IOException("wrk's PUTs did not all succeed: " + output);
        }
        double perSecond = Double.parseDouble(rate.group(1));
        double cpuMicros =
            cpuBefore < 0 ? Double.NaN : cpuTicks * 1e6 / CLOCK_TICKS / (perSecond * SECONDS);
        limits.add(new ServerLimit(connections, perSecond, cpuMicros));
      }
    } finally {
      Files.deleteIfExists(script);
    }
    return limits;
  }

  /**
   * Linux's USER_HZ, the unit of the times in {@code /proc/<pid>/stat}; 100 on every common build.
   */
  private static final double CLOCK_TICKS = 100;

  /** utime + stime of {@code pid} in clock ticks, or -1 when unreadable. */
  private static long cpuTicks(long pid) throws IOException {
    Path stat = Path.of("/proc/" + pid + "/stat");
    if (!Files.isReadable(stat)) {
      return -1;
    }
    String text = Files.readString(stat);
    String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
