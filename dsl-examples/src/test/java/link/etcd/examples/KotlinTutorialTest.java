package link.etcd.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import link.etcd.EtcdSettings;
import link.etcd.middleware.EtcdMiddleware;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The Kotlin versions of the tutorial's examples print exactly what the Java ones print. */
@ParameterizedClass
@EnumSource(ExampleEtcd.class)
final class KotlinTutorialTest {
  private final ExampleEtcd etcd;

  KotlinTutorialTest(ExampleEtcd etcd) {
    this.etcd = etcd;
  }

  @Test
  void kotlinSeedTutorialWritesReadsAndErasesTheCollection() {
    assertEquals(
        """
        wrote /collection/subcollection/1 = item1
        wrote /collection/subcollection/2 = item2
        read /collection = {subcollection=[item1, item2]}
        erased /collection: still there? false
        """,
        output(KotlinSeedTutorial::run));
  }

  @Test
  void kotlinConfigurationDriverUsesTheAccessorsProperties() {
    assertEquals(
        """
        port before any write = 8080 (the @Default)
        stored at /myproject/myconfigurable.conf/MYCONF/myparam: hello
        after one edit: myparam = hello again, port = 9090
        changed outside, after reload(): port = 7070
        MyConfigurableAccessor{myparam=hello again, port=7070}
        """,
        output(KotlinConfigurationDriverExample::run));
  }

  private String output(BiConsumer<EtcdMiddleware, PrintStream> example) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    EtcdSettings settings = etcd.settings();
    try (EtcdMiddleware client = new EtcdMiddleware(settings);
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      example.accept(client, out);
      assertFalse(client.contains("/collection"));
      assertFalse(client.contains("/myproject/myconfigurable.conf"));
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
