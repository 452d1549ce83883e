package link.etcd.internal;

import java.io.IOException;

/** Decodes a successful answer's JSON body while it streams in. */
@FunctionalInterface
public interface JsonBodyDecoder<R> {
  R decode(EtcdJsonReader json) throws IOException;
}
