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

@ParameterizedClass
@EnumSource(ExampleEtcd.class)
final class TypedMappingExampleTest {
  private final ExampleEtcd etcd;

  TypedMappingExampleTest(ExampleEtcd etcd) {
    this.etcd = etcd;
  }

  @Test
  void writesARecordReadsItBackAndNamesTheKeyOfABadLeaf() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    EtcdSettings settings = etcd.settings();
    try (EtcdMiddleware client = new EtcdMiddleware(settings);
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      TypedMappingExample.run(client, out);
    }
    assertEquals(
        """
        stored /services/api = {admin={host=admin.example, port=9000}, host=api.example, labels={team=core}, \
        port=8443, protocol=GRPC, tags=[blue, green], tls=true}
        read back: Service[host=api.example, port=8443, tls=true, protocol=GRPC, admin=Endpoint[host=admin.example, \
        port=9000], tags=[blue, green], labels={team=core}]
        port + 1 = 8444
        refused: Expected an int but was "https" at /services/api/port
        """,
        bytes.toString(StandardCharsets.UTF_8));
  }
}
