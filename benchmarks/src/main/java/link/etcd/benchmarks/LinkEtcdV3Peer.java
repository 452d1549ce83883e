package link.etcd.benchmarks;

import java.util.Map;
import link.etcd.EtcdSettings;
import link.etcd.EtcdV3Client;
import link.etcd.middleware.EtcdMiddleware;

/**
 * link-etcd on etcd's v3 API ({@code api = v3}, gRPC over one HTTP/2 connection): {@link
 * EtcdV3Client} for single keys, {@link EtcdMiddleware} for trees (a 2000-leaf set is a read, then
 * txns of up to 128 operations, the first alone and the others up to {@code per_host_pool_size} in
 * flight, then a count; a get is one range). Its trees live in the v3 key space, so the gets read
 * copies written through it. Watch latency is not measured for it.
 */
final class LinkEtcdV3Peer implements Peer {
  private final EtcdMiddleware middleware;
  private final EtcdV3Client client;
  private final Map<String, Object> tree = Trees.SMALL.asMap();

  LinkEtcdV3Peer(String host, int port) {
    EtcdSettings settings =
        EtcdSettings.builder().host(host).port(port).api(EtcdSettings.Api.V3).build();
    middleware = new EtcdMiddleware(settings);
    client = new EtcdV3Client(settings);
  }

  /** Writes the trees the gets read, through the v3 middleware, once. */
  void writeTrees() {
    middleware.set("/bench/tree2000", Trees.SMALL.asMap());
    middleware.set("/bench/tree20000", Trees.BIG.asMap());
  }

  @Override
  public String name() {
    return "link-etcd v3";
  }

  @Override
  public boolean supports(Work work) {
    return work != Work.WATCH;
  }

  @Override
  public double run(Work work, String key) {
    long start = System.nanoTime();
    switch (work) {
      case SEQUENTIAL_PUTS -> {
        for (int i = 0; i < Work.PUTS; i++) {
          client.put(key + "/k" + i, "value-" + i);
        }
      }
      case TREE_SET -> middleware.set(key, tree);
      case GET_2000, GET_20000 -> middleware.get(key);
      case DELETE -> middleware.delete(key);
      default -> throw new IllegalArgumentException(work.name());
    }
    return (System.nanoTime() - start) / 1e9;
  }

  @Override
  public void close() {
    client.close();
    middleware.close();
  }
}
