package link.etcd.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mousio.etcd4j.EtcdClient;
import mousio.etcd4j.promises.EtcdResponsePromise;
import mousio.etcd4j.responses.EtcdKeysResponse;
import mousio.etcd4j.transport.EtcdNettyClient;
import mousio.etcd4j.transport.EtcdNettyConfig;

/**
 * etcd4j, the common Netty-based Java client of the v2 API, used the way its README shows. It has
 * no tree write, so a tree is one blocking PUT per leaf; a tree read is turned into maps, as the
 * middleware's result.
 */
final class Etcd4jPeer implements Peer {
  private static final int TIMEOUT_SECONDS = 60;

  private final EtcdClient client;
  private final List<String[]> leaves = Trees.SMALL.leaves();
  private int failedWatches;

  Etcd4jPeer(String host, int port) {
    // Room for the 20,000-leaf answer: etcd4j refuses answers over 100 KiB by default.
    EtcdNettyConfig config = new EtcdNettyConfig().setMaxFrameSize(64 * 1024 * 1024);
    client = new EtcdClient(new EtcdNettyClient(config, URI.create("http://" + host + ":" + port)));
  }

  @Override
  public String name() {
    return "etcd4j";
  }

  @Override
  public double run(Work work, String key) throws Exception {
    if (work == Work.WATCH) {
      return watchLatency(key);
    }
    long start = System.nanoTime();
    switch (work) {
      case SEQUENTIAL_PUTS -> {
        for (int i = 0; i < Work.PUTS; i++) {
          client.put(key + "/k" + i, "value-" + i).send().get();
        }
      }
      case TREE_SET -> {
        for (String[] leaf : leaves) {
          client.put(key + leaf[0], leaf[1]).send().get();
        }
      }
      case GET_2000, GET_20000 ->
          tree(
              client
                  .getDir(key)
                  .recursive()
                  .sorted()
                  .timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                  .send()
                  .get()
                  .node);
      case DELETE -> client.deleteDir(key).recursive().send().get();
      default -> throw new IllegalArgumentException(work.name());
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static Object tree(EtcdKeysResponse.EtcdNode node) {
    if (!node.dir) {
      return node.value;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (EtcdKeysResponse.EtcdNode child : node.nodes) {
      map.put(child.key.substring(child.key.lastIndexOf('/') + 1), tree(child));
    }
    return map;
  }

  private double watchLatency(String key) throws Exception {
    long index = client.put(key, "start").send().get().node.modifiedIndex;
    long[] latencies = new long[WATCH_CHANGES];
    for (int i = 0; i < WATCH_CHANGES; i++) {
      EtcdResponsePromise<EtcdKeysResponse> event =
          client
              .get(key)
              .waitForChange(index + 1)
              .timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
              .send();
      long start = System.nanoTime();
      index = client.put(key, "change-" + i).send().get().node.modifiedIndex;
      try {
        event.get();
      } catch (IOException e) {
        // etcd4j 2.18 now and then fails a watch with a bare IOException; asking again finds the
        // event in history.
        failedWatches++;
        client
            .get(key)
            .waitForChange(index)
            .timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
            .send()
            .get();
      }
      latencies[i] = System.nanoTime() - start;
    }
    return Peer.medianSeconds(latencies);
  }

  @Override
  public String notes() {
    return failedWatches == 0
        ? ""
        : "etcd4j failed "
            + failedWatches
            + " watch(es) with a bare IOException; each"
            + " was asked again (the retry is in its latency).";
  }

  @Override
  public void close() throws IOException {
    client.close();
  }
}
