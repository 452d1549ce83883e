package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import link.etcd.conf.IniConfDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration mistakes that would pass in silence are named in the connection error: a section
 * named {@code [ETCD]} but for case or a typo, a {@code middleware.conf} outside {@code
 * link/etcd/}, no option taken from any file. Each test lays out the three directories {@code
 * EtcdSettings.load()} searches ({@code /etc}, {@code ~/.config}, {@code $B3J0F_CONF_DIR}) under a
 * temporary folder, and pins the whole message.
 */
final class SettingsFilesNoteTest {
  @TempDir Path temp;

  @Test
  void anEtcdSectionInLowerCaseIsNamedInTheConnectionError() throws IOException {
    write("conf/link/etcd/middleware.conf", "[etcd]\nhost = 127.0.0.1\nport = 2379\n");
    EtcdSettings settings = EtcdSettings.load(driver());
    assertEquals(EtcdSettings.defaults(), settings);

    try (EtcdClient client = new EtcdClient(settings)) {
      EtcdConnectionException e =
          assertThrows(EtcdConnectionException.class, () -> client.read("/a"));
      assertInstanceOf(ConnectException.class, e.getCause());
      assertEquals(
          "Cannot talk to etcd at http://localhost:4001 for GET /v2/keys/a: "
              + e.getCause()
              + "; is etcd running there? etcd 3 listens on port 2379 by default (4001 was etcd 2's):"
              + " set port = 2379\n"
              + "No middleware.conf gave any option, so these settings are the defaults. What was"
              + " read:\n"
              + temp.resolve("etc/link/etcd/middleware.conf")
              + ": does not exist\n"
              + temp.resolve("home/.config/link/etcd/middleware.conf")
              + ": does not exist\n"
              + temp.resolve("conf/link/etcd/middleware.conf")
              + ": section [etcd] ignored (2 options): the section is [ETCD], in capitals",
          e.getMessage());
    }
  }

  @Test
  void aTypoedSectionBesideAGoodFileIsNamedInTheConnectionErrorOnV3() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    write("etc/link/etcd/middleware.conf", "[ETCD]\nhost = 127.0.0.1\nport = " + port + "\n");
    write("conf/link/etcd/middleware.conf", "[ETDC]\napi = v3\n");
    EtcdSettings settings = EtcdSettings.load(driver());
    assertEquals(EtcdSettings.Api.V2, settings.api());

    try (EtcdClient client = new EtcdClient(settings)) {
      EtcdConnectionException e =
          assertThrows(EtcdConnectionException.class, () -> client.read("/a"));
      assertEquals(
          "Cannot talk to etcd at http://127.0.0.1:"
              + port
              + " for GET /v2/keys/a: "
              + e.getCause()
              + "; is etcd running there?\n"
              + "Part of the middleware.conf files was ignored. What was read:\n"
              + temp.resolve("etc/link/etcd/middleware.conf")
              + ": 2 options from [ETCD]\n"
              + temp.resolve("home/.config/link/etcd/middleware.conf")
              + ": does not exist\n"
              + temp.resolve("conf/link/etcd/middleware.conf")
              + ": section [ETDC] ignored (1 option): the section is [ETCD]",
          e.getMessage());
    }
  }

  @Test
  void aMiddlewareConfRightInTheConfDirIsNamed() throws IOException {
    write("conf/middleware.conf", "[ETCD]\nport = 2379\n");
    write("home/.config/link/etcd/middleware.conf", "# nothing set yet\n[OTHER]\nx = 1\n");

    assertEquals(
        "No middleware.conf gave any option, so these settings are the defaults. What was read:\n"
            + temp.resolve("etc/link/etcd/middleware.conf")
            + ": does not exist\n"
            + temp.resolve("home/.config/link/etcd/middleware.conf")
            + ": no [ETCD] section\n"
            + temp.resolve("conf/link/etcd/middleware.conf")
            + ": does not exist\n"
            + temp.resolve("conf/middleware.conf")
            + ": not read; move it to "
            + temp.resolve("conf/link/etcd/middleware.conf"),
        EtcdSettings.load(driver()).filesNote());
  }

  @Test
  void optionsTakenWithNothingIgnoredAddNoNote() throws IOException {
    write("etc/link/etcd/middleware.conf", "[ETCD]\nport = 2379\n\n[HTTP]\nport = 8080\n");

    EtcdSettings settings = EtcdSettings.load(driver());
    assertEquals(2379, settings.port());
    assertNull(settings.filesNote());
    assertNull(settings.newBuilder().build().filesNote());
  }

  @Test
  void aSectionLooksLikeEtcdInAnyCaseOrOneLetterAway() {
    for (String name : List.of("ETCD", "etcd", "Etcd", "ETDC", "ECTD", "ETC", "ETCDD", "ETXD")) {
      assertTrue(SettingsFilesNote.looksLikeEtcd(name), name);
    }
    for (String name : List.of("HTTP", "TEST", "ET", "ETCD_V3", "DCTE", "MYCONF", "")) {
      assertFalse(SettingsFilesNote.looksLikeEtcd(name), name);
    }
  }

  private IniConfDriver driver() {
    return new IniConfDriver(
        List.of(temp.resolve("etc"), temp.resolve("home/.config"), temp.resolve("conf")));
  }

  private void write(String path, String text) throws IOException {
    Path file = temp.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
