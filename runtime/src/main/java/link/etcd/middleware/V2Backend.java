package link.etcd.middleware;

import java.util.function.Consumer;
import link.etcd.DeleteOptions;
import link.etcd.EtcdClient;
import link.etcd.EtcdException;
import link.etcd.EtcdKeyNotFoundException;
import link.etcd.EtcdNode;
import link.etcd.WatchOptions;
import link.etcd.Watcher;
import org.jspecify.annotations.Nullable;

/**
 * The map protocol on etcd's v2 keys API: directories are etcd's own, trees are written by {@link
 * TreeWriter}.
 */
final class V2Backend implements Backend {
  private final EtcdClient client;

  V2Backend(EtcdClient client) {
    this.client = client;
  }

  EtcdClient client() {
    return client;
  }

  @Override
  public Object read(String key) {
    return client.readValues(key);
  }

  @Override
  public void write(String key, TreeNode tree, TreeWriter.Mode mode) {
    if (key.equals("/") && tree instanceof TreeNode.Leaf leaf) {
      client.write(key, leaf.value());
      return;
    }
    @Nullable EtcdNode current;
    try {
      current = client.leanWritePath().readTree(key).node();
    } catch (EtcdKeyNotFoundException e) {
      current = null;
    }
    TreeWriter.write(client, key, tree, current, mode);
  }

  @Override
  public boolean contains(String key) {
    try {
      client.read(key);
      return true;
    } catch (EtcdKeyNotFoundException e) {
      return false;
    }
  }

  @Override
  public void delete(String key) {
    client.delete(key, DeleteOptions.defaults().withRecursive(true));
  }

  @Override
  public @Nullable Long ttl(String key) {
    return client.read(key).node().ttl();
  }

  @Override
  public String append(String key, String value) {
    return client.append(key, value).node().key();
  }

  @Override
  public TreeWatch keepAlive(String key, Consumer<EtcdException> onGone) {
    throw new UnsupportedOperationException(
        "Keeping the TTLs of "
            + key
            + " alive needs the v3 API's leases; set"
            + " api = v3, or on v2 write the keys again with their TTL before it runs out");
  }

  @Override
  public TreeWatch watch(String key, Runnable onChange, Consumer<RuntimeException> onEnd) {
    Watcher watcher =
        client.watch(
            key, WatchOptions.defaults().withRecursive(true), Backend.listener(onChange, onEnd));
    return watcher::close;
  }

  @Override
  public void connect() {
    client.version();
  }

  @Override
  public void close() {
    client.close();
  }
}
