package link.etcd.internal.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import link.etcd.internal.ClusterIds;
import okhttp3.ConnectionPool;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Sends each request to an endpoint of the {@link ClusterView}, checks the cluster id of every
 * answer, and, when calls may move between endpoints ({@code allow_reconnect}), retries on the next
 * endpoint what is safe to retry: any request that surely did not reach a server (connection
 * refused, DNS, TLS handshake, no route), and an idempotent request (one tagged {@link Resend} as
 * repeatable where it was built; untagged, a GET or a PUT without {@code prevExist=false}, {@code
 * prevValue} or {@code dir}) whatever happened, including an HTTP 5xx answer or gRPC's UNAVAILABLE
 * (but for {@code /health}, whose 503 is an answer). A stream refused unprocessed (HTTP/2's
 * REFUSED_STREAM, as after a GOAWAY) did not reach the server. A request that reached a server and
 * is not idempotent fails with {@link IndeterminateOutcomeException}; a watch ({@code wait=true},
 * or a v3 gRPC stream) that reached one fails with its own error, for the watcher to poll again.
 * Between rounds over all endpoints it waits a capped, jittered, doubling pause; it starts no
 * attempt after the deadline.
 *
 * <p>Whether or not calls may move, a request that was not sent because its pooled connection had
 * been closed by the server ({@link StaleConnectionException}, after a restart) is sent once more,
 * on a fresh connection.
 *
 * <p>When calls may move, a request that {@link Hedging} hedges is sent as a {@link HedgeRace}:
 * each attempt is a call of its own, and the first answer of the attempt or of a hedge to another
 * member wins.
 *
 * <p>Before the first write to an endpoint whose cluster id is not yet verified (on v3, where every
 * call is a {@code POST} and answers carry no cluster id, before the first call of any kind), and
 * after each failure, it asks that endpoint for the {@link MemberList}: the answer's id verifies
 * the endpoint, and its client URLs become the endpoints to use (unless they are proxies).
 */
public final class FailoverInterceptor implements Interceptor {
  private static final Backoff BACKOFF = new Backoff(50, 1000);
  private static final int MAX_SUPPRESSED = 10;
  private static final int MEMBERS_READ_TIMEOUT_MILLIS = 10_000;
  private static final String STREAM_RESET = "okhttp3.internal.http2.StreamResetException";

  private final ClusterView view;
  private final boolean moveBetweenEndpoints;
  private final boolean learnMembers;
  private final boolean verifyBeforeWrites;
  private final long deadlineNanos;
  private final MemberList members;
  private final ConnectionPool pool;
  private final @Nullable Hedging hedging;

  /**
   * Creates the interceptor.
   *
   * @param moveBetweenEndpoints {@code allow_reconnect}: retry on other endpoints
   * @param learnMembers use the members' client URLs ({@code allow_reconnect} without {@code
   *     use_proxies})
   * @param verifyBeforeWrites verify an endpoint's cluster id before writing to it
   * @param deadline the total time a call may spend on retries
   * @param members how to ask an endpoint for the members and the cluster id
   * @param pool the connection pool, emptied of idle connections after a failure
   * @param hedging sends slow idempotent requests to another member too; null when calls may not
   *     move between endpoints
   */
  public FailoverInterceptor(
      ClusterView view,
      boolean moveBetweenEndpoints,
      boolean learnMembers,
      boolean verifyBeforeWrites,
      Duration deadline,
      MemberList members,
      ConnectionPool pool,
      @Nullable Hedging hedging) {
    this.view = view;
    this.moveBetweenEndpoints = moveBetweenEndpoints;
    this.learnMembers = learnMembers;
    this.verifyBeforeWrites = verifyBeforeWrites;
    this.deadlineNanos = deadline.toNanos();
    this.members = members;
    this.pool = pool;
    this.hedging = hedging;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Hedging.Attempt attempt = request.tag(Hedging.Attempt.class);
    if (attempt != null) {
      return attempt.hedge() ? hedge(chain, attempt.endpoint(), request) : chain.proceed(request);
    }
    HedgeRace race = hedging == null ? null : hedging.start(chain, request);
    try {
      return intercept(chain, request, race);
    } finally {
      if (race != null) {
        race.finish();
      }
    }
  }

  private Response intercept(Chain chain, Request request, @Nullable HedgeRace race)
      throws IOException {
    long deadline = System.nanoTime() + deadlineNanos;
    boolean idempotent = isIdempotent(request);
    RequestBody body = request.body();
    boolean watch =
        "true".equals(request.url().queryParameter("wait")) || body != null && body.isDuplex();
    List<IOException> failures = new ArrayList<>();
    boolean resentAfterStale = false;
    for (int round = 0; ; round++) {
      List<Endpoint> endpoints = moveBetweenEndpoints ? view.candidates() : view.first();
      if (endpoints.isEmpty()) {
        throw new ConnectException(
            "Every endpoint answered with another cluster id than "
                + "expected_cluster_id ("
                + view.foreign()
                + "); list endpoints of the expected cluster");
      }
      for (int i = 0; i < endpoints.size(); i++) {
        Endpoint endpoint = endpoints.get(i);
        if (chain.call().isCanceled()) {
          throw new IOException("Canceled");
        }
        boolean more =
            moveBetweenEndpoints && (i + 1 < endpoints.size() || System.nanoTime() < deadline);
        try {
          prepare(chain, endpoint, request);
        } catch (ClusterIdMismatchException | PermanentFailureException e) {
          throw e;
        } catch (IOException e) {
          failed(endpoint, e, failures);
          continue;
        }
        Response response;
        try {
          HttpUrl target = endpoint.rewrite(request.url());
          Request sent =
              target == request.url() ? request : request.newBuilder().url(target).build();
          response = race == null ? chain.proceed(sent) : race.proceed(endpoint, sent);
        } catch (PermanentFailureException e) {
          throw e;
        } catch (StaleConnectionException e) {
          // Not sent: the server had closed that connection (a restart). Once more, on a fresh
          // connection.
          pool.evictAll();
          if (!resentAfterStale) {
            resentAfterStale = true;
            i--;
            continue;
          }
          failed(endpoint, e, failures);
          continue;
        } catch (IOException e) {
          Response won = race == null ? null : race.winner();
          if (won != null) {
            // A hedge answered first, and cancelled this attempt.
            return won;
          }
          failed(endpoint, e, failures);
          boolean stopped =
              chain.call().isCanceled()
                  || e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException);
          if (hedging != null && !stopped && seenDead(e)) {
            hedging.memberFailed(endpoint);
          }
          if (stopped || watch && reachedServer(e)) {
            throw e;
          }
          if (reachedServer(e) && !idempotent) {
            throw new IndeterminateOutcomeException(endpoint, e);
          }
          continue;
        }
        ClusterView.Mismatch mismatch =
            view.checkClusterId(endpoint, ClusterIds.fromHex(response.header("X-Etcd-Cluster-Id")));
        if (mismatch != null) {
          response.close();
          throw new ClusterIdMismatchException(endpoint, mismatch, true);
        }
        boolean healthAnswer = request.url().encodedPath().equals("/health");
        if (unavailable(response) && idempotent && !watch && !healthAnswer && more) {
          response.close();
          failed(
              endpoint, new IOException(endpoint + " answered HTTP " + response.code()), failures);
          continue;
        }
        if (race != null) {
          Response won = race.claim(response);
          if (won != response) {
            return won;
          }
        }
        view.succeeded(endpoint);
        return response;
      }
      Response won = race == null ? null : race.winner();
      if (won != null) {
        return won;
      }
      if (!moveBetweenEndpoints || System.nanoTime() >= deadline) {
        throw lastWithEarlier(failures);
      }
      pause(round, deadline, race);
    }
  }

  /**
   * Sends a hedge of {@link HedgeRace}: one attempt at {@code endpoint}, which is verified before a
   * write and whose answer's cluster id is checked, as for the call's own attempts.
   */
  private Response hedge(Chain chain, Endpoint endpoint, Request request) throws IOException {
    try {
      prepare(chain, endpoint, request);
      Response response = chain.proceed(request);
      ClusterView.Mismatch mismatch =
          view.checkClusterId(endpoint, ClusterIds.fromHex(response.header("X-Etcd-Cluster-Id")));
      if (mismatch != null) {
        response.close();
        throw new ClusterIdMismatchException(endpoint, mismatch, true);
      }
      return response;
    } catch (ClusterIdMismatchException | PermanentFailureException e) {
      throw e;
    } catch (IOException e) {
      if (!chain.call().isCanceled()) {
        view.failed(endpoint);
        pool.evictAll();
        if (hedging != null && seenDead(e)) {
          hedging.memberFailed(endpoint);
        }
      }
      throw e;
    }
  }

  /**
   * Whether a failure says the member is gone (refused, reset, cut, unreachable), rather than slow
   * (a read timeout) or restarted (a pooled connection it had closed).
   */
  private static boolean seenDead(IOException e) {
    return !(e instanceof StaleConnectionException)
        && (!(e instanceof InterruptedIOException) || !reachedServer(e));
  }

  /** Verifies the endpoint's cluster id before a write, and learns the members after a failure. */
  private void prepare(Chain chain, Endpoint endpoint, Request request) throws IOException {
    boolean verify =
        verifyBeforeWrites && !request.method().equals("GET") && !view.isVerified(endpoint);
    boolean refresh = learnMembers && view.claimRefresh();
    if (!verify && !refresh) {
      return;
    }
    // A watch's chain has no read timeout; the member list must not wait forever on a hung
    // endpoint.
    Chain bounded =
        chain.readTimeoutMillis() > 0
            ? chain
            : chain.withReadTimeout(MEMBERS_READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    try (Response response = bounded.proceed(members.request(endpoint.rewrite(request.url())))) {
      MemberList.Answer answer = members.read(response);
      if (answer.clusterId() == null) {
        // A proxy that drops the id: there is nothing to check, now or at the next write.
        view.cannotVerify(endpoint);
      }
      ClusterView.Mismatch mismatch = view.checkClusterId(endpoint, answer.clusterId());
      if (mismatch != null) {
        throw new ClusterIdMismatchException(endpoint, mismatch, false);
      }
      if (learnMembers) {
        view.learn(answer.clientUrls());
      }
    }
  }

  private void failed(Endpoint endpoint, IOException e, List<IOException> failures) {
    view.failed(endpoint);
    pool.evictAll();
    failures.add(e);
  }

  /** Returns the last failure, carrying the first earlier ones as suppressed exceptions. */
  private static IOException lastWithEarlier(List<IOException> failures) {
    IOException last = failures.get(failures.size() - 1);
    for (IOException earlier : failures.subList(0, Math.min(failures.size() - 1, MAX_SUPPRESSED))) {
      last.addSuppressed(earlier);
    }
    return last;
  }

  private static void pause(int round, long deadline, @Nullable HedgeRace race)
      throws InterruptedIOException {
    long millis = BACKOFF.millisAfter(round + 1);
    long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
    if (race != null) {
      // A hedge that wins meanwhile ends the pause.
      race.sleep(Math.min(millis, left));
      return;
    }
    try {
      Thread.sleep(Math.min(millis, left));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry");
    }
  }

  /**
   * Whether {@code response} says the member cannot serve now: an HTTP 5xx, or gRPC's {@code
   * UNAVAILABLE} in an answer of trailers only (etcd's "leader changed", "no leader").
   */
  private static boolean unavailable(Response response) {
    return response.code() >= 500 || "14".equals(response.header("grpc-status"));
  }

  /**
   * Whether {@code e} is OkHttp's reset of an HTTP/2 stream with {@code REFUSED_STREAM}: the server
   * did not process it. Told by class name and message, because OkHttp's module does not export
   * {@code okhttp3.internal.http2} to ours.
   */
  private static boolean refusedStream(IOException e) {
    return e.getClass().getName().equals(STREAM_RESET)
        && "stream was reset: REFUSED_STREAM".equals(e.getMessage());
  }

  /** Whether the failure happened before the request could reach a server. */
  static boolean reachedServer(IOException e) {
    return !(e instanceof ConnectException
        || refusedStream(e)
        || e instanceof StaleConnectionException
        || e instanceof UnknownHostException
        || e instanceof NoRouteToHostException
        || e instanceof SSLHandshakeException
        || e instanceof SocketTimeoutException
            && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect"));
  }

  /** Whether sending the request twice has the same effect as sending it once. */
  public static boolean isIdempotent(Request request) {
    Resend resend = request.tag(Resend.class);
    if (resend != null) {
      return resend.repeatable();
    }
    switch (request.method()) {
      case "GET", "HEAD":
        return true;
      case "PUT":
        RequestBody body = request.body();
        if (body instanceof FormBody form) {
          for (int i = 0; i < form.size(); i++) {
            String name = form.name(i);
            String value = form.value(i);
            if (name.equals("prevExist") && value.equals("false")
                || name.equals("prevValue")
                || name.equals("dir") && value.equals("true")) {
              return false;
            }
          }
        }
        return true;
      default:
        return false;
    }
  }
}
