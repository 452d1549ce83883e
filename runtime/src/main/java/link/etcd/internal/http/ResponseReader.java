package link.etcd.internal.http;

import java.io.IOException;
import okhttp3.Response;

/**
 * Reads a whole answer, whatever its status, into a result: for wires that say the outcome in the
 * answer itself (gRPC's trailers) rather than in the HTTP status.
 */
public interface ResponseReader<R> {
  /**
   * {@return what {@code response} says}
   *
   * @param response the answer, closed by the caller
   * @throws IOException when the answer cannot be read or says the call failed
   */
  R read(Response response) throws IOException;
}
