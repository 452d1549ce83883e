package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import link.etcd.internal.http.ErrorDecoder;
import link.etcd.internal.http.ServerVersion;
import link.etcd.internal.v2.ErrorJsonAdapter;
import link.etcd.internal.v2.KeysErrors;
import link.etcd.internal.v2.V2Errors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.ResponseBody;
import retrofit2.Response;

/**
 * Properties of the response decoder over generated bodies and status codes: every answer becomes a
 * result or an {@link EtcdException}, and no other exception escapes; a well-formed answer is
 * accepted with what it says, and a well-formed etcd error is mapped by its {@code errorCode}.
 */
class ResponseDecodingPropertiesTest {
  private static final ErrorDecoder SHARED =
      new ErrorDecoder(
          "http://127.0.0.1:2379",
          true,
          new ServerVersion(new okhttp3.OkHttpClient(), new Moshi.Builder().build()),
          null);
  private static final KeysErrors DECODER = new KeysErrors(ErrorJsonAdapter.INSTANCE, "/v2");
  private static final MockResponse NO_VERSION =
      new MockResponse.Builder().code(404).body("404 page not found\n").build();

  /**
   * The answers to reads of keys, one per try; GET /version (asked after a 404 that is not JSON)
   * has its own.
   */
  private static final BlockingQueue<MockResponse> keyAnswers = new LinkedBlockingQueue<>();

  private static MockWebServer server;
  private static EtcdClient client;

  @BeforeContainer
  static void start() throws IOException {
    server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            return request.getUrl().encodedPath().equals("/version")
                ? NO_VERSION
                : keyAnswers.take();
          }
        });
    server.start();
    client =
        new EtcdClient(
            EtcdSettings.builder().host(server.getHostName()).port(server.getPort()).build());
  }

  @AfterContainer
  static void stop() {
    client.close();
    server.close();
  }

  @Property(tries = 5000)
  void everyErrorAnswerBecomesAnEtcdException(
      @ForAll("bodies") String body,
      @ForAll @IntRange(min = 300, max = 599) int status,
      @ForAll("methods") String method) {
    Request request =
        new Request.Builder()
            .url("http://127.0.0.1:2379/v2/keys/a")
            .method(
                method, method.equals("GET") ? null : okhttp3.RequestBody.create(new byte[0], null))
            .build();
    okhttp3.Response raw =
        new okhttp3.Response.Builder()
            .request(request)
            .protocol(Protocol.HTTP_1_1)
            .code(status)
            .message("x")
            .build();
    Response<Object> response =
        Response.error(ResponseBody.create(body, MediaType.get("application/json")), raw);
    assertNotNull(DECODER.httpError(response, SHARED).getMessage());
  }

  @Property(tries = 600)
  void everyAnswerToAReadIsAResultOrAnEtcdException(
      @ForAll("bodies") String body, @ForAll @IntRange(min = 200, max = 599) int status)
      throws Exception {
    keyAnswers.add(
        new MockResponse.Builder()
            .code(status)
            .addHeader("Content-Type", "application/json")
            .addHeader("X-Etcd-Index", "7")
            .body(body)
            .build());
    try {
      assertNotNull(client.read("/a").node());
    } catch (EtcdException expected) {
      assertNotNull(expected.getMessage());
    } finally {
      keyAnswers.clear();
    }
  }

  @Property(tries = 200)
  void everyWellFormedAnswerToAReadIsAccepted(
      @ForAll("keys") String key,
      @ForAll("values") String value,
      @ForAll @IntRange(min = 1, max = 1_000_000) int modifiedIndex) {
    keyAnswers.add(
        new MockResponse.Builder()
            .addHeader("Content-Type", "application/json")
            .addHeader("X-Etcd-Index", String.valueOf(modifiedIndex))
            .body(
                "{\"action\":\"get\",\"node\":{\"key\":"
                    + quote(key)
                    + ",\"value\":"
                    + quote(value)
                    + ",\"modifiedIndex\":"
                    + modifiedIndex
                    + ",\"createdIndex\":1}}")
            .build());
    try {
      EtcdResponse response = client.read(key);
      assertEquals(key, response.node().key());
      assertEquals(value, response.node().value());
      assertEquals(modifiedIndex, response.node().modifiedIndex());
      assertEquals(modifiedIndex, response.etcdIndex());
    } finally {
      keyAnswers.clear();
    }
  }

  @Property(tries = 1000)
  void everyWellFormedEtcdErrorIsMappedByItsCode(
      @ForAll("errorCodes") int errorCode,
      @ForAll("values") String cause,
      @ForAll @IntRange(min = 400, max = 599) int status) {
    Request request = new Request.Builder().url("http://127.0.0.1:2379/v2/keys/a").build();
    okhttp3.Response raw =
        new okhttp3.Response.Builder()
            .request(request)
            .protocol(Protocol.HTTP_1_1)
            .code(status)
            .message("x")
            .build();
    String body =
        "{\"errorCode\":"
            + errorCode
            + ",\"message\":\"m\",\"cause\":"
            + quote(cause)
            + ",\"index\":3}";
    Response<Object> response =
        Response.error(ResponseBody.create(body, MediaType.get("application/json")), raw);
    EtcdException e = DECODER.httpError(response, SHARED);
    assertEquals(V2Errors.errorOf(errorCode, cause), e.error(), e.getMessage());
    assertEquals(3, e.index(), e.getMessage());
  }

  @Provide
  Arbitrary<Integer> errorCodes() {
    return Arbitraries.of(100, 101, 102, 104, 105, 107, 108, 110, 200, 209, 300, 301, 400, 401);
  }

  @Provide
  Arbitrary<String> keys() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .ofMinLength(1)
        .ofMaxLength(10)
        .list()
        .ofMinSize(1)
        .ofMaxSize(4)
        .map(segments -> "/" + String.join("/", segments));
  }

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.strings()
        .all()
        .ofMaxLength(40)
        .filter(text -> StandardCharsets.UTF_8.newEncoder().canEncode(text));
  }

  @Provide
  Arbitrary<String> methods() {
    return Arbitraries.of("GET", "PUT", "POST", "DELETE");
  }

  @Provide
  Arbitrary<String> bodies() {
    Arbitrary<String> object = objects();
    return Arbitraries.oneOf(
        object,
        object.map(node -> "{\"action\":\"get\",\"node\":" + node + "}"),
        Combinators.combine(object, Arbitraries.integers().between(0, 100))
            .as((text, cut) -> text.substring(0, Math.min(cut, text.length()))),
        Arbitraries.strings().all().ofMaxLength(80),
        Arbitraries.of("", " ", "null", "[]", "{", "}", "\"x\"", "404 page not found\n"));
  }

  private static Arbitrary<String> objects() {
    Arbitrary<String> names =
        Arbitraries.of(
            "errorCode",
            "message",
            "cause",
            "index",
            "action",
            "node",
            "prevNode",
            "key",
            "value",
            "dir",
            "nodes",
            "createdIndex",
            "modifiedIndex",
            "ttl",
            "expiration",
            "health");
    Arbitrary<String> scalars =
        Arbitraries.oneOf(
            Arbitraries.integers().map(String::valueOf),
            Arbitraries.longs().map(String::valueOf),
            Arbitraries.doubles().map(String::valueOf),
            Arbitraries.strings().all().ofMaxLength(20).map(ResponseDecodingPropertiesTest::quote),
            Arbitraries.of(
                "null",
                "true",
                "false",
                "1e400",
                "-0",
                "\"\"",
                "{}",
                "[]",
                "[{}]",
                "\"2026-13-45T99\"",
                "{\"key\":\"/a/b\",\"value\":\"v\"}",
                "[{\"key\":1}]"));
    Arbitrary<String> fields =
        Combinators.combine(names, scalars).as((name, value) -> quote(name) + ":" + value);
    return fields.list().ofMaxSize(7).map(list -> "{" + String.join(",", list) + "}");
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
