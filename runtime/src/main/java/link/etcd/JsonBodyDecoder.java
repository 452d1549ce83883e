package link.etcd;

import java.io.IOException;

/** Decodes a successful answer's JSON body while it streams in. */
@FunctionalInterface
interface JsonBodyDecoder<R> {
  R decode(EtcdJsonReader json) throws IOException;
}
