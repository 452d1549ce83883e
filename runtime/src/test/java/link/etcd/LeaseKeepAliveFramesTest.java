package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import link.etcd.internal.v3.EtcdMethods;
import link.etcd.internal.v3.GrpcFrames;
import link.etcd.internal.v3.pb.LeaseKeepAliveRequest;
import link.etcd.internal.v3.pb.LeaseKeepAliveResponse;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Protocol;
import okio.BufferedSink;
import okio.BufferedSource;
import okio.Okio;
import org.junit.jupiter.api.Test;

/**
 * The frames of the client's one {@code LeaseKeepAlive} stream, pinned against a MockWebServer that
 * speaks HTTP/2 with prior knowledge and plays etcd's side of the stream: two kept leases share one
 * stream, each renewed by its id, and the lease etcd answers with TTL 0 is reported gone while the
 * other is still renewed.
 */
final class LeaseKeepAliveFramesTest {
  @StartStop private final MockWebServer server = h2c();

  private static MockWebServer h2c() {
    MockWebServer server = new MockWebServer();
    server.setProtocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
    return server;
  }

  /**
   * etcd's side: answers every renewal with a TTL of 3 s (so the client renews every second),
   * except the second renewal of lease 8, answered with TTL 0 (etcd no longer has it).
   */
  private MockResponse etcd(BlockingQueue<Long> renewed) {
    return new MockResponse.Builder()
        .removeHeader("Content-Length")
        .addHeader("content-type", "application/grpc")
        .socketHandler(
            socket -> {
              BufferedSource requests = Okio.buffer(socket.getSource());
              BufferedSink answers = Okio.buffer(socket.getSink());
              int renewalsOf8 = 0;
              try {
                LeaseKeepAliveRequest request;
                while ((request = GrpcFrames.read(requests, LeaseKeepAliveRequest.ADAPTER))
                    != null) {
                  renewed.add(request.ID);
                  long ttl = request.ID == 8 && ++renewalsOf8 == 2 ? 0 : 3;
                  GrpcFrames.write(
                      answers,
                      LeaseKeepAliveResponse.ADAPTER,
                      new LeaseKeepAliveResponse.Builder().ID(request.ID).TTL(ttl).build());
                  answers.flush();
                }
              } catch (IOException closedByTheClient) {
                // The client closed: the test is over.
              }
            })
        .build();
  }

  @Test
  void twoLeasesShareOneStreamAndTheOneEtcdNoLongerHasIsReportedGone() throws Exception {
    BlockingQueue<Long> renewed = new LinkedBlockingQueue<>();
    server.enqueue(etcd(renewed));
    BlockingQueue<EtcdException> gone7 = new LinkedBlockingQueue<>();
    BlockingQueue<EtcdException> gone8 = new LinkedBlockingQueue<>();
    try (EtcdV3Client client =
        new EtcdV3Client(
            EtcdSettings.builder()
                .api(EtcdSettings.Api.V3)
                .host(server.getHostName())
                .port(server.getPort())
                .build())) {
      LeaseKeeper seven = client.keepAlive(7, gone7::add);
      LeaseKeeper eight = client.keepAlive(8, gone8::add);

      EtcdException error = gone8.poll(10, TimeUnit.SECONDS);
      assertNotNull(error, "lease 8 not reported gone within 10 s");
      assertInstanceOf(EtcdKeyNotFoundException.class, error);
      assertEquals(
          "Lease 8 is gone (revoked, or expired before a renewal reached etcd), and the keys"
              + " attached to it are deleted; write them again with a new lease",
          error.getMessage());
      assertFalse(eight.isOpen());
      long sevenSoFar = renewed.stream().filter(id -> id == 7).count();
      Thread.sleep(2_500);
      assertTrue(seven.isOpen());
      assertTrue(
          renewed.stream().filter(id -> id == 7).count() > sevenSoFar,
          "lease 7 still renewed: " + renewed);
      assertEquals(2, renewed.stream().filter(id -> id == 8).count(), "8 left the stream");
      assertEquals(null, gone7.poll());
    }
    assertEquals(1, server.getRequestCount(), "one stream for both leases");
    RecordedRequest stream = server.takeRequest(5, TimeUnit.SECONDS);
    assertEquals(
        "POST " + EtcdMethods.LEASE_KEEP_ALIVE.path() + " HTTP/2", stream.getRequestLine());
    assertEquals("application/grpc", stream.getHeaders().get("content-type"));
    assertEquals("trailers", stream.getHeaders().get("te"));
  }
}
