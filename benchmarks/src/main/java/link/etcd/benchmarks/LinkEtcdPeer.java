package link.etcd.benchmarks;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import link.etcd.EtcdClient;
import link.etcd.EtcdResponse;
import link.etcd.EtcdSettings;
import link.etcd.middleware.EtcdMiddleware;

/**
 * link-etcd as users call it: {@link EtcdClient} for single keys and watches, {@link
 * EtcdMiddleware} for trees.
 */
final class LinkEtcdPeer implements Peer {
  private final EtcdMiddleware middleware;
  private final EtcdClient client;
  private final Map<String, Object> tree = Trees.SMALL.asMap();

  LinkEtcdPeer(String host, int port) {
    middleware = new EtcdMiddleware(EtcdSettings.builder().host(host).port(port).build());
    client = middleware.client();
  }

  @Override
  public String name() {
    return "link-etcd";
  }

  @Override
  public double run(Work work, String key) {
    if (work == Work.WATCH) {
      return watchLatency(key);
    }
    long start = System.nanoTime();
    switch (work) {
      case SEQUENTIAL_PUTS -> {
        for (int i = 0; i < Work.PUTS; i++) {
          client.write(key + "/k" + i, "value-" + i);
        }
      }
      case TREE_SET -> middleware.set(key, tree);
      case GET_2000, GET_20000 -> middleware.get(key);
      case DELETE -> middleware.delete(key);
      default -> throw new IllegalArgumentException(work.name());
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private double watchLatency(String key) {
    long index = client.write(key, "start").node().modifiedIndex();
    long[] latencies = new long[WATCH_CHANGES];
    for (int i = 0; i < WATCH_CHANGES; i++) {
      CompletableFuture<EtcdResponse> event = client.watchOnceAsync(key, index + 1, false);
      long start = System.nanoTime();
      index = client.write(key, "change-" + i).node().modifiedIndex();
      event.join();
      latencies[i] = System.nanoTime() - start;
    }
    return Peer.medianSeconds(latencies);
  }

  @Override
  public void close() {
    middleware.close();
  }
}
