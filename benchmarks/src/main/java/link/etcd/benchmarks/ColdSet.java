package link.etcd.benchmarks;

import java.lang.management.ManagementFactory;
import link.etcd.EtcdSettings;
import link.etcd.middleware.EtcdMiddleware;

/**
 * The first call in a fresh JVM: sets the 2000-leaf tree as the first thing this JVM does, and
 * prints the seconds it took, the process's CPU seconds meanwhile, and the seconds from the JVM's
 * start to the end of the set. {@link Benchmark} runs it in a child JVM per sample. Usage: {@code
 * ColdSet <host> <port> <key>}.
 */
public final class ColdSet {
  private ColdSet() {}

  /**
   * Runs one cold set.
   *
   * @param args host, port and key
   */
  public static void main(String[] args) {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    try (EtcdMiddleware middleware =
        new EtcdMiddleware(
            EtcdSettings.builder().host(args[0]).port(Integer.parseInt(args[1])).build())) {
      middleware.set(args[2], Trees.SMALL.asMap());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
    double sinceStart =
        (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1e3;
    System.out.printf(java.util.Locale.ROOT, "%.9f %.9f %.9f%n", seconds, cpuSeconds, sinceStart);
  }
}
