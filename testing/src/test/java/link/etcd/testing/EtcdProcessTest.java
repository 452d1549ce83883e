package link.etcd.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcdProcessTest {

  private static final String INSTALL_MESSAGE =
      "etcd not found (looked at $ETCD_BIN and PATH); "
          + "install Debian's etcd-server (apt-get install -y etcd-server) or set ETCD_BIN";

  @Test
  void servesHealthAndTheV2KeysApi() throws Exception {
    try (EtcdProcess etcd = EtcdProcess.start()) {
      assertEquals("127.0.0.1", etcd.host());
      assertEquals("http://127.0.0.1:" + etcd.clientPort(), etcd.clientUrl());

      HttpResponse<String> health = EtcdHttp.get(etcd, "/health");
      assertEquals(200, health.statusCode());
      assertTrue(health.body().contains("\"health\":\"true\""), health.body());

      HttpResponse<String> put = EtcdHttp.putValue(etcd, "greeting", "hello");
      assertEquals(201, put.statusCode(), put.body());
      HttpResponse<String> get = EtcdHttp.get(etcd, "/v2/keys/greeting");
      assertEquals(200, get.statusCode());
      assertTrue(get.body().contains("\"value\":\"hello\""), get.body());
    }
  }

  @Test
  void closeStopsTheProcessAndDeletesTheTemporaryDataDir() {
    EtcdProcess etcd = EtcdProcess.start();
    long pid = etcd.pid();
    Path dataDir = etcd.dataDir();
    assertTrue(isAlive(pid));
    assertTrue(Files.isDirectory(dataDir));

    etcd.close();

    assertFalse(isAlive(pid));
    assertFalse(Files.exists(dataDir));
    etcd.close();
  }

  @Test
  void concurrentInstancesGetDifferentPorts() throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(2);
    try {
      Future<EtcdProcess> first = executor.submit(() -> EtcdProcess.start());
      Future<EtcdProcess> second = executor.submit(() -> EtcdProcess.start());
      try (EtcdProcess a = first.get();
          EtcdProcess b = second.get()) {
        assertNotEquals(a.clientPort(), b.clientPort());
        assertNotEquals(a.pid(), b.pid());
        assertEquals(200, EtcdHttp.get(a, "/health").statusCode());
        assertEquals(200, EtcdHttp.get(b, "/health").statusCode());
      }
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void givenDataDirIsKeptAndReusedAcrossRestarts(@TempDir Path dir) throws Exception {
    Path dataDir = dir.resolve("etcd-data");
    try (EtcdProcess etcd = EtcdProcess.start(dataDir)) {
      assertEquals(201, EtcdHttp.putValue(etcd, "kept", "yes").statusCode());
    }
    assertTrue(Files.isDirectory(dataDir));

    try (EtcdProcess etcd = EtcdProcess.start(dataDir)) {
      HttpResponse<String> get = EtcdHttp.get(etcd, "/v2/keys/kept");
      assertEquals(200, get.statusCode());
      assertTrue(get.body().contains("\"value\":\"yes\""), get.body());
    }
  }

  @Test
  void failingStartReportsEtcdsLog(@TempDir Path dir) throws IOException {
    Path notADirectory = Files.writeString(dir.resolve("file"), "not a data dir");

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> EtcdProcess.start(notADirectory));

    assertTrue(e.getMessage().startsWith("etcd exited with code"), e.getMessage());
    assertTrue(e.getMessage().contains(notADirectory.toString()), e.getMessage());
  }

  @Test
  void missingEtcdBinGivesInstallInstructions() {
    Map<String, String> env = Map.of("ETCD_BIN", "/nonexistent/etcd", "PATH", "/usr/bin:/bin");

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> EtcdProcess.findBinary(env));

    assertTrue(e.getMessage().startsWith(INSTALL_MESSAGE), e.getMessage());
    assertTrue(e.getMessage().contains("/nonexistent/etcd"), e.getMessage());
  }

  @Test
  void etcdMissingFromPathGivesInstallInstructions(@TempDir Path emptyDir) {
    Map<String, String> env = Map.of("PATH", emptyDir.toString());

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> EtcdProcess.findBinary(env));

    assertTrue(e.getMessage().startsWith(INSTALL_MESSAGE), e.getMessage());
  }

  @Test
  void findsEtcdBinThenPath(@TempDir Path dir) throws IOException {
    Path onPath = executable(dir.resolve("path").resolve("etcd"));
    Path configured = executable(dir.resolve("configured-etcd"));
    String path = dir.resolve("elsewhere") + File.pathSeparator + onPath.getParent();

    assertEquals(onPath, EtcdProcess.findBinary(Map.of("PATH", path)));
    assertEquals(
        configured,
        EtcdProcess.findBinary(Map.of("ETCD_BIN", configured.toString(), "PATH", path)));
  }

  private static Path executable(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\n");
    assertTrue(file.toFile().setExecutable(true));
    return file;
  }

  private static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
