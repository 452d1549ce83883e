package link.etcd;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import link.etcd.middleware.EtcdMiddleware;
import link.etcd.middleware.EtcdPartialWriteException;
import link.etcd.testing.EtcdExtension;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A thread blocked in a call ends promptly when it is interrupted (the call is cancelled, the
 * interrupt flag stays set, the error is {@link EtcdError#CANCELLED}), and a blocking watch ends
 * when its client is closed: against a server that holds its answers and a real etcd that has
 * nothing to report.
 */
@ExtendWith(EtcdExtension.class)
final class InterruptAndCloseTest {
  /** How long a test waits for an interrupted call to end at all. */
  private static final long HELD_SECONDS = 5;

  private static final long PROMPT_MILLIS = 2_000;

  private HoldingServer server;

  /**
   * An HTTP server that answers {@code GET /v2/keys/t...} with "key not found" and holds every
   * other request forever, the connection open: a member that stopped answering.
   */
  private static final class HoldingServer implements AutoCloseable {
    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    HoldingServer() throws IOException {
      Thread acceptor =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try {
                    Socket client = socket.accept();
                    accepted.add(client);
                    Thread serving = new Thread(() -> serve(client), "holding-server");
                    serving.setDaemon(true);
                    serving.start();
                  } catch (IOException closed) {
                    return;
                  }
                }
              },
              "holding-server-accept");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    private void serve(Socket client) {
      try {
        BufferedReader in =
            new BufferedReader(new InputStreamReader(client.getInputStream(), UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
          String requestLine = line;
          requests.incrementAndGet();
          while ((line = in.readLine()) != null && !line.isEmpty()) {
            // headers; the held requests' bodies are never read
          }
          if (!requestLine.startsWith("GET /v2/keys/t")) {
            return; // held: no answer, the connection stays open
          }
          byte[] body =
              "{\"errorCode\":100,\"message\":\"Key not found\",\"cause\":\"/t\",\"index\":3}"
                  .getBytes(UTF_8);
          OutputStream out = client.getOutputStream();
          out.write(
              ("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: "
                      + body.length
                      + "\r\n\r\n")
                  .getBytes(UTF_8));
          out.write(body);
          out.flush();
        }
      } catch (IOException closed) {
        // The client went away.
      }
    }

    String host() {
      return "127.0.0.1";
    }

    int port() {
      return socket.getLocalPort();
    }

    int requestCount() {
      return requests.get();
    }

    @Override
    public void close() throws IOException {
      socket.close();
      for (Socket client : accepted) {
        client.close();
      }
    }
  }

  @BeforeEach
  void start() throws IOException {
    server = new HoldingServer();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  /** What a thread's call ended with, and whether the thread was still interrupted then. */
  private record Outcome(Throwable failure, boolean interrupted, long millis) {}

  /**
   * Runs {@code call} on a new thread, interrupts it after 300 ms, and returns how the call ended.
   */
  private static Outcome interrupted(Supplier<Object> call) throws Exception {
    CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    long start = System.nanoTime();
    Thread thread =
        new Thread(
            () -> {
              try {
                call.get();
                outcome.complete(new Outcome(new AssertionError("the call returned"), false, 0));
              } catch (RuntimeException e) {
                outcome.complete(
                    new Outcome(
                        e,
                        Thread.currentThread().isInterrupted(),
                        (System.nanoTime() - start) / 1_000_000));
              }
            });
    thread.start();
    Thread.sleep(300);
    thread.interrupt();
    return outcome.get(HELD_SECONDS * 3, TimeUnit.SECONDS);
  }

  private EtcdSettings settings() {
    return EtcdSettings.builder().host(server.host()).port(server.port()).build();
  }

  @Test
  void aBlockingReadEndsPromptlyOnInterrupt() throws Exception {
    try (EtcdClient client = new EtcdClient(settings())) {
      // A first call loads and prepares the client's classes; the interrupt is meant for a call
      // waiting on etcd.
      assertThrows(EtcdKeyNotFoundException.class, () -> client.read("/t"));
      Outcome outcome = interrupted(() -> client.read("/a"));
      EtcdException e = assertInstanceOf(EtcdException.class, outcome.failure());
      assertEquals(EtcdError.CANCELLED, e.error());
      assertEquals(
          "Interrupted while waiting for etcd at http://"
              + server.host()
              + ":"
              + server.port()
              + " to answer GET /v2/keys/a",
          e.getMessage());
      assertTrue(outcome.interrupted(), "the interrupt flag was cleared");
      assertTrue(outcome.millis() < PROMPT_MILLIS, outcome.millis() + " ms");
    }
  }

  @Test
  void aMiddlewareGetEndsPromptlyOnInterrupt() throws Exception {
    try (EtcdMiddleware middleware = new EtcdMiddleware(settings())) {
      assertFalse(middleware.contains("/t"));
      Outcome get = interrupted(() -> middleware.get("/a"));
      assertEquals(
          EtcdError.CANCELLED, assertInstanceOf(EtcdException.class, get.failure()).error());
      assertTrue(get.interrupted(), "the interrupt flag was cleared");
      assertTrue(get.millis() < PROMPT_MILLIS, get.millis() + " ms");
    }
  }

  @Test
  void aMiddlewareSetEndsPromptlyOnInterruptSayingWhatMayHaveBeenWritten() throws Exception {
    try (EtcdMiddleware middleware = new EtcdMiddleware(settings())) {
      assertFalse(middleware.contains("/t"));
      Outcome set =
          interrupted(
              () -> {
                middleware.set("/t", Map.of("a", "1"));
                return null;
              });
      EtcdPartialWriteException e =
          assertInstanceOf(
              EtcdPartialWriteException.class, set.failure(), () -> String.valueOf(set.failure()));
      assertEquals(EtcdError.CANCELLED, e.error());
      assertEquals(
          "The tree write at /t was interrupted: 0 request(s) done [], 1 cancelled in flight [PUT /t/a]"
              + " (each may or may not have been applied), 0 not sent []. Write the tree again to finish it.",
          e.getMessage());
      assertTrue(set.interrupted(), "the interrupt flag was cleared");
      assertTrue(set.millis() < PROMPT_MILLIS, set.millis() + " ms");
    }
  }

  @Test
  void aMiddlewareSetEndsEveryRequestInFlightOnInterruptAndSendsNoMore() throws Exception {
    Map<String, Object> leaves = new LinkedHashMap<>();
    List<String> puts = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      String name = String.format(Locale.ROOT, "k%02d", i);
      leaves.put(name, "v");
      puts.add("PUT /t/" + name);
    }
    try (EtcdMiddleware middleware = new EtcdMiddleware(settings())) {
      assertFalse(middleware.contains("/t"));
      Outcome set =
          interrupted(
              () -> {
                middleware.set("/t", leaves);
                return null;
              });
      EtcdPartialWriteException e =
          assertInstanceOf(
              EtcdPartialWriteException.class, set.failure(), () -> String.valueOf(set.failure()));
      // per_host_pool_size (10) requests were held in flight; the other 15 were never sent.
      assertEquals(
          "The tree write at /t was interrupted: 0 request(s) done [], 10 cancelled in flight ["
              + String.join(", ", puts.subList(0, 10))
              + "] (each may or may not have been applied), 15 not sent ["
              + String.join(", ", puts.subList(10, 20))
              + ", ... (see the exception's lists)]. Write the tree again to finish it.",
          e.getMessage());
      assertEquals(puts.subList(0, 10), e.failed());
      assertEquals(puts.subList(10, 25), e.notDone());
      assertTrue(set.interrupted(), "the interrupt flag was cleared");
      assertTrue(set.millis() < PROMPT_MILLIS, set.millis() + " ms");
    }
  }

  @Test
  void aMiddlewareSetEndsPromptlyWhenTheMiddlewareIsClosed() throws Exception {
    Map<String, Object> leaves = new LinkedHashMap<>();
    for (int i = 0; i < 25; i++) {
      leaves.put(String.format(Locale.ROOT, "k%02d", i), "v");
    }
    EtcdMiddleware middleware = new EtcdMiddleware(settings());
    assertFalse(middleware.contains("/t"));
    CompletableFuture<Throwable> ended = new CompletableFuture<>();
    Thread writing =
        new Thread(
            () -> {
              try {
                middleware.set("/t", leaves);
                ended.complete(new AssertionError("set returned"));
              } catch (RuntimeException e) {
                ended.complete(e);
              }
            });
    writing.start();
    Thread.sleep(300);
    long start = System.nanoTime();
    middleware.close();
    Throwable failure = ended.get(HELD_SECONDS, TimeUnit.SECONDS);
    long millis = (System.nanoTime() - start) / 1_000_000;
    // The connections of the requests in flight were closed under them.
    EtcdException e = assertInstanceOf(EtcdException.class, failure, () -> String.valueOf(failure));
    assertEquals(EtcdError.CONNECTION, e.error());
    assertTrue(millis < PROMPT_MILLIS, millis + " ms");
    // contains, the read of what is stored, and at most per_host_pool_size PUTs: none after close.
    assertTrue(server.requestCount() <= 12, server.requestCount() + " requests");
  }

  @Test
  void anInterruptedThreadStartsNoCall() {
    try (EtcdClient client = new EtcdClient(settings())) {
      Thread.currentThread().interrupt();
      EtcdException e = assertThrows(EtcdException.class, () -> client.read("/a"));
      assertTrue(Thread.interrupted(), "the interrupt flag was cleared");
      assertEquals(EtcdError.CANCELLED, e.error());
      assertEquals(0, server.requestCount());
    }
  }

  @Test
  void aBlockingWatchEndsPromptlyOnCloseAndOnInterrupt(EtcdProcess etcd) throws Exception {
    EtcdSettings settings =
        EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort()).build();
    EtcdClient closing = new EtcdClient(settings);
    CompletableFuture<Throwable> ended = new CompletableFuture<>();
    Thread watching =
        new Thread(
            () -> {
              try {
                closing.watchOnce("/interrupt/nothing", 0, false);
                ended.complete(new AssertionError("watchOnce returned"));
              } catch (RuntimeException e) {
                ended.complete(e);
              }
            });
    watching.start();
    Thread.sleep(300);
    long start = System.nanoTime();
    closing.close();
    assertInstanceOf(EtcdException.class, ended.get(PROMPT_MILLIS, TimeUnit.MILLISECONDS));
    assertTrue((System.nanoTime() - start) / 1_000_000 < PROMPT_MILLIS);

    try (EtcdClient client = new EtcdClient(settings)) {
      Outcome outcome = interrupted(() -> client.watchOnce("/interrupt/nothing", 0, false));
      assertEquals(
          EtcdError.CANCELLED, assertInstanceOf(EtcdException.class, outcome.failure()).error());
      assertTrue(outcome.interrupted(), "the interrupt flag was cleared");
      assertTrue(outcome.millis() < PROMPT_MILLIS, outcome.millis() + " ms");
    }
  }
}
