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
final class TreeDslExampleTest {
  private final ExampleEtcd etcd;

  TreeDslExampleTest(ExampleEtcd etcd) {
    this.etcd = etcd;
  }

  @Test
  void replacesMergesBuildsAndErasesTheCollection() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    EtcdSettings settings = etcd.settings();
    try (EtcdMiddleware client = new EtcdMiddleware(settings);
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      TreeDslExample.run(client, out);
    }
    assertEquals(
        """
        before: /collection = {old=from an earlier run}
        replaced /collection = {leaf=value, subcollection=[item1, item2]}
        merged /collection = {answer=42, leaf=value, lease={holder=worker-1}, session=abc, subcollection=[item1, \
        item2]}
        /collection/session expires: true
        /collection/lease expires: true
        built without writing: {subcollection=[item1, item2], leaf=value}
        erased /collection: still there? false
        """,
        bytes.toString(StandardCharsets.UTF_8));
  }
}
