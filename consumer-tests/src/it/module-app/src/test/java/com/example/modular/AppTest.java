package com.example.modular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import link.etcd.EtcdSettings;
import link.etcd.testing.EtcdExtension;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EtcdExtension.class)                   // one real etcd for the whole test run
class AppTest {
  @Test
  void runsOnTheModulePath() {
    Module app = App.class.getModule();
    Module etcd = EtcdSettings.class.getModule();
    assertEquals("com.example.modular", app.getName());
    assertEquals("link.etcd", etcd.getName());
    assertFalse(etcd.getDescriptor().isAutomatic(), "link.etcd is a module of its own, not automatic");
    assertTrue(app.canRead(etcd));
    assertTrue(etcd.isExported("link.etcd.middleware"));
    assertFalse(etcd.isExported("link.etcd.internal.http"), "the engine stays inside");
  }

  @Test
  void putsAndGetsOnBothApis(EtcdProcess etcd) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    App.run(etcd.host() + ":" + etcd.clientPort(), new PrintStream(out, true, StandardCharsets.UTF_8));

    assertEquals("""
        V2 tree: {items=[a, b]}
        V2 record: Service[host=api.example, port=8443, tags=[blue]]
        V3 tree: {items=[a, b]}
        V3 record: Service[host=api.example, port=8443, tags=[blue]]
        client: put
        config: world on 9090
        """, out.toString(StandardCharsets.UTF_8));
  }
}
