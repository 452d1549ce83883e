package link.etcd;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import link.etcd.EtcdV3Types.KeyValue;
import link.etcd.EtcdV3Types.Op;
import link.etcd.EtcdV3Types.RangeOptions;

/**
 * What the cluster fault tests do, on either API: plain writes (v2 {@code PUT}, v3 {@code put}),
 * keys under a directory, a write that is not safe to repeat (v2 {@code POST}, v3 a txn without
 * compares), and a recursive watch.
 */
interface FaultClient extends AutoCloseable {
  /** {@return a client of the API {@code settings} choose} */
  static FaultClient open(EtcdSettings settings) {
    return settings.api() == EtcdSettings.Api.V3
        ? new V3(new EtcdV3Client(settings))
        : new V2(new EtcdClient(settings));
  }

  /** Sets {@code key} to {@code value}; repeatable, so it moves to another member on failure. */
  void write(String key, String value);

  /**
   * {@return the keys under {@code dir}, read through the leader when {@code quorum}, else from the
   * member's own copy}
   */
  Set<String> keysUnder(String dir, boolean quorum);

  /** Creates one item under {@code dir} with a request that is not safe to send twice. */
  void create(String dir);

  /** {@return the request line {@link #create} sends for {@code dir}} */
  String createRequest(String dir);

  /** Watches {@code dir} and everything under it from now on. */
  Watcher watch(String dir, Consumer<WatchEvent> listener);

  @Override
  void close();

  /** The v2 API through {@link EtcdClient}. */
  record V2(EtcdClient client) implements FaultClient {
    @Override
    public void write(String key, String value) {
      client.write(key, value);
    }

    @Override
    public Set<String> keysUnder(String dir, boolean quorum) {
      Set<String> keys = new HashSet<>();
      try {
        for (EtcdNode node :
            client.read(dir, ReadOptions.defaults().withQuorum(quorum)).node().nodes()) {
          keys.add(node.key());
        }
      } catch (EtcdKeyNotFoundException empty) {
        return keys;
      }
      return keys;
    }

    @Override
    public void create(String dir) {
      client.append(dir, "job");
    }

    @Override
    public String createRequest(String dir) {
      return "POST /v2/keys" + dir;
    }

    @Override
    public Watcher watch(String dir, Consumer<WatchEvent> listener) {
      return client.watch(dir, WatchOptions.defaults().withRecursive(true), listener);
    }

    @Override
    public void close() {
      client.close();
    }
  }

  /** The v3 API through {@link EtcdV3Client}. */
  record V3(EtcdV3Client client) implements FaultClient {
    @Override
    public void write(String key, String value) {
      client.put(key, value);
    }

    @Override
    public Set<String> keysUnder(String dir, boolean quorum) {
      Set<String> keys = new HashSet<>();
      RangeOptions all =
          RangeOptions.defaults()
              .withRangeEnd(EtcdV3Client.prefixEnd(dir + "/"))
              .withKeysOnly(true)
              .withSerializable(!quorum);
      for (KeyValue kv : client.range(dir + "/", all).kvs()) {
        keys.add(kv.key());
      }
      return keys;
    }

    @Override
    public void create(String dir) {
      client.txn().then(Op.put(dir + "/" + System.nanoTime(), "job")).commit();
    }

    @Override
    public String createRequest(String dir) {
      return "POST /etcdserverpb.KV/Txn";
    }

    @Override
    public Watcher watch(String dir, Consumer<WatchEvent> listener) {
      return client.watch(dir, WatchOptions.defaults().withRecursive(true), listener);
    }

    @Override
    public void close() {
      client.close();
    }
  }
}
