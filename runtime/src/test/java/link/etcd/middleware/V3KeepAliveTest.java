package link.etcd.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import link.etcd.EtcdException;
import link.etcd.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code keepAlive(path)} follows the leases the path holds now: a TTL'd tree written again while
 * it runs stays alive, and {@code onGone} is called once when nothing at the path has a lease.
 */
@ParameterizedClass
@MethodSource("link.etcd.Target#v3Targets")
final class V3KeepAliveTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final Target target;

  V3KeepAliveTest(Target target) {
    this.target = target;
  }

  @Test
  void aTreeWrittenAgainWhileKeptAliveStaysAlive(TestInfo info) throws Exception {
    String path =
        "/ka-" + info.getTestMethod().orElseThrow().getName() + "-" + COUNTER.incrementAndGet();
    List<EtcdException> gone = new CopyOnWriteArrayList<>();
    try (EtcdMiddleware client = new EtcdMiddleware(target.settings())) {
      client.set(path, new Expiring(Map.of("state", "up"), Duration.ofSeconds(3)));
      TreeWatch alive = client.keepAlive(path, gone::add);
      try {
        client.set(path, new Expiring(Map.of("state", "again"), Duration.ofSeconds(3)));
        Thread.sleep(9_000);
        assertEquals(Map.of("state", "again"), client.get(path));
        assertEquals(List.of(), gone);
        client.delete(path);
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (gone.isEmpty() && System.nanoTime() < until) {
          Thread.sleep(100);
        }
        assertEquals(1, gone.size(), "onGone once when nothing at the path has a lease");
        assertTrue(gone.get(0).getMessage().contains(path), gone.get(0).getMessage());
      } finally {
        alive.close();
      }
    }
  }
}
