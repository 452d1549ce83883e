package link.etcd.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import link.etcd.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A queue takes concurrent appends: 8 threads appending 50 items each to one queue all succeed (a
 * lost race is tried again after a random pause until {@code retry_deadline}), and every item is
 * read back once.
 */
@ParameterizedClass
@MethodSource("link.etcd.Target#v3Targets")
final class V3ConcurrentAppendTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final Target target;

  V3ConcurrentAppendTest(Target target) {
    this.target = target;
  }

  @Test
  void eightThreadsAppendingFiftyItemsEachAllSucceed(TestInfo info) throws Exception {
    String queue =
        "/ca-" + info.getTestMethod().orElseThrow().getName() + "-" + COUNTER.incrementAndGet();
    ExecutorService appenders = Executors.newFixedThreadPool(8);
    List<Future<List<String>>> keys = new ArrayList<>();
    try (EtcdMiddleware shared = new EtcdMiddleware(target.settings())) {
      for (int w = 0; w < 8; w++) {
        int writer = w;
        keys.add(
            appenders.submit(
                () -> {
                  List<String> mine = new ArrayList<>();
                  for (int i = 0; i < 50; i++) {
                    mine.add(shared.append(queue, writer + "-" + i));
                  }
                  return mine;
                }));
      }
      Set<String> all = new HashSet<>();
      for (Future<List<String>> future : keys) {
        all.addAll(future.get(120, TimeUnit.SECONDS));
      }
      appenders.shutdown();
      assertEquals(400, all.size());
      List<?> items = shared.get(queue, List.class);
      assertEquals(400, items.size());
      assertEquals(400, new HashSet<>(items).size());
    }
  }
}
