package link.etcd.middleware;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import link.etcd.EtcdClient;
import link.etcd.EtcdException;
import link.etcd.EtcdKeyNotFoundException;
import link.etcd.EtcdNode;
import link.etcd.EtcdSettings;
import link.etcd.EtcdV3Client;
import link.etcd.EtcdV3Types.Op;
import link.etcd.EtcdV3Types.PutOptions;
import link.etcd.ReadOptions;
import link.etcd.internal.Keys;
import org.jspecify.annotations.Nullable;

/**
 * Copies a v2 subtree, or the whole v2 key space, into this library's v3 layout, so that {@link
 * EtcdMiddleware} with {@code api = v3} reads back what it read with {@code api = v2}: values as
 * keys, directories as markers {@code <dir>/} (empty directories survive), in-order keys under
 * their own names (they read back as the same list), TTLs as leases granted with the time left (one
 * lease per distinct time left, shared by a directory's keys as on v3). etcd 3.5 dropped {@code
 * etcdctl migrate} and v2 data is invisible to the v3 API, so this is the way off v2 before etcd
 * 3.6.
 *
 * <pre>{@code
 * try (EtcdClient v2 = new EtcdClient(v2Settings); EtcdV3Client v3 = new EtcdV3Client(v3Settings)) {
 *   V2ToV3Migration.Summary summary = V2ToV3Migration.copy(v2, v3, "/myproject", false, System.out::println);
 * }
 * }</pre>
 *
 * <p>A dry run prints every write it would make and writes nothing. A real run writes in txns of at
 * most {@code max_txn_ops} puts and {@code max_request_bytes}, prints a progress line every 1000
 * keys and a summary; keys whose v3 value already equals their v2 value and carry no TTL are left
 * alone, so a second run changes nothing. A failure part way throws an {@link EtcdException} naming
 * how many keys were copied and the last one: running again finishes the copy. {@code
 * bin/migrate-v2-to-v3} runs {@link #main}.
 */
public final class V2ToV3Migration {
  private static final int PROGRESS_EVERY = 1000;

  /**
   * What a copy wrote, or would write in a dry run.
   *
   * @param keys keys holding a value written (in-order items included)
   * @param directories directory markers written
   * @param leases leases granted for TTLs
   * @param bytes bytes of keys and values written
   * @param unchanged keys already equal on v3, left alone
   * @param dryRun whether nothing was written
   */
  public record Summary(
      long keys, long directories, long leases, long bytes, long unchanged, boolean dryRun) {
    @Override
    public String toString() {
      return (dryRun ? "would copy " : "copied ")
          + keys
          + " keys, "
          + directories
          + " directories, "
          + leases
          + " leases, "
          + bytes
          + " bytes; "
          + unchanged
          + " keys already equal";
    }
  }

  private final EtcdV3Client to;
  private final boolean dryRun;
  private final Consumer<String> out;
  private final int maxOps;
  private final long maxBytes;
  private final Map<Long, Long> leaseBySeconds = new HashMap<>();
  private final List<Op> batch = new ArrayList<>();
  private final List<String> batchKeys = new ArrayList<>();
  private long batchBytes;
  private long keys;
  private long directories;
  private long bytes;
  private long unchanged;
  private long copied;
  private @Nullable String lastCopied;

  private V2ToV3Migration(EtcdV3Client to, boolean dryRun, Consumer<String> out) {
    this.to = to;
    this.dryRun = dryRun;
    this.out = out;
    this.maxOps = to.settings().maxTxnOps();
    this.maxBytes = to.settings().maxRequestBytes() / 2;
  }

  /**
   * Copies {@code path} and everything under it from {@code from} (v2) to {@code to} (v3).
   *
   * @param from the v2 client to read
   * @param to the v3 client to write, with the {@code key_prefix} to write under
   * @param path the subtree, such as {@code /myproject}, or {@code /} for the whole key space
   * @param dryRun print what would be written, write nothing
   * @param out where the lines of the dry run, the progress and the summary go
   * @return what was written
   * @throws EtcdKeyNotFoundException when nothing is stored at {@code path} on v2
   * @throws EtcdException when a write fails; its message says how much was copied
   */
  public static Summary copy(
      EtcdClient from, EtcdV3Client to, String path, boolean dryRun, Consumer<String> out) {
    String key = Keys.normalize(path);
    EtcdNode root =
        from.read(key, ReadOptions.defaults().withRecursive(true).withSorted(true)).node();
    V2ToV3Migration migration = new V2ToV3Migration(to, dryRun, out);
    migration.node(root, 0);
    migration.flush();
    Summary summary =
        new Summary(
            migration.keys,
            migration.directories,
            migration.leaseBySeconds.size(),
            migration.bytes,
            migration.unchanged,
            dryRun);
    out.accept(summary.toString());
    return summary;
  }

  /**
   * Copies {@code node}; {@code inheritedLease} is the lease of an expiring directory above it, or
   * 0.
   */
  private void node(EtcdNode node, long inheritedLease) {
    long lease = node.ttl() != null ? lease(node.ttl()) : inheritedLease;
    if (node.dir()) {
      if (!node.key().equals("/")) {
        put(node.key() + "/", "", lease, node.ttl());
        directories++;
      }
      node.nodes().forEach(child -> node(child, lease));
      return;
    }
    String value = node.value() == null ? "" : node.value();
    if (lease == 0 && !dryRun && equalOnV3(node.key(), value)) {
      unchanged++;
      return;
    }
    put(node.key(), value, lease, node.ttl());
    keys++;
  }

  private boolean equalOnV3(String key, String value) {
    List<EtcdV3Client.KeyValue> kvs = to.range(key).kvs();
    return !kvs.isEmpty() && kvs.get(0).value().equals(value) && kvs.get(0).lease() == 0;
  }

  private long lease(long seconds) {
    if (dryRun) {
      return leaseBySeconds.computeIfAbsent(seconds, s -> (long) leaseBySeconds.size() + 1);
    }
    return leaseBySeconds.computeIfAbsent(seconds, s -> to.grant(Math.max(1, s)).id());
  }

  private void put(String key, String value, long lease, @Nullable Long ttl) {
    long size =
        key.getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length;
    bytes += size;
    if (dryRun) {
      out.accept(
          "put "
              + key
              + (key.endsWith("/") ? " (directory)" : " = " + quote(value))
              + (ttl != null ? " (ttl " + ttl + " s)" : ""));
      return;
    }
    if (batch.size() == maxOps || batchBytes + size > maxBytes) {
      flush();
    }
    batch.add(Op.put(key, value, PutOptions.defaults().withLease(lease)));
    batchKeys.add(key);
    batchBytes += size + 16;
  }

  private void flush() {
    if (batch.isEmpty()) {
      return;
    }
    try {
      to.txn().then(batch.toArray(Op[]::new)).commit();
    } catch (EtcdException e) {
      throw new MigrationException(
          "The copy stopped after "
              + copied
              + " keys"
              + (lastCopied == null ? "" : " (the last " + lastCopied + ")")
              + ": writing "
              + batchKeys.get(0)
              + " and "
              + (batchKeys.size() - 1)
              + " more failed ("
              + e.getMessage()
              + "); run the copy again to finish it",
          e);
    }
    long before = copied;
    copied += batch.size();
    lastCopied = batchKeys.get(batchKeys.size() - 1);
    if (copied / PROGRESS_EVERY > before / PROGRESS_EVERY) {
      out.accept("copied " + copied + " keys, the last " + lastCopied);
    }
    batch.clear();
    batchKeys.clear();
    batchBytes = 0;
  }

  private static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  /** A copy that stopped part way: says how much was copied. */
  private static final class MigrationException extends EtcdException {
    private static final long serialVersionUID = 1L;

    MigrationException(String message, EtcdException cause) {
      super(message, cause);
    }
  }

  /**
   * The command {@code bin/migrate-v2-to-v3}: {@code --from URL --to URL [--path /x] [--key-prefix
   * p] [--dry-run]}. {@code --from} is the etcd serving v2 ({@code --enable-v2}), {@code --to} the
   * one serving v3 (often the same). Credentials come from {@code ETCD_USERNAME} and {@code
   * ETCD_PASSWORD} when set, for both.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    String fromUrl = null;
    String toUrl = null;
    String path = "/";
    String keyPrefix = "";
    boolean dryRun = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--from" -> fromUrl = value(args, ++i);
        case "--to" -> toUrl = value(args, ++i);
        case "--path" -> path = value(args, ++i);
        case "--key-prefix" -> keyPrefix = value(args, ++i);
        case "--dry-run" -> dryRun = true;
        default -> usage("unknown argument " + args[i]);
      }
    }
    if (fromUrl == null) {
      usage("--from is missing");
    }
    String username = System.getenv("ETCD_USERNAME");
    String password = System.getenv("ETCD_PASSWORD");
    EtcdSettings.Builder v2 = EtcdSettings.builder().host(fromUrl);
    EtcdSettings.Builder v3 =
        EtcdSettings.builder()
            .api(EtcdSettings.Api.V3)
            .host(toUrl == null ? fromUrl : toUrl)
            .keyPrefix(keyPrefix);
    if (username != null && password != null) {
      v2.username(username).password(password);
      v3.username(username).password(password);
    }
    try (EtcdClient from = new EtcdClient(v2.build());
        EtcdV3Client to = new EtcdV3Client(v3.build())) {
      copy(from, to, path, dryRun, System.out::println);
    } catch (EtcdException e) {
      System.err.println(e.getMessage());
      System.exit(1);
    }
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      usage(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static void usage(String problem) {
    System.err.println(
        problem
            + "\nusage: bin/migrate-v2-to-v3 --from http://host:2379 [--to http://host:2379]"
            + " [--path /subtree] [--key-prefix prefix] [--dry-run]");
    System.exit(2);
  }
}
