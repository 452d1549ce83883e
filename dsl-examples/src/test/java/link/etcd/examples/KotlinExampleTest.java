package link.etcd.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import link.etcd.EtcdSettings;
import link.etcd.middleware.EtcdMiddleware;
import link.etcd.testing.EtcdExtension;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EtcdExtension.class)
final class KotlinExampleTest {
  @Test
  void kotlinExamplePrintsWhatItWroteAndReadBack(EtcdProcess etcd) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    EtcdSettings settings = EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort()).build();
    try (EtcdMiddleware client = new EtcdMiddleware(settings);
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      KotlinExample.run(client, out);
    }
    assertEquals("""
        read /a = {b=[x, y]}
        /a in client: true
        after client -= "/a": false
        read /collection = {answer=42, question=unknown, subcollection=[item1, item2]}
        myparam = hello, port = 9090
        after conf.myparam = null: null
        read /svc = {host=h, port=80, tags=[blue]}, as Svc: Svc(host=h, port=80, tags=[blue])
        read /greeting in a coroutine: hi
        watched: [set /watched/a, delete /watched/a]
        """, bytes.toString(StandardCharsets.UTF_8));
  }
}
