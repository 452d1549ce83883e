package link.etcd.examples;

import link.etcd.EtcdSettings;
import link.etcd.testing.EtcdBinary;
import link.etcd.testing.EtcdProcess;
import org.jspecify.annotations.Nullable;

/**
 * The etcd APIs the examples run on, each with its own member started on first use and stopped when
 * the JVM exits: the v2 API on etcd 3.4 with {@code --enable-v2}, and the v3 API on etcd 3.5
 * without it.
 */
enum ExampleEtcd {
  V2_ON_ETCD_34(EtcdSettings.Api.V2),
  V3_ON_ETCD_35(EtcdSettings.Api.V3);

  private final EtcdSettings.Api api;
  private @Nullable EtcdProcess process;

  ExampleEtcd(EtcdSettings.Api api) {
    this.api = api;
  }

  /** {@return settings that reach this member with its API} */
  synchronized EtcdSettings settings() {
    if (process == null) {
      EtcdProcess started =
          api == EtcdSettings.Api.V3
              ? EtcdProcess.builder().binary(EtcdBinary.V3_5).v2(false).start()
              : EtcdProcess.builder().start();
      Runtime.getRuntime()
          .addShutdownHook(new Thread(started::close, "stop-example-etcd-" + started.pid()));
      process = started;
    }
    return EtcdSettings.builder().host(process.host()).port(process.clientPort()).api(api).build();
  }
}
