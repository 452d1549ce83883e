package link.etcd.benchmarks;

import java.lang.management.ManagementFactory;
import link.etcd.EtcdSettings;
import link.etcd.middleware.EtcdMiddleware;

/**
 * The first call in a fresh JVM: sets the 2000-leaf tree as the first thing this JVM does, and
 * prints the seconds it took, the process's CPU seconds meanwhile, and the seconds from the JVM's
 * start to the end of the set. {@link Benchmark} runs it in a child JVM per sample. Usage: {@code
 * ColdSet <host> <port> <key> [plain]}: with {@code plain}, the set is made by plain OkHttp from 10
 * threads ({@link OkHttpPeer}), without link-etcd: the floor of a first call over OkHttp.
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
    double sinceStart =
        (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1e3;
    System.out.printf(java.util.Locale.ROOT, "%.9f %.9f %.9f%n", seconds, cpuSeconds, sinceStart);
  }
}
