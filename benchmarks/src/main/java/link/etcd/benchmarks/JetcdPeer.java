package link.etcd.benchmarks;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * jetcd, the v3 Java client over gRPC, on the same etcd (its v3 key space). Trees are flat keys
 * under a prefix of its own ({@code /bench-jetcd<key>/d0/s0/1}); a get is one prefix range turned
 * into nested maps. A tree is set either with one put per leaf (up to {@code per_host_pool_size} in
 * flight, as link-etcd's v2 tree write) or with txns of {@link #TXN_OPS} puts, etcd's default limit
 * of operations per txn.
 */
final class JetcdPeer implements Peer {
  static final int TXN_OPS = 128;
  private static final String PREFIX = "/bench-jetcd";

  private final Client client;
  private final KV kv;
  private final boolean txns;
  private final int inFlight;
  private final List<String[]> leaves = Trees.SMALL.leaves();

  JetcdPeer(String host, int port, boolean txns, int inFlight) {
    this.client = Client.builder().endpoints("http://" + host + ":" + port).build();
    this.kv = client.getKVClient();
    this.txns = txns;
    this.inFlight = inFlight;
  }

  /** Writes the trees the gets read, with jetcd itself, once. */
  void writeTrees() throws Exception {
    writeTree("/bench/tree2000", Trees.SMALL.leaves());
    writeTree("/bench/tree20000", Trees.BIG.leaves());
  }

  @Override
  public String name() {
    return txns ? "jetcd, txns of " + TXN_OPS : "jetcd";
  }

  @Override
  public boolean supports(Work work) {
    return !txns || work == Work.TREE_SET;
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
          kv.put(bytes(PREFIX + key + "/k" + i), bytes("value-" + i)).get();
        }
      }
      case TREE_SET -> {
        if (txns) {
          writeTree(key, leaves);
        } else {
          Semaphore slots = new Semaphore(inFlight);
          List<CompletableFuture<?>> puts = new ArrayList<>(leaves.size());
          for (String[] leaf : leaves) {
            slots.acquire();
            puts.add(
                kv.put(bytes(PREFIX + key + leaf[0]), bytes(leaf[1]))
                    .whenComplete((r, e) -> slots.release()));
          }
          CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).get();
        }
      }
      case GET_2000, GET_20000 ->
          toMaps(
              kv.get(bytes(PREFIX + key + "/"), GetOption.builder().isPrefix(true).build())
                  .get()
                  .getKvs(),
              PREFIX + key + "/");
      case DELETE ->
          kv.delete(bytes(PREFIX + key + "/"), DeleteOption.builder().isPrefix(true).build()).get();
      default -> throw new IllegalArgumentException(work.name());
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private void writeTree(String key, List<String[]> tree) throws Exception {
    List<CompletableFuture<?>> commits = new ArrayList<>();
    for (int from = 0; from < tree.size(); from += TXN_OPS) {
      List<String[]> chunk = tree.subList(from, Math.min(tree.size(), from + TXN_OPS));
      Op[] puts =
          chunk.stream()
              .map(leaf -> Op.put(bytes(PREFIX + key + leaf[0]), bytes(leaf[1]), PutOption.DEFAULT))
              .toArray(Op[]::new);
      commits.add(kv.txn().Then(puts).commit());
    }
    CompletableFuture.allOf(commits.toArray(CompletableFuture[]::new)).get();
  }

  /** The range's keys as nested maps, as a client of a tree would use them. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> toMaps(List<KeyValue> kvs, String prefix) {
    Map<String, Object> root = new LinkedHashMap<>();
    for (KeyValue entry : kvs) {
      String[] path =
          entry.getKey().toString(StandardCharsets.UTF_8).substring(prefix.length()).split("/");
      Map<String, Object> dir = root;
      for (int i = 0; i < path.length - 1; i++) {
        dir =
            (Map<String, Object>)
                dir.computeIfAbsent(path[i], name -> new LinkedHashMap<String, Object>());
      }
      dir.put(path[path.length - 1], entry.getValue().toString(StandardCharsets.UTF_8));
    }
    return root;
  }

  private double watchLatency(String key) throws Exception {
    ByteSequence watched = bytes(PREFIX + key);
    BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
    long[] latencies = new long[WATCH_CHANGES];
    long revision = kv.put(watched, bytes("start")).get().getHeader().getRevision();
    try (Watch.Watcher watcher =
        client
            .getWatchClient()
            .watch(
                watched,
                WatchOption.builder().withRevision(revision).build(),
                response -> events.addAll(response.getEvents()))) {
      if (events.poll(60, TimeUnit.SECONDS) == null) {
        throw new IllegalStateException("jetcd's watch of " + key + " did not start");
      }
      for (int i = 0; i < WATCH_CHANGES; i++) {
        long start = System.nanoTime();
        kv.put(watched, bytes("change-" + i)).get();
        if (events.poll(60, TimeUnit.SECONDS) == null) {
          throw new IllegalStateException("jetcd saw no event for change " + i + " of " + key);
        }
        latencies[i] = System.nanoTime() - start;
      }
    }
    return Peer.medianSeconds(latencies);
  }

  private static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    client.close();
  }
}
