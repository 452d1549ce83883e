package link.etcd.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import link.etcd.EtcdSettings;
import link.etcd.middleware.EtcdMiddleware;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The clients' coroutines and watch Flow from Kotlin, on both APIs: {@code EtcdClient} on v2,
 * {@code EtcdV3Client} on v3.
 */
@ParameterizedClass
@EnumSource(ExampleEtcd.class)
final class KotlinClientExampleTest {
  private final ExampleEtcd etcd;

  KotlinClientExampleTest(ExampleEtcd etcd) {
    this.etcd = etcd;
  }

  @Test
  void coroutinesAndTheWatchFlowSeeWhatWasWritten() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    EtcdSettings settings = etcd.settings();
    try (EtcdMiddleware client = new EtcdMiddleware(settings);
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      KotlinClientExample.run(client, out);
    }
    String firstWrite = settings.api() == EtcdSettings.Api.V3 ? "create" : "set";
    assertEquals(
        "read /greeting in a coroutine: hi\n"
            + "watched: ["
            + firstWrite
            + " /watched/a, delete /watched/a]\n",
        bytes.toString(StandardCharsets.UTF_8));
  }
}
