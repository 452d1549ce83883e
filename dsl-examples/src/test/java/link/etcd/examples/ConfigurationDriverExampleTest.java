package link.etcd.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
final class ConfigurationDriverExampleTest {
  @Test
  void generatedAccessorReadsAndWritesTheSeedsLayout(EtcdProcess etcd) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    EtcdSettings settings = EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort()).build();
    try (EtcdMiddleware client = new EtcdMiddleware(settings);
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      ConfigurationDriverExample.run(client, out);
      assertFalse(client.contains("/myproject/myconfigurable.conf"));
    }
    assertEquals("""
        port before any write = 8080 (the @Default)
        stored at /myproject/myconfigurable.conf/MYCONF/myparam: hello
        after one edit: myparam = hello again, port = 9090
        changed outside, after reload(): port = 7070
        MyConfigurableAccessor{myparam=hello again, port=7070}
        """, bytes.toString(StandardCharsets.UTF_8));
  }
}
