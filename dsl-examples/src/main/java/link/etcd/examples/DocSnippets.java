package link.etcd.examples;

import com.squareup.moshi.FromJson;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.ToJson;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import link.etcd.DeleteOptions;
import link.etcd.EtcdClient;
import link.etcd.EtcdMember;
import link.etcd.EtcdNode;
import link.etcd.EtcdResponse;
import link.etcd.EtcdSettings;
import link.etcd.EtcdV3Client;
import link.etcd.EtcdV3Types.Compare;
import link.etcd.EtcdV3Types.KeyValue;
import link.etcd.EtcdV3Types.Lease;
import link.etcd.EtcdV3Types.Op;
import link.etcd.EtcdV3Types.PutOptions;
import link.etcd.EtcdV3Types.RangeOptions;
import link.etcd.EtcdV3Types.RangeResult;
import link.etcd.EtcdV3Types.TxnResult;
import link.etcd.EtcdVersion;
import link.etcd.ReadOptions;
import link.etcd.WatchEvent;
import link.etcd.WatchOptions;
import link.etcd.Watcher;
import link.etcd.WriteOptions;
import link.etcd.conf.ConfDriver;
import link.etcd.conf.Configuration;
import link.etcd.conf.IniConfDriver;
import link.etcd.conf.ReloadListener;
import link.etcd.middleware.EtcdMiddleware;
import link.etcd.schema.Category;
import link.etcd.schema.ConfigSchema;
import link.etcd.schema.Default;
import org.jspecify.annotations.Nullable;

/**
 * Holds the code snippets of {@code README.md} and {@code docs/*.md} that no runnable example
 * shows, so that they compile; {@code DocSnippetsTest} checks that each doc block is the same text
 * as its region here. A schema that a snippet declares is a local interface, which the processor
 * does not see: the snippet's {@code MyConfigurableAccessor} is the one generated from {@link
 * MyConfigurable}, whose methods include the local one's.
 */
final class DocSnippets {
  private DocSnippets() {}

  /** The application's server in the snippet of {@code docs/operations.md} on reloading. */
  interface Server {
    /** Makes the server listen on {@code port}. */
    void setPort(int port);
  }

  /** The record that the snippet of {@code docs/dsl.md} on your own Moshi stores. */
  record Stamped(String name, Instant at) {}

  static void readme() {
    // [START readme-middleware]
    try (EtcdMiddleware client =
        new EtcdMiddleware()) { // reads link/etcd/middleware.conf, like the seed
      client.set("/collection", Map.of("subcollection", List.of("item1", "item2")));
      // wrote /collection/subcollection/1 = item1 and /collection/subcollection/2 = item2
      Object tree = client.get("/collection"); // {subcollection=[item1, item2]}
      client.delete("/collection"); // erases the whole tree
    }
    // [END readme-middleware]
  }

  static void v3Client() {
    // [START v3-client]
    EtcdSettings settings =
        EtcdSettings.builder()
            .api(EtcdSettings.Api.V3)
            .host("http://127.0.0.1:2379") // an endpoint URL, as etcd prints it
            .build();
    try (EtcdV3Client client = new EtcdV3Client(settings)) {
      client.put("/config/port", "8080");
      RangeResult config =
          client.range(
              "/config/", // every key under /config/, at one revision
              RangeOptions.defaults().withRangeEnd(EtcdV3Client.prefixEnd("/config/")));
      TxnResult swap =
          client
              .txn() // compare-and-swap, atomically
              .when(Compare.value("/config/port", Compare.Result.EQUAL, "8080"))
              .then(Op.put("/config/port", "9090"))
              .otherwise(Op.range("/config/port"))
              .commit();
      Lease lease = client.grant(10); // keys that live as long as the lease
      client.put("/sessions/me", "alive", PutOptions.defaults().withLease(lease.id()));
      client.keepAliveOnce(lease.id());
    }
    // [END v3-client]
  }

  static void v3Watch(EtcdV3Client client) {
    // [START v3-watch]
    Watcher watcher =
        client.watch(
            "/config",
            WatchOptions.defaults().withRecursive(true),
            event -> {
              if (event instanceof WatchEvent.V3Change change) {
                KeyValue after = change.kv(); // value, createRevision, modRevision, version, lease
                KeyValue before = change.prevKv(); // null when the key did not exist
                System.out.println(
                    change.type()
                        + " "
                        + change.key()
                        + " = "
                        + after.value()
                        + " (version "
                        + after.version()
                        + ", was "
                        + (before == null ? "absent" : before.value())
                        + ")");
              } else if (event instanceof WatchEvent.V3Resync resync) {
                System.out.println(
                    "changes compacted away; "
                        + resync.kvs().size()
                        + " keys at revision "
                        + resync.revision());
              } else if (event instanceof WatchEvent.Failed failed) {
                System.out.println("the watch ended: " + failed.error().getMessage());
              }
            });
    // ... every watch of this client shares its one Watch stream; closing one cancels it there
    watcher.close();
    // [END v3-watch]
  }

  static void readmeSchema(EtcdMiddleware middleware) {
    // [START readme-schema]
    @ConfigSchema(paths = "myproject/myconfigurable.conf", category = "MYCONF")
    interface MyConfigurable {
      @Nullable String getMyparam();

      @Category("HTTP")
      @Default("8080")
      int getPort();
    }

    MyConfigurableAccessor conf = MyConfigurableAccessor.of(middleware);
    conf.edit().myparam("hello").port(9090).apply(); // one write
    int port = conf.getPort(); // 9090
    // [END readme-schema]
  }

  static void index() {
    // [START index-middleware]
    try (EtcdMiddleware client = new EtcdMiddleware()) { // settings from link/etcd/middleware.conf
      client.set("/collection", Map.of("subcollection", List.of("item1", "item2")));
      Object tree = client.get("/collection"); // {subcollection=[item1, item2]}
      client.delete("/collection");
    }
    // [END index-middleware]
  }

  static void configurationSettings() {
    // [START configuration-settings]
    EtcdSettings settings =
        EtcdSettings.builder()
            .host("etcd.internal")
            .port(2379)
            .readTimeout(Duration.ofSeconds(5))
            .username("app")
            .password(System.getenv("ETCD_PASSWORD"))
            .build();

    EtcdSettings viaTls = settings.newBuilder().protocol("https").build();

    // Read middleware.conf from directories of your choice, e.g. in a test:
    EtcdSettings fromDir = EtcdSettings.load(new IniConfDriver(List.of(Path.of("conf"))));
    // [END configuration-settings]
  }

  static void configurationIni() {
    // [START configuration-ini-driver]
    ConfDriver ini = IniConfDriver.standard();
    for (String file : ini.resourcePaths("myproject/app.conf")) {
      Configuration conf = ini.load(file).orElseGet(ini::resource);
      conf.value("HTTP", "port").ifPresent(System.out::println);
    }
    // [END configuration-ini-driver]
  }

  static void dslMoshi(EtcdSettings settings) {
    // [START dsl-own-moshi]
    final class InstantAdapter {
      @ToJson
      String toJson(Instant instant) {
        return instant.toString();
      }

      @FromJson
      Instant fromJson(String text) {
        return Instant.parse(text);
      }
    }

    Moshi moshi = new Moshi.Builder().add(new InstantAdapter()).build();
    try (EtcdMiddleware client = new EtcdMiddleware(settings, moshi)) {
      client.set(
          "/stamped",
          new Stamped("s", Instant.parse("2026-11-25T21:00:00Z"))); // at = 2026-11-25T21:00:00Z
      Stamped back = client.get("/stamped", Stamped.class);
    }
    // [END dsl-own-moshi]
  }

  static void operationsEndpoints() {
    // [START operations-endpoints]
    EtcdSettings settings =
        EtcdSettings.builder()
            .endpoints(List.of("etcd1.internal:2379", "etcd2.internal:2379", "etcd3.internal:2379"))
            .allowReconnect(true)
            .build();
    // [END operations-endpoints]
  }

  static void operationsWatch() {
    // [START operations-watch]
    try (EtcdClient client = new EtcdClient(EtcdSettings.builder().port(2379).build())) {
      Watcher watcher =
          client.watch(
              "/config",
              WatchOptions.defaults().withRecursive(true),
              event -> {
                if (event instanceof WatchEvent.Change change) {
                  System.out.println(
                      change.response().action() + " " + change.response().node().key());
                } else if (event instanceof WatchEvent.Resync resync) {
                  System.out.println(
                      "missed changes; state at index "
                          + resync.index()
                          + ": "
                          + resync.snapshot());
                }
              });
      // ... the application runs; the watcher reports on a link-etcd watch thread
      watcher.close();
    }
    // [END operations-watch]
  }

  static void operationsReload(EtcdMiddleware middleware, Server server) {
    // [START operations-reload]
    MyConfigurableAccessor conf = MyConfigurableAccessor.of(middleware);
    conf.addReloadListener(
        new ReloadListener() {
          @Override
          public void reloaded() {
            server.setPort(conf.getPort());
          }

          @Override
          public void failed(RuntimeException error) {
            System.err.println(error.getMessage());
          }
        });
    ConfDriver.Subscription reloading = conf.autoReload(); // loads now, then after every change
    // ...
    reloading.close(); // stops reloading
    // [END operations-reload]
  }

  static void schemaIntro(EtcdMiddleware middleware) {
    // [START schema-intro]
    @ConfigSchema(paths = "myproject/myconfigurable.conf", category = "MYCONF")
    interface MyConfigurable {
      @Nullable String getMyparam();
    }

    MyConfigurableAccessor conf = MyConfigurableAccessor.of(middleware);
    conf.setMyparam("hello"); // writes /myproject/myconfigurable.conf/MYCONF/myparam
    String value = conf.getMyparam(); // "hello"
    // [END schema-intro]
  }

  static void tutorialConstructors() {
    // [START tutorial-constructors]
    // Like the seed: settings from the middleware.conf files above.
    EtcdMiddleware client = new EtcdMiddleware();

    // Or settings from code; no file is read.
    EtcdMiddleware other = new EtcdMiddleware(EtcdSettings.builder().port(2379).build());
    // [END tutorial-constructors]
  }

  static void tutorialMapProtocol(EtcdMiddleware client) {
    // [START tutorial-map-protocol]
    client.merge("/app", Map.of("port", 8080)); // adds /app/port, keeps the rest of /app
    String key = client.append("/queue", "job-1"); // e.g. /queue/00000000000000000042
    List<?> queue = client.get("/queue", List.class); // [job-1]: in-order keys, read as a list
    // [END tutorial-map-protocol]
  }

  static void tutorialSchema(EtcdMiddleware client) {
    // [START tutorial-schema]
    @ConfigSchema(paths = "myproject/myconfigurable.conf", category = "MYCONF")
    interface MyConfigurable {
      @Nullable String getMyparam();
    }

    MyConfigurableAccessor conf = MyConfigurableAccessor.of(client); // client: the EtcdMiddleware
    conf.setMyparam("hello"); // writes /myproject/myconfigurable.conf/MYCONF/myparam
    String myparam = conf.getMyparam(); // "hello"
    // [END tutorial-schema]
  }

  static void tutorialClient() {
    // [START tutorial-client]
    try (EtcdClient etcd = new EtcdClient(EtcdSettings.builder().port(2379).build())) {
      String port = etcd.read("/config/port").node().value(); // and the calls below
    }
    // [END tutorial-client]
  }

  static void tutorialClientCalls(EtcdClient etcd) {
    // [START tutorial-read]
    String port = etcd.read("/config/port").node().value();

    EtcdResponse tree =
        etcd.read("/config", ReadOptions.defaults().withRecursive(true).withSorted(true));
    for (EtcdNode child : tree.node().nodes()) {
      System.out.println(child.key() + " = " + child.value());
    }

    EtcdResponse fresh = etcd.read("/config/port", ReadOptions.defaults().withQuorum(true));
    // [END tutorial-read]

    // [START tutorial-write]
    etcd.write("/config/port", "8080");

    etcd.write("/session/abc", "alive", WriteOptions.defaults().withTtl(Duration.ofSeconds(30)));
    etcd.write(
        "/session/abc",
        null,
        WriteOptions.defaults()
            .withTtl(Duration.ofSeconds(30))
            .withRefresh(true)); // only resets the TTL

    etcd.write("/lock", "me", WriteOptions.defaults().withPrevExist(false)); // create only
    etcd.mkdir("/jobs"); // fails if it exists
    // [END tutorial-write]

    // [START tutorial-append]
    EtcdResponse item = etcd.append("/jobs", "resize image 7");
    String created = item.node().key(); // /jobs/00000000000000000043
    // [END tutorial-append]

    // [START tutorial-delete]
    etcd.delete("/config/port"); // a key
    etcd.delete("/jobs", DeleteOptions.defaults().withRecursive(true)); // a directory and all in it
    etcd.delete("/empty", DeleteOptions.defaults().withDir(true)); // an empty directory
    // [END tutorial-delete]

    // [START tutorial-compare]
    etcd.compareAndSwap("/config/port", "9090", "8080"); // only if the value is 8080
    EtcdResponse now = etcd.read("/config/port");
    etcd.compareAndSwap(
        "/config/port", "9191", now.node().modifiedIndex()); // only if unchanged since
    etcd.compareAndDelete("/lock", "me");
    // [END tutorial-compare]

    // [START tutorial-watch-once]
    EtcdResponse start = etcd.read("/config/port");
    EtcdResponse change = etcd.watchOnce("/config/port", start.node().modifiedIndex() + 1, false);
    System.out.println(change.action() + ": " + change.node().value());
    // [END tutorial-watch-once]
  }

  static void tutorialWatch(EtcdClient etcd) {
    // [START tutorial-watch]
    Watcher watcher =
        etcd.watch(
            "/config",
            WatchOptions.defaults().withRecursive(true),
            event -> {
              if (event instanceof WatchEvent.Change change) {
                System.out.println(
                    change.response().action() + " " + change.response().node().key());
              } else if (event instanceof WatchEvent.Resync resync) {
                System.out.println(
                    "etcd dropped changes we missed; everything at index "
                        + resync.index()
                        + ": "
                        + resync.snapshot());
              }
            });
    etcd.write("/config/port", "8081"); // the listener prints "set /config/port"
    watcher.close();
    // [END tutorial-watch]
  }

  static void tutorialAsync(EtcdClient etcd) {
    // [START tutorial-async]
    CompletableFuture<EtcdResponse> next = etcd.watchOnceAsync("/config", 0, true);
    etcd.writeAsync("/config/host", "example.org", WriteOptions.defaults())
        .thenAccept(r -> System.out.println("written at index " + r.node().modifiedIndex()))
        .join();
    EtcdResponse changed = next.join();
    // [END tutorial-async]
  }

  static void tutorialCluster(EtcdClient etcd) {
    // [START tutorial-cluster]
    for (EtcdMember member : etcd.members()) {
      System.out.println(member.name() + " " + member.clientUrls());
    }
    EtcdVersion version = etcd.version(); // e.g. server 3.4.23, cluster 3.4.0
    boolean healthy = etcd.health();
    Map<String, Object> store = etcd.storeStats();
    // [END tutorial-cluster]
  }
}
