package link.etcd;

import java.io.IOException;
import okio.BufferedSource;

/**
 * Decodes a successful answer's JSON body while it streams in, usually with an {@link
 * EtcdJsonReader} over it.
 */
@FunctionalInterface
interface JsonBodyDecoder<R> {
  R decode(BufferedSource body) throws IOException;
}
