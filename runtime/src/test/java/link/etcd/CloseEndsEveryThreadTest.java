package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import link.etcd.EtcdV3Types.RangeOptions;
import link.etcd.middleware.EtcdMiddleware;
import link.etcd.middleware.Expiring;
import link.etcd.testing.EtcdExtension;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * After {@code close()}, no thread that the library started is left, on either API: counts every
 * thread of the JVM before and after, whatever its name. That is what lets {@code mvn exec:java}
 * end as soon as a program's {@code main} returns (with {@code cleanupDaemonThreads=false}, as the
 * README's pom sets). What may stay are the JVM-wide daemon threads that OkHttp and Okio share
 * among all their clients in the process ({@code OkHttp TaskRunner}, {@code Okio Watchdog}); no
 * client owns them, they never keep the JVM alive, and they end by themselves after 60 s without
 * work.
 */
@ExtendWith(EtcdExtension.class)
final class CloseEndsEveryThreadTest {
  @Test
  void closeLeavesNoThreadBehind(EtcdProcess etcd) throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    EtcdSettings settings =
        EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort()).build();
    try (EtcdMiddleware middleware = new EtcdMiddleware(settings)) {
      middleware.set("/close-threads", Map.of("a", List.of("1", "2"), "b", "3"));
      middleware.get("/close-threads");
      middleware.client().watchOnceAsync("/close-threads/never", 0, false);
      middleware.delete("/close-threads");
    }

    assertNoThreadLeftSince(before);
  }

  @Test
  void closeOfAV3MiddlewareWithAWatchAndAKeptLeaseLeavesNoThreadBehind(EtcdProcess etcd)
      throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    EtcdSettings settings =
        EtcdSettings.builder()
            .api(EtcdSettings.Api.V3)
            .host(etcd.host())
            .port(etcd.clientPort())
            .build();
    CountDownLatch changed = new CountDownLatch(1);
    try (EtcdMiddleware middleware = new EtcdMiddleware(settings)) {
      middleware.watch("/close-threads-v3", changed::countDown, error -> {});
      middleware.set(
          "/close-threads-v3",
          Map.of("a", List.of("1", "2"), "lease", new Expiring("up", Duration.ofSeconds(30))));
      middleware.keepAlive("/close-threads-v3", gone -> {});
      middleware.v3Client().rangeAsync("/close-threads-v3/a/1", RangeOptions.defaults()).join();
      assertTrue(changed.await(30, TimeUnit.SECONDS), "the watch saw the write");
      middleware.delete("/close-threads-v3");
    }

    assertNoThreadLeftSince(before);
  }

  private static void assertNoThreadLeftSince(Set<Thread> before) throws InterruptedException {
    List<Thread> left = threadsStartedSince(before, 5_000);
    assertEquals(
        List.of(),
        left.stream().filter(thread -> !sharedByOkHttp(thread)).map(Thread::getName).toList(),
        () -> stacks(left));
    assertEquals(
        List.of(),
        left.stream().filter(thread -> !thread.isDaemon()).map(Thread::getName).toList());
  }

  private static String stacks(List<Thread> threads) {
    StringBuilder out = new StringBuilder("threads left:");
    for (Thread thread : threads) {
      out.append("\n").append(thread.getName());
      for (StackTraceElement frame : thread.getStackTrace()) {
        out.append("\n  at ").append(frame);
      }
    }
    return out.toString();
  }

  private static boolean sharedByOkHttp(Thread thread) {
    return thread.getName().startsWith("OkHttp ") || thread.getName().equals("Okio Watchdog");
  }

  /**
   * Returns the threads alive now that were not in {@code before}, after giving those that are not
   * OkHttp's shared ones up to {@code millis} to end.
   */
  private static List<Thread> threadsStartedSince(Set<Thread> before, long millis)
      throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000;
    List<Thread> left;
    do {
      left =
          Thread.getAllStackTraces().keySet().stream()
              .filter(thread -> thread.isAlive() && !before.contains(thread))
              .sorted(Comparator.comparing(Thread::getName))
              .collect(Collectors.toList());
      if (left.stream().allMatch(CloseEndsEveryThreadTest::sharedByOkHttp)) {
        break;
      }
      Thread.sleep(20);
    } while (System.nanoTime() < deadline);
    return left;
  }
}
