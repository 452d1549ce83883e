package link.etcd.internal.v2;

import com.squareup.moshi.JsonDataException;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import retrofit2.Converter;
import retrofit2.Retrofit;

/**
 * Reads the answers of {@code /v2/keys} with {@link ResponseJsonDecoder}: trees of any depth, no
 * reflection.
 */
public final class KeysAnswers {
  /** Retrofit's converter of {@link ResponseJson} bodies. */
  public static final Converter.Factory CONVERTERS =
      new Converter.Factory() {
        @Override
        public @Nullable Converter<ResponseBody, ?> responseBodyConverter(
            Type type, Annotation[] annotations, Retrofit retrofit) {
          if (type != ResponseJson.class) {
            return null;
          }
          return body -> {
            try (body) {
              return read(body.source());
            }
          };
        }
      };

  private KeysAnswers() {}

  /** Reads an answer of {@code /v2/keys}, the whole document. */
  public static ResponseJson read(BufferedSource body) throws IOException {
    try (EtcdJsonReader json = new EtcdJsonReader(body)) {
      ResponseJson response = ResponseJsonDecoder.INSTANCE.decode(json);
      if (json.peek() != EtcdJsonReader.Token.END_DOCUMENT) {
        throw new JsonDataException("JSON document was not fully consumed.");
      }
      return response;
    }
  }
}
