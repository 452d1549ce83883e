package link.etcd.internal.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import link.etcd.EtcdSettings;
import okhttp3.OkHttpClient;
import okhttp3.tls.Certificates;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.jspecify.annotations.Nullable;

/**
 * The TLS side of {@code protocol = https}: which server certificates are trusted ({@code ca_cert}
 * only, when it is set; else the JVM's trust store) and which client certificate is presented
 * ({@code cert}: one PEM file holding the certificate and its PKCS#8 key, or {@code
 * cert.pem,key.pem}). Hostname verification stays on.
 */
public final class TlsSetup {
  private static final Pattern PEM_BLOCK =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----.*?-----END \\1-----", Pattern.DOTALL);

  private TlsSetup() {}

  static void apply(OkHttpClient.Builder builder, EtcdSettings settings) {
    HandshakeCertificates.Builder certificates = new HandshakeCertificates.Builder();
    String caCert = settings.caCert();
    if (caCert == null) {
      certificates.addPlatformTrustedCertificates();
    } else {
      List<String> blocks = blocks("ca_cert", caCert, "CERTIFICATE");
      if (blocks.isEmpty()) {
        throw new IllegalArgumentException("ca_cert " + caCert + " holds no PEM CERTIFICATE");
      }
      for (int i = 0; i < blocks.size(); i++) {
        certificates.addTrustedCertificate(decode("ca_cert", caCert, i, blocks.get(i)));
      }
    }
    String cert = settings.cert();
    if (cert != null) {
      clientCertificate(certificates, cert);
    }
    HandshakeCertificates handshake = certificates.build();
    builder.sslSocketFactory(handshake.sslSocketFactory(), handshake.trustManager());
  }

  private static void clientCertificate(HandshakeCertificates.Builder certificates, String cert) {
    String[] files = cert.split(",", -1);
    if (files.length > 2) {
      throw new IllegalArgumentException(
          "cert must be one PEM file, or 'cert.pem,key.pem', but was '" + cert + "'");
    }
    List<String> certs = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (String file : files) {
      certs.addAll(blocks("cert", file.strip(), "CERTIFICATE"));
      keys.addAll(blocks("cert", file.strip(), "PRIVATE KEY"));
      if (!blocks("cert", file.strip(), "RSA PRIVATE KEY").isEmpty()
          || !blocks("cert", file.strip(), "EC PRIVATE KEY").isEmpty()) {
        throw new IllegalArgumentException(
            "cert "
                + file.strip()
                + " holds a PKCS#1 or SEC1 key; convert it to"
                + " PKCS#8 ('BEGIN PRIVATE KEY') with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem");
      }
    }
    if (certs.isEmpty() || keys.size() != 1) {
      throw new IllegalArgumentException(
          "cert "
              + cert
              + " must hold a PEM CERTIFICATE and exactly one PEM"
              + " PRIVATE KEY (PKCS#8), but holds "
              + certs.size()
              + " certificate(s) and "
              + keys.size()
              + " key(s)");
    }
    HeldCertificate held;
    try {
      held = HeldCertificate.decode(certs.get(0) + "\n" + keys.get(0));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cert "
              + cert
              + ": its first CERTIFICATE and its PRIVATE KEY do not"
              + " decode as a certificate and its PKCS#8 key ("
              + rootCause(e)
              + ")",
          e);
    }
    X509Certificate[] intermediates = new X509Certificate[certs.size() - 1];
    for (int i = 1; i < certs.size(); i++) {
      intermediates[i - 1] = decode("cert", cert, i, certs.get(i));
    }
    certificates.heldCertificate(held, intermediates);
  }

  /**
   * Decodes the {@code index}th CERTIFICATE block of {@code option}'s file, or says which block is
   * bad and why.
   */
  private static X509Certificate decode(String option, String file, int index, String block) {
    try {
      return Certificates.decodeCertificatePem(block);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          option
              + " "
              + file
              + ": PEM CERTIFICATE block "
              + (index + 1)
              + " is not a certificate ("
              + rootCause(e)
              + "); check that the file is the PEM certificate itself",
          e);
    }
  }

  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static List<String> blocks(String option, String file, String type) {
    String text = read(option, file);
    List<String> result = new ArrayList<>();
    Matcher matcher = PEM_BLOCK.matcher(text);
    while (matcher.find()) {
      if (matcher.group(1).equals(type)) {
        result.add(matcher.group());
      }
    }
    return result;
  }

  private static String read(String option, @Nullable String file) {
    if (file == null || file.isEmpty()) {
      throw new IllegalArgumentException(option + " names an empty file path");
    }
    try {
      // PEM blocks are ASCII; Latin-1 reads every byte, so text around them (a UTF-8 comment) does
      // no harm.
      return Files.readString(Path.of(file), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read " + option + " " + file + ": " + e, e);
    }
  }
}
