package link.etcd.benchmarks;

import java.io.IOException;
import java.util.Arrays;

/** A client under test. Each call does one sample of a {@link Work} and says how long it took. */
interface Peer extends AutoCloseable {
  /** Changes watched per sample of {@link Work#WATCH}. */
  int WATCH_CHANGES = 1000;

  String name();

  /** Returns whether this peer takes part in {@code work}; all of it by default. */
  default boolean supports(Work work) {
    return true;
  }

  /**
   * Does {@code work} at {@code key} and returns the seconds it took. For {@link Work#WATCH} it
   * returns the median latency, in seconds, of {@link #WATCH_CHANGES} changes, each from just
   * before its write to the event's arrival.
   */
  double run(Work work, String key) throws Exception;

  /**
   * Returns the CPU seconds this peer's client spent on its last {@link #run}, given what this JVM
   * spent meanwhile; a peer in another process counts its own.
   */
  default double cpuSeconds(double jvmCpuSeconds) {
    return jvmCpuSeconds;
  }

  /** Returns what the reader of the results should know about this peer's run, or {@code ""}. */
  default String notes() {
    return "";
  }

  @Override
  void close() throws IOException;

  /** Returns the median of {@code nanos}, in seconds, sorting the array. */
  static double medianSeconds(long[] nanos) {
    Arrays.sort(nanos);
    return nanos[nanos.length / 2] / 1e9;
  }
}
