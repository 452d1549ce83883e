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
final class SeedTutorialTest {
  private final ExampleEtcd etcd;

  SeedTutorialTest(ExampleEtcd etcd) {
    this.etcd = etcd;
  }

  @Test
  void tutorialWritesReadsAndErasesTheCollection() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    EtcdSettings settings = etcd.settings();
    try (EtcdMiddleware client = new EtcdMiddleware(settings);
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      SeedTutorial.run(client, out);
    }
    assertEquals(
        """
        wrote /collection/subcollection/1 = item1
        wrote /collection/subcollection/2 = item2
        read /collection = {subcollection=[item1, item2]}
        erased /collection: still there? false
        """,
        bytes.toString(StandardCharsets.UTF_8));
  }
}
