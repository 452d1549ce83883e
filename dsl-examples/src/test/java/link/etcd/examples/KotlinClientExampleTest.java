package link.etcd.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import link.etcd.middleware.EtcdMiddleware;
import org.junit.jupiter.api.Test;

/**
 * The v2 client's coroutines and watch Flow from Kotlin: on the v2 API only, as EtcdClient speaks
 * v2.
 */
final class KotlinClientExampleTest {
  @Test
  void coroutinesAndTheWatchFlowSeeWhatWasWritten() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (EtcdMiddleware client = new EtcdMiddleware(ExampleEtcd.V2_ON_ETCD_34.settings());
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      KotlinClientExample.run(client, out);
    }
    assertEquals(
        """
        read /greeting in a coroutine: hi
        watched: [set /watched/a, delete /watched/a]
        """,
        bytes.toString(StandardCharsets.UTF_8));
  }
}
