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
 * sends its {@code cancel_request}, and the other watch keeps delivering; a progress notification
 * moves a quiet watch on, and a stream reset is opened again with every watch from its own next
 * revision.
 */
final class V3WatchStreamRequestTest {
  private static final long TIMEOUT_SECONDS = 10;

  /** Put in a stream's answers: the server resets the stream there. */
  private static final WatchResponse RESET = new WatchResponse.Builder().watch_id(-42).build();

  @StartStop private final MockWebServer server = GrpcAnswers.h2c();

  /** What the client sent on the stream, in order. */
  private final BlockingQueue<WatchRequest> sent = new LinkedBlockingQueue<>();

  /** What the server writes back on the stream. */
  private final BlockingQueue<WatchResponse> toSend = new LinkedBlockingQueue<>();

  @Test
  void twoWatchesShareOneStreamAndACancelLeavesTheOtherDelivering() throws Exception {
    server.enqueue(stream(sent, toSend));
    BlockingQueue<WatchEvent> a = new LinkedBlockingQueue<>();
    BlockingQueue<WatchEvent> b = new LinkedBlockingQueue<>();
    try (EtcdV3Client client = new EtcdV3Client(settings())) {
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

  @Test
  void aReopenedStreamCreatesEveryWatchFromItsOwnNextRevision() throws Exception {
    BlockingQueue<WatchRequest> sentAgain = new LinkedBlockingQueue<>();
    BlockingQueue<WatchResponse> toSendAgain = new LinkedBlockingQueue<>();
    server.enqueue(stream(sent, toSend));
    server.enqueue(stream(sentAgain, toSendAgain));
    BlockingQueue<WatchEvent> a = new LinkedBlockingQueue<>();
    BlockingQueue<WatchEvent> b = new LinkedBlockingQueue<>();
    try (EtcdV3Client client = new EtcdV3Client(settings());
        Watcher watchA = client.watch("/a", WatchOptions.defaults().withFromIndex(5), a::add);
        Watcher watchB = client.watch("/b", WatchOptions.defaults().withFromIndex(7), b::add)) {
      long idA = next().create_request.watch_id;
      long idB = next().create_request.watch_id;
      toSend.add(created(idA));
      toSend.add(created(idB));
      toSend.add(event(idA, "/a", "1", 9));
      assertEquals("/a=1@9", change(a));
      // A progress notification: etcd sent /b everything up to revision 20.
      toSend.add(new WatchResponse.Builder().header(header(20)).watch_id(idB).build());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
      while (watchB.nextIndex() != 21 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(21, watchB.nextIndex(), "a progress notification moves the quiet watch on");
      toSend.add(RESET);

      WatchCreateRequest againA = sentAgain.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS).create_request;
      WatchCreateRequest againB = sentAgain.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS).create_request;
      assertEquals("/a from 10", againA.key.utf8() + " from " + againA.start_revision);
      assertEquals("/b from 21", againB.key.utf8() + " from " + againB.start_revision);
      toSendAgain.add(created(againA.watch_id));
      toSendAgain.add(created(againB.watch_id));
      toSendAgain.add(event(againB.watch_id, "/b", "2", 22));
      toSendAgain.add(event(againA.watch_id, "/a", "3", 23));
      assertEquals("/b=2@22", change(b));
      assertEquals("/a=3@23", change(a));
      assertTrue(watchA.isOpen() && watchB.isOpen());
      assertEquals(2, server.getRequestCount(), "one stream, then one more after the reset");
    }
  }

  private EtcdSettings settings() {
    return EtcdSettings.builder()
        .api(EtcdSettings.Api.V3)
        .host(server.getHostName())
        .port(server.getPort())
        .build();
  }

  /**
   * {@return etcd's side of one Watch stream: what the client sends goes to {@code sent}; what is
   * put in {@code toSend} goes back, and {@link #RESET} resets the stream}
   */
  private static MockResponse stream(
      BlockingQueue<WatchRequest> sent, BlockingQueue<WatchResponse> toSend) {
    return new MockResponse.Builder()
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
                            WatchResponse answer = toSend.take();
                            if (answer == RESET) {
                              socket.cancel();
                              return;
                            }
                            GrpcFrames.write(out, WatchResponse.ADAPTER, answer);
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
                // the stream was reset
              } finally {
                writer.interrupt();
              }
            })
        .build();
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
