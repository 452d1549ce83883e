package link.etcd.internal.v2;

import java.io.IOException;
import okio.BufferedSource;

/**
 * Decodes a successful answer's JSON body while it streams in, usually with an {@link
 * EtcdJsonReader} over it.
 */
@FunctionalInterface
public interface JsonBodyDecoder<R> {
  R decode(BufferedSource body) throws IOException;
}
