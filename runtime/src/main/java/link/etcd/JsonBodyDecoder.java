package link.etcd;

import com.squareup.moshi.JsonReader;
import java.io.IOException;

/** Decodes a successful answer's JSON body while it streams in. */
@FunctionalInterface
interface JsonBodyDecoder<R> {
  R decode(JsonReader json) throws IOException;
}
