package link.etcd.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EtcdExtension.class)
class EtcdExtensionTest {

  private static EtcdProcess fromBeforeAll;

  private final EtcdProcess fromConstructor;

  EtcdExtensionTest(EtcdProcess etcd) {
    this.fromConstructor = etcd;
  }

  @BeforeAll
  static void rememberServer(EtcdProcess etcd) {
    fromBeforeAll = etcd;
  }

  @Test
  void injectsOneRunningServerEverywhere(EtcdProcess etcd) throws Exception {
    assertSame(fromBeforeAll, etcd);
    assertSame(fromConstructor, etcd);
    assertTrue(ProcessHandle.of(etcd.pid()).map(ProcessHandle::isAlive).orElse(false));
    assertEquals(200, EtcdHttp.get(etcd, "/v2/keys/").statusCode());
  }

  @Nested
  class NestedTests {

    @Test
    void shareTheSameServer(EtcdProcess etcd) {
      assertSame(fromConstructor, etcd);
    }
  }
}
