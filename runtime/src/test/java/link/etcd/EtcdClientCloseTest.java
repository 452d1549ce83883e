package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import link.etcd.testing.EtcdExtension;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link EtcdClient#close()} releases every thread the client started, including those of open
 * watches.
 */
@ExtendWith(EtcdExtension.class)
final class EtcdClientCloseTest {
  @Test
  void closeReleasesCallAndWatchThreads(EtcdProcess etcd) throws Exception {
    EtcdClient client =
        new EtcdClient(EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort()).build());
    client.write("/close-test/a", "1");
    client.readAsync("/close-test/a", ReadOptions.defaults()).get();
    CompletableFuture<EtcdResponse> watch = client.watchOnceAsync("/close-test/never", 0, false);
    assertTrue(waitFor(() -> !clientThreads().isEmpty()), "no client threads seen");

    client.close();

    assertTrue(waitFor(() -> clientThreads().isEmpty()), "threads left: " + clientThreads());
    assertTrue(
        watch.isCompletedExceptionally() || waitFor(watch::isDone), "the open watch did not end");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> client.read("/close-test/a"));
    assertEquals("This EtcdClient is closed; create a new one", e.getMessage());
  }

  @Test
  void cancellingAWatchFutureEndsIt(EtcdProcess etcd) throws Exception {
    try (EtcdClient client =
        new EtcdClient(EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort()).build())) {
      CompletableFuture<EtcdResponse> watch =
          client.watchOnceAsync("/close-test/cancelled", 0, false);
      watch.cancel(true);
      assertThrows(CancellationException.class, watch::join);
      assertEquals("1", client.write("/close-test/after", "1").node().value());
    }
  }

  private static List<String> clientThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith("link-etcd"))
        .collect(Collectors.toList());
  }

  private static boolean waitFor(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(20);
    }
    return condition.getAsBoolean();
  }
}
