package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import link.etcd.EtcdSettings;
import link.etcd.middleware.EtcdMiddleware;
import link.etcd.testing.EtcdExtension;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EtcdExtension.class)                   // one real etcd for the whole test run
class AppTest {
  @Test
  void runWritesAndReadsBack(EtcdProcess etcd) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    App.run(etcd.host() + ":" + etcd.clientPort(), new PrintStream(out, true, StandardCharsets.UTF_8));

    assertEquals("""
        tree: {subcollection=[item1, item2]}
        config: world on 9090
        record: Service[host=api.example, port=8443, tags=[blue]]
        """, out.toString(StandardCharsets.UTF_8));
    EtcdSettings settings =
        EtcdSettings.builder().api(EtcdSettings.Api.V3).host(etcd.host()).port(etcd.clientPort()).build();
    try (EtcdMiddleware check = new EtcdMiddleware(settings)) {
      assertEquals(Map.of("subcollection", List.of("item1", "item2"), "answer", "42"), check.get("/collection"));
      assertEquals("9090", check.get("/myapp/app.conf/HTTP/port"));
    }
  }
}
