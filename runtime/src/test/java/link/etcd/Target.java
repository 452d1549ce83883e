package link.etcd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import link.etcd.EtcdV3Types.KeyValue;
import link.etcd.EtcdV3Types.RangeOptions;
import link.etcd.testing.EtcdProcess;
import org.jspecify.annotations.Nullable;

/**
 * One backend on one etcd that the behaviour suites run against: the v2 API on etcd 3.4 and on etcd
 * 3.5 (both with {@code --enable-v2}), the v3 API on the same etcd 3.4, and the v3 API on etcd 3.5
 * without {@code --enable-v2} and without the JSON gateway. Each etcd is started once per test run,
 * on first use, and shared by every suite; {@link #all()} is the {@code @MethodSource} of the
 * suites' {@code @ParameterizedClass}.
 *
 * @param name what the test report shows, such as {@code v3 on etcd 3.5}
 * @param api the API the middleware speaks
 * @param etcd the shared etcd, started on first use
 */
public record Target(String name, EtcdSettings.Api api, Supplier<EtcdProcess> etcd) {
  /** The v2 API on etcd 3.4 with {@code --enable-v2}. */
  public static final Target V2 =
      new Target("v2 on etcd 3.4", EtcdSettings.Api.V2, SharedEtcd::v34);

  /** The v2 API on etcd 3.5 with {@code --enable-v2}: the last release that serves it. */
  public static final Target V2_ON_35 =
      new Target("v2 on etcd 3.5", EtcdSettings.Api.V2, SharedEtcd::v35WithV2);

  /** The v3 API on the same etcd 3.4. */
  public static final Target V3_ON_34 =
      new Target("v3 on etcd 3.4", EtcdSettings.Api.V3, SharedEtcd::v34);

  /**
   * The v3 API on etcd 3.5 started without {@code --enable-v2} and with {@code
   * --enable-grpc-gateway=false}: gRPC only, as operators may run it.
   */
  public static final Target V3_ON_35 =
      new Target("v3 on etcd 3.5 (gRPC only)", EtcdSettings.Api.V3, SharedEtcd::v35WithoutGateway);

  /** {@return every target, in the order the suites run them} */
  public static List<Target> all() {
    return List.of(V2, V2_ON_35, V3_ON_34, V3_ON_35);
  }

  /** {@return the targets of the v3 API: etcd 3.4, and etcd 3.5 without {@code --enable-v2}} */
  public static List<Target> v3Targets() {
    return List.of(V3_ON_34, V3_ON_35);
  }

  /** {@return settings that reach this target's etcd with its API} */
  public EtcdSettings settings() {
    return builder().build();
  }

  /** {@return a builder of {@link #settings()}, for a test to change one more option} */
  public EtcdSettings.Builder builder() {
    EtcdProcess process = etcd.get();
    return EtcdSettings.builder().host(process.host()).port(process.clientPort()).api(api);
  }

  /** {@return whether this target speaks the v3 API} */
  public boolean v3() {
    return api == EtcdSettings.Api.V3;
  }

  /** {@return a raw view of what this target's etcd stores, for assertions below the middleware} */
  public Raw raw() {
    return v3() ? new V3Raw(new EtcdV3Client(settings())) : new V2Raw(new EtcdClient(settings()));
  }

  @Override
  public String toString() {
    return name;
  }

  /** What is stored, seen without the middleware: the assertions a suite makes below it. */
  public interface Raw extends AutoCloseable {
    /** Stores {@code value} at {@code key} as another tool would. */
    void write(String key, String value);

    /**
     * {@return every key at or under {@code key} holding a value, in key order; directory markers
     * of the v3 layout are left out}
     */
    Map<String, String> leaves(String key);

    /** {@return whether {@code key} is a directory (v3: marked, or with keys under it)} */
    boolean isDirectory(String key);

    /**
     * {@return the seconds {@code key} has left to live, or {@code null} when it does not expire;
     * v3: the TTL of the key's lease, or of its directory marker's}
     */
    @Nullable Long ttl(String key);

    @Override
    void close();
  }

  private record V2Raw(EtcdClient client) implements Raw {
    @Override
    public void write(String key, String value) {
      client.write(key, value);
    }

    @Override
    public Map<String, String> leaves(String key) {
      Map<String, String> result = new LinkedHashMap<>();
      try {
        collect(
            client.read(key, ReadOptions.defaults().withRecursive(true).withSorted(true)).node(),
            result);
      } catch (EtcdKeyNotFoundException e) {
        return result;
      }
      return result;
    }

    private static void collect(EtcdNode node, Map<String, String> out) {
      if (!node.dir()) {
        out.put(node.key(), node.value());
      }
      for (EtcdNode child : node.nodes()) {
        collect(child, out);
      }
    }

    @Override
    public boolean isDirectory(String key) {
      return client.read(key).node().dir();
    }

    @Override
    public @Nullable Long ttl(String key) {
      return client.read(key).node().ttl();
    }

    @Override
    public void close() {
      client.close();
    }
  }

  private record V3Raw(EtcdV3Client client) implements Raw {
    @Override
    public void write(String key, String value) {
      client.put(key, value);
    }

    @Override
    public Map<String, String> leaves(String key) {
      Map<String, String> result = new LinkedHashMap<>();
      for (KeyValue kv : client.range(key).kvs()) {
        result.put(kv.key(), kv.value());
      }
      String under = key.equals("/") ? "/" : key + "/";
      RangeOptions all = RangeOptions.defaults().withRangeEnd(EtcdV3Client.prefixEnd(under));
      for (KeyValue kv : client.range(under, all).kvs()) {
        if (!kv.key().endsWith("/")) {
          result.put(kv.key(), kv.value());
        }
      }
      return result;
    }

    @Override
    public boolean isDirectory(String key) {
      String under = key + "/";
      RangeOptions count =
          RangeOptions.defaults().withRangeEnd(EtcdV3Client.prefixEnd(under)).withCountOnly(true);
      return client.range(under, count).count() > 0;
    }

    @Override
    public @Nullable Long ttl(String key) {
      List<KeyValue> kvs = client.range(key).kvs();
      if (kvs.isEmpty()) {
        kvs = client.range(key + "/").kvs();
      }
      if (kvs.isEmpty()) {
        throw new EtcdKeyNotFoundException(key);
      }
      long lease = kvs.get(0).lease();
      return lease == 0 ? null : client.timeToLive(lease, false).ttlSeconds();
    }

    @Override
    public void close() {
      client.close();
    }
  }
}
