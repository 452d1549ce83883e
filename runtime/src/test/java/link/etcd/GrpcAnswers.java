package link.etcd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.wire.ProtoAdapter;
import java.util.List;
import link.etcd.internal.v3.GrpcFrames;
import link.etcd.internal.v3.pb.CompactionResponse;
import link.etcd.internal.v3.pb.ResponseHeader;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.Protocol;
import okio.Buffer;

/** etcd's side of gRPC for MockWebServer tests: HTTP/2 with prior knowledge, framed answers. */
final class GrpcAnswers {
  private GrpcAnswers() {}

  /** {@return a server that speaks HTTP/2 with prior knowledge, as etcd does on http://} */
  static MockWebServer h2c() {
    MockWebServer server = new MockWebServer();
    server.setProtocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
    return server;
  }

  /** {@return a successful answer of {@code message}, status OK in the trailers} */
  @SuppressWarnings("unchecked")
  static <M> MockResponse answer(M message) {
    ProtoAdapter<M> adapter = (ProtoAdapter<M>) ProtoAdapter.get(message.getClass());
    return new MockResponse.Builder()
        .addHeader("content-type", "application/grpc")
        .body(GrpcFrames.frame(adapter, message))
        .trailers(Headers.of("grpc-status", "0"))
        .build();
  }

  /**
   * {@return an answer with only a header of {@code clusterId} (decimal, as a uint64), which reads
   * as the answer of any call}
   */
  static MockResponse ok(String clusterId) {
    return answer(new CompactionResponse(header(clusterId)));
  }

  static ResponseHeader header(String clusterId) {
    return new ResponseHeader.Builder().cluster_id(Long.parseUnsignedLong(clusterId)).build();
  }

  /** {@return an answer of trailers only, with the status {@code code} and {@code message}} */
  static MockResponse status(int code, String message) {
    return new MockResponse.Builder()
        .addHeader("content-type", "application/grpc")
        .addHeader("grpc-status", Integer.toString(code))
        .addHeader("grpc-message", message)
        .build();
  }

  /** {@return the one message of {@code request}} */
  static <M> M message(RecordedRequest request, ProtoAdapter<M> adapter) throws Exception {
    Buffer body = new Buffer().write(request.getBody());
    M message = GrpcFrames.read(body, adapter);
    assertTrue(body.exhausted(), "one message");
    return message;
  }
}
