package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import link.etcd.internal.v3.GrpcFrames;
import link.etcd.internal.v3.pb.Event;
import link.etcd.internal.v3.pb.KeyValue;
import link.etcd.internal.v3.pb.ResponseHeader;
import link.etcd.internal.v3.pb.WatchCreateRequest;
import link.etcd.internal.v3.pb.WatchRequest;
import link.etcd.internal.v3.pb.WatchResponse;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okio.BufferedSink;
import okio.BufferedSource;
import okio.ByteString;
import okio.Okio;
import org.junit.jupiter.api.Test;

/**
 * The frames of the v3 watch stream, on MockWebServer over h2c: two watches of one client go as two
 * creates on one stream (one request), each with its own {@code watch_id}, start revision, {@code
 * prev_kv}, {@code progress_notify} and range; answers reach the watch they name; closing a watcher
 * sends its {@code cancel_request}, and the other watch keeps delivering.
 */
final class V3WatchStreamRequestTest {
  private static final long TIMEOUT_SECONDS = 10;

  @StartStop private final MockWebServer server = GrpcAnswers.h2c();

  /** What the client sent on the stream, in order. */
  private final BlockingQueue<WatchRequest> sent = new LinkedBlockingQueue<>();

  /** What the server writes back on the stream. */
  private final BlockingQueue<WatchResponse> toSend = new LinkedBlockingQueue<>();

  @Test
  void twoWatchesShareOneStreamAndACancelLeavesTheOtherDelivering() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .removeHeader("Content-Length")
            .addHeader("content-type", "application/grpc")
            .doNotReadRequestBody()
            .socketHandler(
                socket -> {
                  BufferedSource in = Okio.buffer(socket.getSource());
                  BufferedSink out = Okio.buffer(socket.getSink());
                  Thread writer =
                      new Thread(
                          () -> {
                            try {
                              while (true) {
                                GrpcFrames.write(out, WatchResponse.ADAPTER, toSend.take());
                                out.flush();
                              }
                            } catch (InterruptedException | IOException ended) {
                              // the test is over
                            }
                          });
                  writer.setDaemon(true);
                  writer.start();
                  try {
                    WatchRequest request;
                    while ((request = GrpcFrames.read(in, WatchRequest.ADAPTER)) != null) {
                      sent.add(request);
                    }
                  } catch (IOException ended) {
                    // the client reset the stream
                  } finally {
                    writer.interrupt();
                  }
                })
            .build());
    EtcdSettings settings =
        EtcdSettings.builder()
            .api(EtcdSettings.Api.V3)
            .host(server.getHostName())
            .port(server.getPort())
            .build();
    BlockingQueue<WatchEvent> a = new LinkedBlockingQueue<>();
    BlockingQueue<WatchEvent> b = new LinkedBlockingQueue<>();
    try (EtcdV3Client client = new EtcdV3Client(settings)) {
      Watcher watchA = client.watch("/a", WatchOptions.defaults().withFromIndex(5), a::add);
      Watcher watchB =
          client.watch("/b", WatchOptions.defaults().withRecursive(true).withFromIndex(7), b::add);

      WatchCreateRequest createA = next().create_request;
      WatchCreateRequest createB = next().create_request;
      assertNotNull(createA);
      assertNotNull(createB);
      assertEquals(
          List.of("/a", "", "5", "prev_kv", "progress_notify"),
          describe(createA),
          "the create of /a");
      assertEquals(
          List.of("/b", "/b0", "7", "prev_kv", "progress_notify"),
          describe(createB),
          "the create of /b, recursive: /b and the range of /b/");
      assertTrue(createA.watch_id > 0 && createB.watch_id > 0, "the client chooses the ids");
      assertTrue(createA.watch_id != createB.watch_id, "one id per watch");

      toSend.add(created(createA.watch_id));
      toSend.add(created(createB.watch_id));
      toSend.add(event(createB.watch_id, "/b/x", "1", 8));
      toSend.add(event(createA.watch_id, "/a", "2", 9));
      assertEquals("/b/x=1@8", change(b));
      assertEquals("/a=2@9", change(a));

      watchA.close();
      WatchRequest cancel = next();
      assertNotNull(cancel.cancel_request, "closing /a sends a cancel_request: " + cancel);
      assertEquals(createA.watch_id, cancel.cancel_request.watch_id);
      assertFalse(watchA.isOpen());

      toSend.add(event(createB.watch_id, "/b/y", "3", 10));
      assertEquals("/b/y=3@10", change(b));
      assertTrue(watchB.isOpen());
      assertEquals(11, watchB.nextIndex());
      assertNull(a.poll(200, TimeUnit.MILLISECONDS), "nothing more for the closed watch");
      assertEquals(1, server.getRequestCount(), "both watches went on one stream");
    }
  }

  private WatchRequest next() throws InterruptedException {
    WatchRequest request = sent.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    assertNotNull(request, "no request on the stream within " + TIMEOUT_SECONDS + " s");
    return request;
  }

  private static List<String> describe(WatchCreateRequest create) {
    return List.of(
        create.key.utf8(),
        create.range_end.utf8(),
        Long.toString(create.start_revision),
        create.prev_kv ? "prev_kv" : "no prev_kv",
        create.progress_notify ? "progress_notify" : "no progress_notify");
  }

  private static String change(BlockingQueue<WatchEvent> events) throws InterruptedException {
    WatchEvent event = events.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    WatchEvent.V3Change change = assertInstanceOf(WatchEvent.V3Change.class, event);
    return change.key() + "=" + change.kv().value() + "@" + change.index();
  }

  private static WatchResponse created(long id) {
    return new WatchResponse.Builder().header(header(0)).watch_id(id).created(true).build();
  }

  private static WatchResponse event(long id, String key, String value, long revision) {
    KeyValue kv =
        new KeyValue.Builder()
            .key(ByteString.encodeUtf8(key))
            .value(ByteString.encodeUtf8(value))
            .create_revision(revision)
            .mod_revision(revision)
            .version(1)
            .build();
    return new WatchResponse.Builder()
        .header(header(revision))
        .watch_id(id)
        .events(List.of(new Event.Builder().type(Event.EventType.PUT).kv(kv).build()))
        .build();
  }

  private static ResponseHeader header(long revision) {
    return new ResponseHeader.Builder().revision(revision).build();
  }
}
