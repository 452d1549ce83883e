package link.etcd.middleware;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on loopback in front of one etcd, for the faults a tree write must survive: it can
 * lose the answer to the request that carries a key (the request reaches etcd, the answer never
 * comes back: the connection is closed instead), or hold that request until the test lets it go. A
 * key is recognised in the bytes sent whether the wire carries it raw (gRPC) or as standard base64
 * (the JSON gateway); each fault happens once.
 */
final class MarkerProxy implements AutoCloseable {
  private final ServerSocket server;
  private final InetSocketAddress target;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile List<byte[]> loseMarkers = List.of();
  private volatile List<byte[]> holdMarkers = List.of();
  private volatile CountDownLatch held = new CountDownLatch(1);
  private volatile CountDownLatch released = new CountDownLatch(1);

  MarkerProxy(String host, int port) throws IOException {
    this.target = new InetSocketAddress(host, port);
    this.server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "marker-proxy accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /**
   * Loses the answer to the next request carrying {@code key} (the whole key as etcd stores it):
   * the request goes on to etcd, and its connection is closed when the answer starts (the first
   * HEADERS or DATA frame etcd sends after it; gRPC over h2c).
   */
  void loseAnswerTo(String key) {
    loseMarkers = markers(key);
  }

  /** Holds the next request carrying {@code key} before it reaches etcd, until {@link #release}. */
  void holdRequestWith(String key) {
    held = new CountDownLatch(1);
    released = new CountDownLatch(1);
    holdMarkers = markers(key);
  }

  /** {@return whether a request is held now, waiting up to {@code seconds} for one} */
  boolean awaitHeld(long seconds) throws InterruptedException {
    return held.await(seconds, TimeUnit.SECONDS);
  }

  void release() {
    released.countDown();
  }

  private static List<byte[]> markers(String key) {
    byte[] raw = key.getBytes(StandardCharsets.UTF_8);
    return List.of(raw, Base64.getEncoder().encode(raw));
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket();
        upstream.connect(target, 5_000);
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        open.add(client);
        open.add(upstream);
        Connection connection = new Connection(client, upstream);
        start(connection::requests);
        start(connection::answers);
      } catch (IOException closed) {
        return;
      }
    }
  }

  private static void start(Runnable pump) {
    Thread thread = new Thread(pump, "marker-proxy pump");
    thread.setDaemon(true);
    thread.start();
  }

  /** One client connection and its own connection to etcd. */
  private final class Connection {
    private final Socket client;
    private final Socket upstream;
    private volatile boolean loseAnswer;
    private byte[] tail = new byte[0];

    Connection(Socket client, Socket upstream) {
      this.client = client;
      this.upstream = upstream;
    }

    void requests() {
      byte[] buffer = new byte[64 * 1024];
      try (InputStream in = client.getInputStream();
          OutputStream out = upstream.getOutputStream()) {
        int read;
        while ((read = in.read(buffer)) >= 0) {
          byte[] seen = new byte[tail.length + read];
          System.arraycopy(tail, 0, seen, 0, tail.length);
          System.arraycopy(buffer, 0, seen, tail.length, read);
          if (found(seen, loseMarkers)) {
            loseMarkers = List.of();
            loseAnswer = true;
          }
          if (found(seen, holdMarkers)) {
            holdMarkers = List.of();
            held.countDown();
            if (!released.await(60, TimeUnit.SECONDS)) {
              throw new IOException("held for a minute without release");
            }
          }
          tail = java.util.Arrays.copyOfRange(seen, Math.max(0, seen.length - 256), seen.length);
          out.write(buffer, 0, read);
          out.flush();
        }
      } catch (IOException | InterruptedException dropped) {
        // The connection ends; both sides are closed below.
      } finally {
        closeBoth();
      }
    }

    void answers() {
      byte[] buffer = new byte[64 * 1024];
      Frames frames = new Frames();
      try (InputStream in = upstream.getInputStream();
          OutputStream out = client.getOutputStream()) {
        int read;
        while ((read = in.read(buffer)) >= 0) {
          int answer = frames.answerAt(buffer, read, loseAnswer);
          if (answer >= 0) {
            // Frames before the answer (a PING, a WINDOW_UPDATE etcd sends as the request arrives)
            // go on: closing on them could end the request before etcd applied it.
            out.write(buffer, 0, answer);
            out.flush();
            return;
          }
          out.write(buffer, 0, read);
          out.flush();
        }
      } catch (IOException dropped) {
        // The connection ends; both sides are closed below.
      } finally {
        closeBoth();
      }
    }

    private void closeBoth() {
      close(client);
      close(upstream);
    }
  }

  /**
   * Follows the HTTP/2 frames etcd sends (9-byte headers: 24-bit length, type, flags, stream) to
   * find where an answer starts: a HEADERS or DATA frame.
   */
  private static final class Frames {
    private static final int HEADER = 9;
    private final byte[] header = new byte[HEADER];
    private int inHeader;
    private long payloadLeft;

    /**
     * Passes over {@code length} bytes of {@code buffer}; when {@code look}, returns the offset at
     * which the first HEADERS or DATA frame starts (0 when its header began in an earlier buffer),
     * else -1.
     */
    int answerAt(byte[] buffer, int length, boolean look) {
      int i = 0;
      int start = 0;
      while (i < length) {
        if (payloadLeft > 0) {
          int skipped = (int) Math.min(payloadLeft, length - i);
          payloadLeft -= skipped;
          i += skipped;
          continue;
        }
        if (inHeader == 0) {
          start = i;
        }
        header[inHeader++] = buffer[i++];
        if (inHeader == HEADER) {
          inHeader = 0;
          payloadLeft = (header[0] & 0xff) << 16 | (header[1] & 0xff) << 8 | (header[2] & 0xff);
          boolean answer = header[3] == 0x0 || header[3] == 0x1;
          if (look && answer) {
            return start;
          }
        }
      }
      return -1;
    }
  }

  private static boolean found(byte[] seen, List<byte[]> markers) {
    for (byte[] marker : markers) {
      outer:
      for (int i = 0; i + marker.length <= seen.length; i++) {
        for (int j = 0; j < marker.length; j++) {
          if (seen[i + j] != marker[j]) {
            continue outer;
          }
        }
        return true;
      }
    }
    return false;
  }

  private void close(Socket socket) {
    open.remove(socket);
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing is all that is wanted.
    }
  }

  @Override
  public void close() throws IOException {
    release();
    server.close();
    open.forEach(this::close);
  }
}
