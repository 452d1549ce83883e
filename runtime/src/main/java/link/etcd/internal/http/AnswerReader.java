package link.etcd.internal.http;

import java.io.IOException;
import okhttp3.Headers;
import okio.BufferedSource;

/** Reads the body and headers of a successful answer into a result. */
public interface AnswerReader<R> {
  R read(BufferedSource body, Headers headers) throws IOException;
}
