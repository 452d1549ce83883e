package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.util.List;
import link.etcd.internal.v2.ErrorJsonAdapter;
import link.etcd.internal.v2.V2Json.ErrorJson;
import org.junit.jupiter.api.Test;

/**
 * {@link ErrorJsonAdapter} reads every body as Moshi's reflective adapter of {@link ErrorJson}
 * does: the same record, or a failure of the same class with the same message.
 */
final class ErrorJsonAdapterTest {
  private static final JsonAdapter<ErrorJson> REFLECTIVE =
      new Moshi.Builder().build().adapter(ErrorJson.class);

  @Test
  void readsWhatTheReflectiveAdapterReads() {
    List<String> bodies =
        List.of(
            "{\"errorCode\":100,\"message\":\"Key not found\",\"cause\":\"/a\",\"index\":7}",
            "{\"message\":\"Insufficient credentials\"}",
            "{}",
            "null",
            "{\"errorCode\":null,\"message\":null,\"cause\":null,\"index\":null}",
            "{\"errorCode\":\"104\",\"message\":5,\"cause\":1.5,\"index\":\"12\"}",
            "{\"other\":{\"a\":[1,{\"b\":null}]},\"errorCode\":102,\"more\":[true,false]}",
            "{\"errorCode\":100,\"errorCode\":101}",
            "{\"errorCode\":100.0}",
            "{\"errorCode\":100.5}",
            "{\"errorCode\":true}",
            "{\"message\":{\"nested\":1}}",
            "{\"index\":99999999999999999999}",
            "{\"errorCode\":100} trailing",
            "{\"errorCode\":100",
            "[]",
            "\"text\"");
    for (String body : bodies) {
      assertEquals(read(REFLECTIVE, body), read(ErrorJsonAdapter.INSTANCE, body), body);
    }
  }

  private static String read(JsonAdapter<ErrorJson> adapter, String body) {
    try {
      return String.valueOf(adapter.fromJson(body));
    } catch (Exception e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }
}
