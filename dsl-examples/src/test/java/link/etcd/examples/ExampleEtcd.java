package link.etcd.examples;

import link.etcd.EtcdSettings;
import link.etcd.testing.EtcdBinary;
import link.etcd.testing.EtcdProcess;
import org.jspecify.annotations.Nullable;

/**
 * The etcds and APIs the examples run on, each with its own member started on first use and stopped
 * when the JVM exits: the v2 API on etcd 3.4 (the machine's) and 3.5 started with {@code
 * --enable-v2}, the v3 API on etcd 3.4 (the same kind of member) and on etcd 3.5 started without it
 * and without the JSON gateway ({@code --enable-grpc-gateway=false}).
 */
enum ExampleEtcd {
  V2_ON_ETCD_34(EtcdSettings.Api.V2, EtcdBinary.DEFAULT, true),
  V2_ON_ETCD_35(EtcdSettings.Api.V2, EtcdBinary.V3_5, true),
  V3_ON_ETCD_34(EtcdSettings.Api.V3, EtcdBinary.DEFAULT, true),
  V3_ON_ETCD_35(EtcdSettings.Api.V3, EtcdBinary.V3_5, false);

  private final EtcdSettings.Api api;
  private final EtcdBinary binary;
  private final boolean v2;
  private @Nullable EtcdProcess process;

  ExampleEtcd(EtcdSettings.Api api, EtcdBinary binary, boolean v2) {
    this.api = api;
    this.binary = binary;
    this.v2 = v2;
  }

  /** {@return settings that reach this member with its API} */
  synchronized EtcdSettings settings() {
    if (process == null) {
      EtcdProcess.Builder builder = EtcdProcess.builder().binary(binary).v2(v2);
      if (binary == EtcdBinary.V3_5 && api == EtcdSettings.Api.V3) {
        // gRPC only, as operators may run it: the v3 API needs no JSON gateway.
        builder.flags("--enable-grpc-gateway=false");
      }
      EtcdProcess started = builder.start();
      Runtime.getRuntime()
          .addShutdownHook(new Thread(started::close, "stop-example-etcd-" + started.pid()));
      process = started;
    }
    return EtcdSettings.builder().host(process.host()).port(process.clientPort()).api(api).build();
  }
}
