package link.etcd.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
final class ConfigurationDriverExampleTest {
  private final ExampleEtcd etcd;

  ConfigurationDriverExampleTest(ExampleEtcd etcd) {
    this.etcd = etcd;
  }

  @Test
  void generatedAccessorReadsAndWritesTheSeedsLayout() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    EtcdSettings settings = etcd.settings();
    try (EtcdMiddleware client = new EtcdMiddleware(settings);
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      ConfigurationDriverExample.run(client, out);
      assertFalse(client.contains("/myproject/myconfigurable.conf"));
    }
    assertEquals(
        """
        port before any write = 8080 (the @Default)
        stored at /myproject/myconfigurable.conf/MYCONF/myparam: hello
        after one edit: myparam = hello again, port = 9090
        changed outside, after reload(): port = 7070
        MyConfigurableAccessor{myparam=hello again, port=7070}
        """,
        bytes.toString(StandardCharsets.UTF_8));
  }
}
