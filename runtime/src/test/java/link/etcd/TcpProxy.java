package link.etcd;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback for tests: forwards each connection to a target, and can drop every
 * connection on demand or refuse all traffic for a while (each new connection is closed at once),
 * to make a client see disconnects.
 */
final class TcpProxy implements AutoCloseable {
  private final ServerSocket server;
  private volatile InetSocketAddress target;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private final Thread acceptor;
  private volatile boolean paused;

  TcpProxy(String targetHost, int targetPort) throws IOException {
    this.target = new InetSocketAddress(targetHost, targetPort);
    this.server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "test-proxy accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Forwards new connections to {@code host:port} from now on; open ones stay as they are. */
  void retarget(String host, int port) {
    target = new InetSocketAddress(host, port);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Returns the client connections open now (each has its own connection to the target). */
  int openConnections() {
    return clients.size();
  }

  /** Returns how many client connections were accepted and forwarded so far. */
  int acceptedConnections() {
    return accepted.get();
  }

  /** Closes every open connection, both ways; new ones are forwarded as before. */
  void dropAll() {
    for (Socket socket : open) {
      closeQuietly(socket);
    }
  }

  /** Drops every connection and closes each new one at once until {@link #resume()}. */
  void pause() {
    paused = true;
    dropAll();
  }

  void resume() {
    paused = false;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException closed) {
        return;
      }
      if (paused) {
        closeQuietly(client);
        continue;
      }
      Socket upstream = new Socket();
      try {
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        upstream.connect(target, 5_000);
      } catch (IOException e) {
        closeQuietly(client);
        closeQuietly(upstream);
        continue;
      }
      accepted.incrementAndGet();
      clients.add(client);
      open.add(client);
      open.add(upstream);
      if (paused) {
        closeQuietly(client);
        closeQuietly(upstream);
        continue;
      }
      pump(client, upstream);
      pump(upstream, client);
    }
  }

  private void pump(Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                  out.write(buffer, 0, read);
                  out.flush();
                }
              } catch (IOException dropped) {
                // A dropped or closed connection ends the pump; both sockets are closed below.
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "test-proxy pump");
    thread.setDaemon(true);
    thread.start();
  }

  private void closeQuietly(Socket socket) {
    open.remove(socket);
    clients.remove(socket);
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing is all that is wanted; a failure to close changes nothing for the test.
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    dropAll();
  }
}
