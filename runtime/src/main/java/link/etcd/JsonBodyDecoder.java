package link.etcd;

import java.io.IOException;
import okio.BufferedSource;

/**
 * Decodes a successful answer's JSON body while it streams in, with the reader its API needs: v2's
 * {@link EtcdJsonReader} (trees of any depth), or Moshi's for v3.
 */
@FunctionalInterface
interface JsonBodyDecoder<R> {
  R decode(BufferedSource body) throws IOException;
}
