package link.etcd.internal;

import com.squareup.moshi.JsonReader;
import java.io.IOException;

/** Decodes a successful answer's JSON body while it streams in. */
@FunctionalInterface
public interface JsonBodyDecoder<R> {
  R decode(JsonReader json) throws IOException;
}
