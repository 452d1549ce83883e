package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;
import link.etcd.testing.EtcdProcess;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code protocol = https} against a real etcd started with {@code --cert-file}, {@code
 * --key-file}, {@code --trusted-ca-file} and {@code --client-cert-auth}; the CA and certificates
 * are made here.
 */
final class TlsEtcdTest {
  @TempDir static Path dir;

  private static HeldCertificate ca;
  private static HeldCertificate otherCa;
  private static HeldCertificate client;
  private static EtcdProcess etcd;

  @BeforeAll
  static void startEtcdWithTls() throws IOException {
    ca =
        new HeldCertificate.Builder()
            .commonName("link-etcd test CA")
            .certificateAuthority(0)
            .build();
    otherCa =
        new HeldCertificate.Builder().commonName("another CA").certificateAuthority(0).build();
    HeldCertificate server =
        new HeldCertificate.Builder()
            .commonName("etcd")
            .addSubjectAlternativeName("127.0.0.1")
            .signedBy(ca)
            .build();
    client = new HeldCertificate.Builder().commonName("client").signedBy(ca).build();
    write("ca.pem", ca.certificatePem());
    write("commented-ca.pem", "# CA de l'équipe — café ☕\n" + ca.certificatePem());
    write(
        "garbage.pem",
        "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
    write("other-ca.pem", otherCa.certificatePem());
    write("server.pem", server.certificatePem());
    write("server-key.pem", server.privateKeyPkcs8Pem());
    write("client.pem", client.certificatePem());
    write("client-key.pem", client.privateKeyPkcs8Pem());
    write("client-combined.pem", client.certificatePem() + client.privateKeyPkcs8Pem());
    HeldCertificate rsaClient =
        new HeldCertificate.Builder().commonName("rsa").rsa2048().signedBy(ca).build();
    write("rsa-client.pem", rsaClient.certificatePem());
    write("client-pkcs1-key.pem", rsaClient.privateKeyPkcs1Pem());
    HandshakeCertificates healthCheck =
        new HandshakeCertificates.Builder()
            .addTrustedCertificate(ca.certificate())
            .heldCertificate(client)
            .build();
    etcd =
        EtcdProcess.start(
            new EtcdProcess.Tls(
                dir.resolve("server.pem"),
                dir.resolve("server-key.pem"),
                dir.resolve("ca.pem"),
                healthCheck.sslContext()));
  }

  @AfterAll
  static void stop() {
    if (etcd != null) {
      etcd.close();
    }
  }

  private static void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text);
  }

  private static String file(String name) {
    return dir.resolve(name).toString();
  }

  private static EtcdSettings.Builder https() {
    return EtcdSettings.builder().protocol("https").host(etcd.host()).port(etcd.clientPort());
  }

  @Test
  void caCertAndCertKeyPairReadAndWrite() {
    try (EtcdClient tls =
        new EtcdClient(
            https()
                .caCert(file("ca.pem"))
                .cert(file("client.pem") + "," + file("client-key.pem"))
                .build())) {
      tls.write("/tls/pair", "secret value");
      assertEquals("secret value", tls.read("/tls/pair").node().value());
    }
  }

  @Test
  void combinedPemFileWorksToo() {
    try (EtcdClient tls =
        new EtcdClient(https().caCert(file("ca.pem")).cert(file("client-combined.pem")).build())) {
      tls.write("/tls/combined", "v");
      assertEquals("v", tls.read("/tls/combined").node().value());
    }
  }

  @Test
  void aCaCertWithAUtf8CommentIsRead() {
    try (EtcdClient tls =
        new EtcdClient(
            https().caCert(file("commented-ca.pem")).cert(file("client-combined.pem")).build())) {
      tls.write("/tls/commented", "v");
      assertEquals("v", tls.read("/tls/commented").node().value());
    }
  }

  @Test
  void withoutCaCertTheJvmTrustStoreRefusesEtcdsCertificate() {
    try (EtcdClient tls = new EtcdClient(https().cert(file("client-combined.pem")).build())) {
      EtcdConnectionException e = assertThrows(EtcdConnectionException.class, () -> tls.read("/"));
      assertInstanceOf(SSLException.class, e.getCause());
      assertTrue(
          e.getMessage()
              .startsWith(
                  "The TLS handshake with etcd at https://127.0.0.1:"
                      + etcd.clientPort()
                      + " failed for GET /v2/keys/: "),
          e.getMessage());
      assertTrue(
          e.getMessage()
              .endsWith(
                  "; check ca_cert (the CA that signed etcd's certificate), that etcd's"
                      + " certificate names the host you connect to, and cert (the client certificate etcd may require)"),
          e.getMessage());
    }
  }

  @Test
  void onlyTheConfiguredCaIsTrusted() {
    try (EtcdClient tls =
        new EtcdClient(
            https().caCert(file("other-ca.pem")).cert(file("client-combined.pem")).build())) {
      EtcdConnectionException e = assertThrows(EtcdConnectionException.class, () -> tls.read("/"));
      assertInstanceOf(SSLException.class, e.getCause());
    }
  }

  @Test
  void hostnameIsVerified() {
    try (EtcdClient tls =
        new EtcdClient(
            https()
                .host("localhost")
                .caCert(file("ca.pem"))
                .cert(file("client-combined.pem"))
                .build())) {
      EtcdConnectionException e = assertThrows(EtcdConnectionException.class, () -> tls.read("/"));
      assertTrue(
          e.getMessage().startsWith("The TLS handshake with etcd at https://localhost:"),
          e.getMessage());
    }
  }

  @Test
  void withoutClientCertificateEtcdRefusesTheConnection() {
    try (EtcdClient tls = new EtcdClient(https().caCert(file("ca.pem")).build())) {
      assertThrows(EtcdConnectionException.class, () -> tls.write("/tls/anonymous", "v"));
    }
  }

  @Test
  void badCertOptionsAreClearErrors() {
    IllegalArgumentException pkcs1 =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new EtcdClient(
                    https()
                        .caCert(file("ca.pem"))
                        .cert(file("rsa-client.pem") + "," + file("client-pkcs1-key.pem"))
                        .build()));
    assertEquals(
        "cert "
            + file("client-pkcs1-key.pem")
            + " holds a PKCS#1 or SEC1 key; convert it to PKCS#8"
            + " ('BEGIN PRIVATE KEY') with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem",
        pkcs1.getMessage());
    IllegalArgumentException noKey =
        assertThrows(
            IllegalArgumentException.class,
            () -> new EtcdClient(https().caCert(file("ca.pem")).cert(file("client.pem")).build()));
    assertEquals(
        "cert "
            + file("client.pem")
            + " must hold a PEM CERTIFICATE and exactly one PEM PRIVATE KEY"
            + " (PKCS#8), but holds 1 certificate(s) and 0 key(s)",
        noKey.getMessage());
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> new EtcdClient(https().caCert(file("nope.pem")).build()));
    assertTrue(
        missing.getMessage().startsWith("Cannot read ca_cert " + file("nope.pem") + ": "),
        missing.getMessage());
    IllegalArgumentException garbage =
        assertThrows(
            IllegalArgumentException.class,
            () -> new EtcdClient(https().caCert(file("garbage.pem")).build()));
    assertTrue(
        garbage
            .getMessage()
            .startsWith(
                "ca_cert "
                    + file("garbage.pem")
                    + ": PEM CERTIFICATE block 1 is not a"
                    + " certificate ("),
        garbage.getMessage());
    assertTrue(
        garbage.getMessage().endsWith("); check that the file is the PEM certificate itself"),
        garbage.getMessage());
    IllegalArgumentException http =
        assertThrows(
            IllegalArgumentException.class,
            () -> EtcdSettings.builder().caCert(file("ca.pem")).build());
    assertEquals("cert and ca_cert need protocol https, but protocol is http", http.getMessage());
  }
}
