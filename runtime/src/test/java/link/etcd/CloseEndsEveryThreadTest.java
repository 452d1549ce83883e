package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import link.etcd.middleware.EtcdMiddleware;
import link.etcd.testing.EtcdExtension;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * After {@code close()}, no thread that the library started is left: counts every thread of the JVM
 * before and after, whatever its name. What may stay are the JVM-wide daemon threads that OkHttp
 * and Okio share among all their clients in the process ({@code OkHttp TaskRunner}, {@code Okio
 * Watchdog}); no client owns them, they never keep the JVM alive, and they end by themselves after
 * 60 s without work.
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

    List<Thread> left = threadsStartedSince(before, 2_000);
    assertEquals(
        List.of(),
        left.stream().filter(thread -> !sharedByOkHttp(thread)).map(Thread::getName).toList());
    assertEquals(
        List.of(),
        left.stream().filter(thread -> !thread.isDaemon()).map(Thread::getName).toList());
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
