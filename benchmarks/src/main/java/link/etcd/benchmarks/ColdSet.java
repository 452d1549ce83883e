package link.etcd.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import link.etcd.EtcdSettings;
import link.etcd.middleware.EtcdMiddleware;

/**
 * The first call in a fresh JVM: sets the 2000-leaf tree as the first thing this JVM does, and
 * prints the seconds it took, the process's CPU seconds meanwhile, and the CPU seconds the JIT
 * compiler's threads spent since the JVM started (read from {@code /proc/self/task}; NaN
 * elsewhere). {@link Benchmark} runs it in a child JVM per sample, through {@link FreshProcess}.
 * Usage: {@code ColdSet <host> <port> <key> [plain]}: with {@code plain}, the set is made by plain
 * OkHttp from 10 threads ({@link OkHttpPeer}), without link-etcd: the floor of a first call over
 * OkHttp.
 */
public final class ColdSet {
  private ColdSet() {}

  /**
   * Runs one cold set.
   *
   * @param args host, port, key and, optionally, {@code plain}
   * @throws Exception when the set fails
   */
  public static void main(String[] args) throws Exception {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    int port = Integer.parseInt(args[1]);
    if (args.length > 3 && args[3].equals("plain")) {
      try (OkHttpPeer plain = new OkHttpPeer(args[0], port, 10, true)) {
        plain.run(Work.TREE_SET, args[2]);
      }
    } else {
      try (EtcdMiddleware middleware =
          new EtcdMiddleware(EtcdSettings.builder().host(args[0]).port(port).build())) {
        middleware.set(args[2], Trees.SMALL.asMap());
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
    System.out.printf(
        java.util.Locale.ROOT, "%.9f %.9f %.9f%n", seconds, cpuSeconds, jitCpuSeconds());
  }

  /**
   * Returns the CPU seconds (user + system) of this JVM's JIT compiler threads ("C1 CompilerThre…",
   * "C2 CompilerThre…"), from {@code /proc/self/task/<tid>/stat} in clock ticks of 1/100 s, or NaN
   * when there is no {@code /proc}.
   */
  private static double jitCpuSeconds() {
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return Double.NaN;
    }
    long ticks = 0;
    try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
      for (Path thread : threads) {
        String stat;
        try {
          stat = Files.readString(thread.resolve("stat"));
        } catch (NoSuchFileException e) {
          continue; // the thread ended meanwhile
        }
        int close = stat.lastIndexOf(')');
        String name = stat.substring(stat.indexOf('(') + 1, close);
        if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
          // After the name: state, then 10 fields, then utime and stime (fields 14 and 15).
          String[] fields = stat.substring(close + 2).split(" ");
          ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
      }
    } catch (IOException e) {
      return Double.NaN;
    }
    return ticks / 100.0;
  }
}
