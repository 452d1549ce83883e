package link.etcd.internal.http;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Response;

/**
 * Checks, before a request is written to a pooled connection that sat idle, that the server has not
 * closed it meanwhile (etcd restarted, or dropped idle connections): a request written to such a
 * connection gets no answer, and could not be told from one that reached etcd and was lost. A
 * closed connection is itself closed and the request fails with {@link StaleConnectionException}
 * before a byte of it is written, for {@link FailoverInterceptor} to send it again on a fresh
 * connection, whatever its method.
 *
 * <p>The check waits up to a millisecond for the server's end of stream, so it is only made on
 * connections idle for at least {@link #IDLE_BEFORE_CHECK_MILLIS}: it costs at most 1% of the time
 * a connection sat unused. (OkHttp's own check waits for 10 s of idleness, and only before requests
 * other than GET.) HTTP/1.1 connections only. A network interceptor.
 */
public final class StaleConnectionCheck implements Interceptor {
  /** How long a connection must have been idle to be checked; a server restart takes longer. */
  static final long IDLE_BEFORE_CHECK_MILLIS = 100;

  /** When each connection last got an answer's headers: an upper bound of when it went idle. */
  private final Map<Connection, Long> lastAnswered =
      Collections.synchronizedMap(new WeakHashMap<>());

  @Override
  public Response intercept(Chain chain) throws IOException {
    Connection connection = chain.connection();
    if (connection != null && !isHttp2(connection)) {
      Long answered = lastAnswered.get(connection);
      if (answered != null
          && System.nanoTime() - answered >= TimeUnit.MILLISECONDS.toNanos(IDLE_BEFORE_CHECK_MILLIS)
          && isClosedByServer(connection.socket())) {
        connection.socket().close();
        throw new StaleConnectionException(
            chain.request().method()
                + " "
                + chain.request().url().encodedPath()
                + " was not sent: the server had closed the idle connection it was to go on");
      }
    }
    Response response = chain.proceed(chain.request());
    if (connection != null) {
      lastAnswered.put(connection, System.nanoTime());
    }
    return response;
  }

  /**
   * HTTP/2 connections are not checked: OkHttp reads them all the time (the server's end of stream
   * and GOAWAY end them for new streams), and a byte read here would be taken from its frames.
   */
  private static boolean isHttp2(Connection connection) {
    Protocol protocol = connection.protocol();
    return protocol == Protocol.HTTP_2 || protocol == Protocol.H2_PRIOR_KNOWLEDGE;
  }

  /**
   * Whether the server closed {@code socket} (end of stream), or sent bytes no request asked for:
   * either way the connection cannot carry a request. Waits up to a millisecond for either.
   */
  private static boolean isClosedByServer(Socket socket) throws IOException {
    if (socket.isClosed() || socket.isInputShutdown()) {
      return true;
    }
    int timeout = socket.getSoTimeout();
    try {
      socket.setSoTimeout(1);
      socket
          .getInputStream()
          .read(); // -1 (the server's end of stream) or a byte no request asked for
      return true;
    } catch (SocketTimeoutException nothingToRead) {
      return false;
    } catch (IOException reset) {
      return true;
    } finally {
      if (!socket.isClosed()) {
        socket.setSoTimeout(timeout);
      }
    }
  }
}
