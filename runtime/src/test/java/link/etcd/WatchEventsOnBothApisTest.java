package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import link.etcd.middleware.EtcdMiddleware;
import link.etcd.testing.EtcdExtension;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The events a watch delivers for the same middleware writes on each API, pinned whole: the same on
 * both but for the differences docs/v3.md's table lists. On v3 the directory markers the library
 * writes ({@code /w/}, {@code /w/empty/}) are never delivered: they are the library's layout, not
 * data.
 */
@ExtendWith(EtcdExtension.class)
final class WatchEventsOnBothApisTest {
  private static final AtomicLong TREES = new AtomicLong();
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final EtcdProcess etcd;

  WatchEventsOnBothApisTest(EtcdProcess etcd) {
    this.etcd = etcd;
  }

  @Test
  void v2DeliversEachWriteAndOneDeleteOfTheDirectory() throws Exception {
    String w = "/watch-events-" + TREES.incrementAndGet();
    assertEquals(
        List.of(
            "set " + w + "/a",
            "set " + w + "/a",
            "set " + w + "/empty (dir)",
            "delete " + w + " (dir)",
            "set " + w + "/end"),
        events(EtcdSettings.Api.V2, w));
  }

  @Test
  void v3DeliversEachKeyAndNoDirectoryMarker() throws Exception {
    String w = "/watch-events-" + TREES.incrementAndGet();
    assertEquals(
        List.of(
            "create " + w + "/a", "set " + w + "/a", "delete " + w + "/a", "create " + w + "/end"),
        events(EtcdSettings.Api.V3, w));
  }

  /**
   * Watches {@code w} recursively while the middleware writes a tree there, changes a value, adds
   * an empty directory, deletes the tree, and writes {@code w/end}; returns what the watch
   * delivered up to that last write.
   */
  private List<String> events(EtcdSettings.Api api, String w) throws InterruptedException {
    EtcdSettings settings =
        EtcdSettings.builder().api(api).host(etcd.host()).port(etcd.clientPort()).build();
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    WatchOptions recursive = WatchOptions.defaults().withRecursive(true);
    try (EtcdMiddleware middleware = new EtcdMiddleware(settings);
        Watcher watcher =
            api == EtcdSettings.Api.V3
                ? middleware.v3Client().watch(w, recursive, event -> events.add(describe(event)))
                : middleware.client().watch(w, recursive, event -> events.add(describe(event)))) {
      middleware.set(w, Map.of("a", "1"));
      middleware.set(w + "/a", "2");
      middleware.merge(w, Map.of("empty", Map.of()));
      middleware.delete(w);
      middleware.set(w + "/end", "x");
      List<String> seen = new ArrayList<>();
      while (seen.isEmpty() || !seen.get(seen.size() - 1).endsWith(w + "/end")) {
        String event = events.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (event == null) {
          throw new AssertionError("no event within " + WAIT + " after " + seen);
        }
        seen.add(event);
      }
      middleware.delete(w);
      return seen;
    }
  }

  private static String describe(WatchEvent event) {
    if (event instanceof WatchEvent.Change change) {
      EtcdNode node = change.response().node();
      return change.response().action() + " " + node.key() + (node.dir() ? " (dir)" : "");
    }
    if (event instanceof WatchEvent.V3Change change) {
      return (change.created()
              ? "create"
              : change.type() == WatchEvent.V3Change.Type.PUT ? "set" : "delete")
          + " "
          + change.key();
    }
    return event.toString();
  }
}
