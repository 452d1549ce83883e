package link.etcd;

import link.etcd.testing.EtcdBinary;
import link.etcd.testing.EtcdProcess;
import org.jspecify.annotations.Nullable;

/**
 * The etcd members the behaviour suites share, each started on first use and stopped when the JVM
 * exits.
 */
final class SharedEtcd {
  private static @Nullable EtcdProcess v34;
  private static @Nullable EtcdProcess v35;
  private static @Nullable EtcdProcess v35WithV2;
  private static @Nullable EtcdProcess v35WithoutGateway;

  private SharedEtcd() {}

  /** {@return etcd 3.4 serving both APIs} */
  static synchronized EtcdProcess v34() {
    if (v34 == null) {
      v34 = stoppedAtExit(EtcdProcess.start());
    }
    return v34;
  }

  /** {@return etcd 3.5 serving only the v3 API: started without {@code --enable-v2}} */
  static synchronized EtcdProcess v35() {
    if (v35 == null) {
      v35 = stoppedAtExit(EtcdProcess.builder().binary(EtcdBinary.V3_5).v2(false).start());
    }
    return v35;
  }

  /**
   * {@return etcd 3.5 serving only the v3 API's gRPC: started without {@code --enable-v2} and with
   * {@code --enable-grpc-gateway=false}}
   */
  static synchronized EtcdProcess v35WithoutGateway() {
    if (v35WithoutGateway == null) {
      v35WithoutGateway =
          stoppedAtExit(
              EtcdProcess.builder()
                  .binary(EtcdBinary.V3_5)
                  .v2(false)
                  .flags("--enable-grpc-gateway=false")
                  .start());
    }
    return v35WithoutGateway;
  }

  /** {@return etcd 3.5 serving both APIs: started with {@code --enable-v2}} */
  static synchronized EtcdProcess v35WithV2() {
    if (v35WithV2 == null) {
      v35WithV2 = stoppedAtExit(EtcdProcess.builder().binary(EtcdBinary.V3_5).v2(true).start());
    }
    return v35WithV2;
  }

  private static EtcdProcess stoppedAtExit(EtcdProcess process) {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(process::close, "stop-shared-etcd-" + process.pid()));
    return process;
  }
}
