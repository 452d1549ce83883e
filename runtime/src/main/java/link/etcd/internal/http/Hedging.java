package link.etcd.internal.http;

import java.lang.System.Logger.Level;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * Hedging: a key request that is safe to repeat and waits well past the cluster's normal latency,
 * or whose member another call saw fail, is sent to another member as well, and the first answer
 * wins; the other attempts are cancelled. This is what keeps a leader's death from pausing writes
 * for a whole {@code read_timeout}: etcd holds a write that a follower forwarded to the dead leader
 * until its own request timeout (7 s), while the same write sent again once a new leader is elected
 * is answered at once.
 *
 * <p>Hedged, with {@code allow_reconnect}: a v2 {@code GET} of a key that is not recursive and not
 * a watch, a v2 {@code PUT} that {@link FailoverInterceptor#isIdempotent} allows to repeat, and a
 * v3 call tagged {@link Resend#HEDGED} where it was built (a {@code range} of one key, a {@code
 * put} without {@code prev_kv}). Never a request that is not idempotent, a watch, a txn, or a tree
 * read (a recursive {@code GET}, a v3 range with a {@code range_end}), whose time grows with the
 * tree.
 *
 * <p>A request is hedged when it has waited {@link #FLOOR_MILLIS} ms and {@link #MULTIPLE_OF_P99}
 * times the 99th percentile of the client's last {@link #WINDOW} answer times of such requests, and
 * again every {@link #REPEAT_MILLIS} ms while it waits (at most one attempt per member in flight: a
 * new one to a member cancels the older hedge there); or at once when another call saw the member
 * it waits on fail (connection refused, reset, cut). A fast failure of a hedge brings the next one
 * forward to {@link #AFTER_FAILURE_MILLIS} ms. One timer task checks the waiting requests every
 * {@link #TICK_MILLIS} ms while there are any, and hedges run on the client's call threads; a
 * request that is answered in time costs a registration in a map and nothing else. Each hedge is
 * logged at {@code DEBUG} ({@code FINE}) on the {@code link.etcd.internal.http.Hedging} {@link
 * System.Logger}.
 */
public final class Hedging {
  public static final long FLOOR_MILLIS = 300;
  static final int MULTIPLE_OF_P99 = 4;
  static final int WINDOW = 512;
  static final long REPEAT_MILLIS = FLOOR_MILLIS;
  static final long TICK_MILLIS = 20;
  static final long AFTER_FAILURE_MILLIS = 100;
  private static final long IDLE_MILLIS = 1000;
  private static final System.Logger LOG = System.getLogger(Hedging.class.getName());

  /**
   * The tag of a request sent by a {@link HedgeRace}: one attempt at {@code endpoint}, which a
   * hedge also verifies (its cluster id) the way the first attempt was.
   */
  record Attempt(Endpoint endpoint, boolean hedge) {}

  private final ClusterView view;
  private final Executor threads;
  private final LatencyWindow latencies = new LatencyWindow(WINDOW);
  private final Map<Call, HedgeRace> races = new ConcurrentHashMap<>();
  private final AtomicBoolean ticking = new AtomicBoolean();
  private volatile @Nullable OkHttpClient http;
  private volatile boolean closed;

  Hedging(ClusterView view, Executor threads) {
    this.view = view;
    this.threads = threads;
  }

  /** Sends attempts with {@code http}, the client whose interceptors this hedging serves. */
  void sendWith(OkHttpClient http) {
    this.http = http;
  }

  /** An event listener that passes the cancel of a call on to its attempts. */
  EventListener cancellations() {
    return new EventListener() {
      @Override
      public void canceled(Call call) {
        HedgeRace race = races.get(call);
        if (race != null) {
          race.cancelAttempts();
        }
      }
    };
  }

  /**
   * Starts the race of a call about to send {@code request}, or returns null when it is not hedged.
   */
  @Nullable HedgeRace start(Interceptor.Chain chain, Request request) {
    OkHttpClient client = http;
    if (client == null
        || closed
        || !hedgesOnTime(request)
        || chain.readTimeoutMillis() != client.readTimeoutMillis()) {
      return null;
    }
    HedgeRace race = new HedgeRace(this, client, chain.call(), request, System.nanoTime());
    races.put(chain.call(), race);
    if (ticking.compareAndSet(false, true)) {
      try {
        threads.execute(this::tick);
      } catch (RejectedExecutionException clientClosed) {
        ticking.set(false);
      }
    }
    return race;
  }

  void finished(HedgeRace race) {
    races.remove(race.outer());
  }

  /**
   * Whether {@code request} is hedged when it waits long: a key request that is idempotent, not a
   * watch and not a tree read (see the class comment).
   */
  static boolean hedgesOnTime(Request request) {
    String path = request.url().encodedPath();
    Resend resend = request.tag(Resend.class);
    if (resend != null) {
      return resend == Resend.HEDGED;
    }
    if (!path.contains("/keys/") || !FailoverInterceptor.isIdempotent(request)) {
      return false;
    }
    return switch (request.method()) {
      case "GET" ->
          !"true".equals(request.url().queryParameter("recursive"))
              && !"true".equals(request.url().queryParameter("wait"));
      case "PUT" -> true;
      default -> false;
    };
  }

  /**
   * Tells the races that a call saw {@code endpoint} fail: those waiting on it are hedged at the
   * next tick.
   */
  void memberFailed(Endpoint endpoint) {
    for (HedgeRace race : races.values()) {
      race.memberFailed(endpoint);
    }
  }

  /** Records how long an attempt waited for its answer's headers. */
  void answered(long nanos) {
    latencies.record(nanos);
  }

  /** The time a request waits before it is hedged (again). */
  long delayNanos() {
    return Math.max(
        TimeUnit.MILLISECONDS.toNanos(FLOOR_MILLIS), MULTIPLE_OF_P99 * latencies.percentile(0.99));
  }

  /**
   * The endpoints to hedge to, in order: the candidates other than {@code waitingOn}, then {@code
   * waitingOn} itself (a new request there may be answered when the one it holds is not).
   */
  List<Endpoint> targets(@Nullable Endpoint waitingOn) {
    List<Endpoint> targets = new ArrayList<>();
    try {
      targets.addAll(view.candidates());
    } catch (UnknownHostException noSrvRecords) {
      // The SRV records cannot be looked up now: the endpoint waited on is all there is.
    }
    if (waitingOn != null) {
      targets.remove(waitingOn);
      targets.add(waitingOn);
    }
    return targets;
  }

  /** Makes {@code endpoint} the one later calls go to: it answered a hedge. */
  void hedgeAnsweredBy(Endpoint endpoint) {
    view.succeeded(endpoint);
  }

  /** Runs a hedge on the client's call threads; false when the client is closed. */
  boolean run(Runnable hedge) {
    if (closed) {
      return false;
    }
    try {
      threads.execute(hedge);
      return true;
    } catch (RejectedExecutionException clientClosed) {
      return false;
    }
  }

  void log(Request request, Endpoint target, long waitedNanos, String why) {
    LOG.log(
        Level.DEBUG,
        () ->
            "Sent "
                + request.method()
                + " "
                + request.url().encodedPath()
                + " to "
                + target
                + " as well, after "
                + TimeUnit.NANOSECONDS.toMillis(waitedNanos)
                + " ms: "
                + why);
  }

  /** Cancels every race's attempts; no request is hedged after this. */
  void close() {
    closed = true;
    races.values().forEach(HedgeRace::cancelAttempts);
  }

  /** The timer: while calls are in a race, looks at each every {@link #TICK_MILLIS} ms. */
  private void tick() {
    long busy = System.nanoTime();
    while (!closed) {
      long now = System.nanoTime();
      if (!races.isEmpty()) {
        busy = now;
        for (HedgeRace race : races.values()) {
          race.tick(now);
        }
      } else if (now - busy > TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS)) {
        ticking.set(false);
        // A race that started after the check above, and saw ticking still true, is watched by
        // going on.
        if (races.isEmpty() || !ticking.compareAndSet(false, true)) {
          return;
        }
      }
      try {
        Thread.sleep(TICK_MILLIS);
      } catch (InterruptedException e) {
        ticking.set(false);
        return;
      }
    }
    ticking.set(false);
  }
}
