package link.etcd.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.EtcdV3Client;
import link.etcd.EtcdV3Types.RangeOptions;
import link.etcd.Target;
import link.etcd.internal.http.Resend;
import link.etcd.internal.v3.EtcdMethods;
import link.etcd.internal.v3.GrpcChannel;
import link.etcd.internal.v3.pb.PutRequest;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keys and values that are not UTF-8 (written by other tools) are refused where they are read,
 * naming the key with the bytes that are not UTF-8 escaped as {@code \xff}: never changed to
 * U+FFFD, never two keys read as one, never a replacing write that leaves them behind.
 */
@ParameterizedClass
@MethodSource("link.etcd.Target#v3Targets")
final class V3NonUtf8Test {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final Target target;
  private EtcdMiddleware client;
  private EtcdV3Client raw;
  private String base;

  V3NonUtf8Test(Target target) {
    this.target = target;
  }

  @BeforeEach
  void open(TestInfo info) {
    client = new EtcdMiddleware(target.settings());
    raw = new EtcdV3Client(target.settings());
    base = "/nu-" + info.getTestMethod().orElseThrow().getName() + "-" + COUNTER.incrementAndGet();
  }

  @AfterEach
  void close() {
    client.close();
    raw.close();
  }

  /** Puts raw bytes, as a tool that does not write UTF-8 would (a gRPC put of its own). */
  private void putBytes(byte[] key, byte[] value) throws IOException {
    OkHttpClient http = GrpcChannel.http2(new OkHttpClient.Builder(), false, Duration.ZERO).build();
    try {
      new GrpcChannel(
              http,
              HttpUrl.get("http://" + target.settings().host() + ":" + target.settings().port()))
          .unary(
              EtcdMethods.PUT,
              new PutRequest.Builder().key(ByteString.of(key)).value(ByteString.of(value)).build(),
              Duration.ofSeconds(10),
              Resend.NEVER);
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  private static byte[] bytes(String text, int... more) {
    byte[] head = text.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + more.length];
    System.arraycopy(head, 0, all, 0, head.length);
    for (int i = 0; i < more.length; i++) {
      all[head.length + i] = (byte) more[i];
    }
    return all;
  }

  private long countUnder(String dir) {
    return raw.range(
            dir + "/",
            RangeOptions.defaults()
                .withRangeEnd(EtcdV3Client.prefixEnd(dir + "/"))
                .withCountOnly(true))
        .count();
  }

  @Test
  void aValueThatIsNotUtf8IsRefusedNamingItsKey() throws Exception {
    putBytes(bytes(base + "/v"), new byte[] {(byte) 0xff, (byte) 0xfe});
    String message =
        "etcd holds a value at "
            + base
            + "/v that is not UTF-8 text (2 bytes); link-etcd reads keys and values as UTF-8 text"
            + " and refuses to change them: write that value again as text (binary data as"
            + " base64) with the tool that wrote it";
    for (Runnable read :
        new Runnable[] {
          () -> client.get(base + "/v"), () -> client.get(base), () -> raw.range(base + "/v")
        }) {
      EtcdException e = assertThrows(EtcdException.class, read::run);
      assertEquals(EtcdError.UNSUPPORTED, e.error());
      assertEquals(message, e.getMessage());
    }
  }

  @Test
  void keysThatAreNotUtf8AreRefusedNotMergedAndNotLeftBehind() throws Exception {
    putBytes(bytes(base + "/j/k", 0xff), bytes("1"));
    putBytes(bytes(base + "/j/k", 0xfe), bytes("2"));
    String message =
        "etcd holds the key '"
            + base
            + "/j/k\\xfe', which is not UTF-8 text (\\xNN marks each byte that is not);"
            + " link-etcd reads keys and values as UTF-8 text and refuses to change them: delete"
            + " or rename that key with the tool that wrote it";
    EtcdException read = assertThrows(EtcdException.class, () -> client.get(base + "/j"));
    assertEquals(EtcdError.UNSUPPORTED, read.error());
    assertEquals(message, read.getMessage());
    EtcdException write =
        assertThrows(EtcdException.class, () -> client.set(base + "/j", Map.of("new", "1")));
    assertEquals(message, write.getMessage());
    assertEquals(2, countUnder(base + "/j"), "the refused write changed nothing");
  }
}
