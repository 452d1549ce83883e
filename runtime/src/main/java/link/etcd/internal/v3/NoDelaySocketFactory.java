package link.etcd.internal.v3;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * Makes sockets with {@code TCP_NODELAY} on. An HTTP/2 call is several small frames (HEADERS, then
 * DATA with the message, then the end of the stream) that OkHttp writes one after another; with
 * Nagle's algorithm on (the JDK's default) each frame after the first waits for the peer's delayed
 * ACK, which made every unary gRPC call last 15 ms or more. HTTPS sockets are layered on these.
 *
 * <p>For h2c ({@code http://}) the sockets also read the server's frames through {@link
 * StreamLimitClamp}, so that OkHttp puts every call on one connection. Over TLS the bytes here are
 * encrypted and pass untouched: there, an etcd started with {@code --max-concurrent-streams} at or
 * below {@code 2147483647} gets one connection, any other a connection per call.
 */
final class NoDelaySocketFactory extends SocketFactory {
  private final SocketFactory sockets = SocketFactory.getDefault();
  private final boolean h2c;

  /**
   * @param h2c whether the sockets carry HTTP/2 in the clear, whose settings are then read through
   *     {@link StreamLimitClamp}
   */
  NoDelaySocketFactory(boolean h2c) {
    this.h2c = h2c;
  }

  @Override
  public Socket createSocket() throws IOException {
    return noDelay(h2c ? new ClampedSocket() : sockets.createSocket());
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return noDelay(sockets.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return noDelay(sockets.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return noDelay(sockets.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return noDelay(sockets.createSocket(address, port, localAddress, localPort));
  }

  private static Socket noDelay(Socket socket) throws IOException {
    socket.setTcpNoDelay(true);
    return socket;
  }

  /** A plain socket whose input is read through {@link StreamLimitClamp}. */
  private static final class ClampedSocket extends Socket {
    private @Nullable InputStream input;

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (input == null) {
        input = new StreamLimitClamp(super.getInputStream());
      }
      return input;
    }
  }
}
