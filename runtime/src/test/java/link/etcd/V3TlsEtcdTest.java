package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;
import link.etcd.testing.EtcdBinary;
import link.etcd.testing.EtcdProcess;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The v3 client over TLS with a client certificate, against etcd 3.5 serving only the v3 API: the
 * same {@code protocol}, {@code ca_cert} and {@code cert} settings as on v2, or an {@code https://}
 * endpoint URL.
 */
final class V3TlsEtcdTest {
  @TempDir static Path dir;

  private static EtcdProcess etcd;

  @BeforeAll
  static void startEtcdWithTls() throws IOException {
    HeldCertificate ca =
        new HeldCertificate.Builder()
            .commonName("link-etcd test CA")
            .certificateAuthority(0)
            .build();
    HeldCertificate server =
        new HeldCertificate.Builder()
            .commonName("etcd")
            .addSubjectAlternativeName("127.0.0.1")
            .signedBy(ca)
            .build();
    HeldCertificate client =
        new HeldCertificate.Builder().commonName("client").signedBy(ca).build();
    Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
    Files.writeString(dir.resolve("server.pem"), server.certificatePem());
    Files.writeString(dir.resolve("server-key.pem"), server.privateKeyPkcs8Pem());
    Files.writeString(
        dir.resolve("client.pem"), client.certificatePem() + client.privateKeyPkcs8Pem());
    HandshakeCertificates healthCheck =
        new HandshakeCertificates.Builder()
            .addTrustedCertificate(ca.certificate())
            .heldCertificate(client)
            .build();
    etcd =
        EtcdProcess.builder()
            .binary(EtcdBinary.V3_5)
            .v2(false)
            .tls(
                new EtcdProcess.Tls(
                    dir.resolve("server.pem"),
                    dir.resolve("server-key.pem"),
                    dir.resolve("ca.pem"),
                    healthCheck.sslContext()))
            .start();
  }

  @AfterAll
  static void stop() {
    if (etcd != null) {
      etcd.close();
    }
  }

  @Test
  void anHttpsEndpointUrlWithCaCertAndClientCertWritesAndReads() {
    EtcdSettings settings =
        EtcdSettings.builder()
            .api(EtcdSettings.Api.V3)
            .host(etcd.clientUrl())
            .caCert(dir.resolve("ca.pem").toString())
            .cert(dir.resolve("client.pem").toString())
            .build();
    assertEquals("https", settings.protocol());
    try (EtcdV3Client tls = new EtcdV3Client(settings)) {
      tls.put("/tls/a", "secret value");
      assertEquals("secret value", tls.range("/tls/a").kvs().get(0).value());
      assertTrue(tls.status().version().startsWith("3.5."));
    }
  }

  @Test
  void withoutTheClientCertificateEtcdRefusesTheConnection() {
    try (EtcdV3Client tls =
        new EtcdV3Client(
            EtcdSettings.builder()
                .api(EtcdSettings.Api.V3)
                .protocol("https")
                .host(etcd.host())
                .port(etcd.clientPort())
                .caCert(dir.resolve("ca.pem").toString())
                .build())) {
      // With TLS 1.3 etcd refuses after the handshake: the read fails with a TLS alert or a broken
      // pipe.
      EtcdConnectionException e =
          assertThrows(EtcdConnectionException.class, () -> tls.range("/tls/a"));
      assertEquals(EtcdError.CONNECTION, e.error());
      assertTrue(
          e.getMessage()
                  .contains(
                      "etcd at https://127.0.0.1:"
                          + etcd.clientPort()
                          + " for POST /etcdserverpb.KV/Range"
                          + ": ")
              || e.getMessage()
                  .contains(
                      "with etcd at https://127.0.0.1:"
                          + etcd.clientPort()
                          + " failed for POST /etcdserverpb.KV/Range: "),
          e.getMessage());
    }
  }

  @Test
  void withoutCaCertTheJvmTrustStoreRefusesEtcdsCertificate() {
    try (EtcdV3Client tls =
        new EtcdV3Client(
            EtcdSettings.builder()
                .api(EtcdSettings.Api.V3)
                .host(etcd.clientUrl())
                .cert(dir.resolve("client.pem").toString())
                .build())) {
      EtcdConnectionException e =
          assertThrows(EtcdConnectionException.class, () -> tls.range("/tls/a"));
      assertInstanceOf(SSLException.class, e.getCause());
      assertTrue(
          e.getMessage()
              .startsWith(
                  "The TLS handshake with etcd at https://127.0.0.1:"
                      + etcd.clientPort()
                      + " failed for POST /etcdserverpb.KV/Range: "),
          e.getMessage());
    }
  }
}
