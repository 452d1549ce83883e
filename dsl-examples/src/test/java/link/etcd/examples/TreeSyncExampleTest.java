package link.etcd.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import link.etcd.middleware.EtcdMiddleware;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(
    value = ExampleEtcd.class,
    names = {"V3_ON_ETCD_34", "V3_ON_ETCD_35"})
final class TreeSyncExampleTest {
  private final ExampleEtcd etcd;

  TreeSyncExampleTest(ExampleEtcd etcd) {
    this.etcd = etcd;
  }

  @Test
  void diffsAppliesReadsTheHistoryAndRollsBack() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (EtcdMiddleware client = new EtcdMiddleware(etcd.settings());
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      TreeSyncExample.run(client, out);
    }
    assertEquals(
        """
        + /shop/hosts/1 = a
        + /shop/hosts/2 = b
        + /shop/port = 8080
        ~ /shop/port: 8080 -> 9090
        - /shop/hosts/2
        after the rollback: {hosts=[a, b], port=8080}
        """,
        bytes.toString(StandardCharsets.UTF_8));
  }
}
