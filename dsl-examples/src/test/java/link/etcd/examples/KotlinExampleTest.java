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
final class KotlinExampleTest {
  private final ExampleEtcd etcd;

  KotlinExampleTest(ExampleEtcd etcd) {
    this.etcd = etcd;
  }

  @Test
  void kotlinExamplePrintsWhatItWroteAndReadBack() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    EtcdSettings settings = etcd.settings();
    try (EtcdMiddleware client = new EtcdMiddleware(settings);
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      KotlinExample.run(client, out);
    }
    assertEquals(
        """
        read /a = {b=[x, y]}
        /a in client: true
        after client -= "/a": false
        read /collection = {answer=42, question=unknown, subcollection=[item1, item2]}
        myparam = hello, port = 9090
        after conf.myparam = null: null
        read /svc = {host=h, port=80, tags=[blue]}, as Svc: Svc(host=h, port=80, tags=[blue])
        """,
        bytes.toString(StandardCharsets.UTF_8));
  }
}
