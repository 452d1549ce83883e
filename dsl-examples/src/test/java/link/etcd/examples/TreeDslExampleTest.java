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
final class TreeDslExampleTest {
  @Test
  void replacesMergesBuildsAndErasesTheCollection(EtcdProcess etcd) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    EtcdSettings settings = EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort()).build();
    try (EtcdMiddleware client = new EtcdMiddleware(settings);
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      TreeDslExample.run(client, out);
    }
    assertEquals("""
        before: /collection = {old=from an earlier run}
        replaced /collection = {leaf=value, subcollection=[item1, item2]}
        merged /collection = {answer=42, leaf=value, lease={holder=worker-1}, session=abc, subcollection=[item1, \
        item2]}
        /collection/session expires: true
        /collection/lease expires: true
        built without writing: {subcollection=[item1, item2], leaf=value}
        erased /collection: still there? false
        """, bytes.toString(StandardCharsets.UTF_8));
  }
}
