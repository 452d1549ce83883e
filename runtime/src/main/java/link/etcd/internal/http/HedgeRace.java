package link.etcd.internal.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The attempts of one hedged call: the first attempt, sent by {@link FailoverInterceptor} on the
 * calling thread, and the hedges {@link Hedging}'s timer adds; the first answer wins and cancels
 * the others. Each attempt is a call of its own (tagged {@link Hedging.Attempt}), so that one can
 * be cancelled without the others, over HTTP/1.1 and HTTP/2 alike. Thread-safe.
 */
public final class HedgeRace {
  private final Hedging hedging;
  private final OkHttpClient http;
  private final Call outer;
  private final Request request;
  private final long startNanos;

  /** The attempts in flight, and the endpoint of each. */
  private final Map<Call, Endpoint> attempts = new HashMap<>();

  private @Nullable Call first;
  private @Nullable Endpoint waitingOn;
  private long firstStartNanos;
  private long nextHedgeNanos;
  private int hedges;
  private boolean hedgeNow;
  private @Nullable Response winner;
  private boolean hedgeWon;
  private boolean winnerTaken;
  private boolean done;

  HedgeRace(Hedging hedging, OkHttpClient http, Call outer, Request request, long startNanos) {
    this.hedging = hedging;
    this.http = http;
    this.outer = outer;
    this.request = request;
    this.startNanos = startNanos;
    this.nextHedgeNanos = startNanos + TimeUnit.MILLISECONDS.toNanos(Hedging.FLOOR_MILLIS);
  }

  Call outer() {
    return outer;
  }

  /**
   * Sends {@code attempt} to {@code endpoint} on the calling thread, as its own call. It fails,
   * like a cancelled call, when a hedge has already won; {@link #winner} then has the answer.
   */
  Response proceed(Endpoint endpoint, Request attempt) throws IOException {
    Call call =
        http.newCall(
            attempt
                .newBuilder()
                .tag(Hedging.Attempt.class, new Hedging.Attempt(endpoint, false))
                .build());
    synchronized (this) {
      if (winner != null || done) {
        throw new IOException("Canceled");
      }
      first = call;
      waitingOn = endpoint;
      firstStartNanos = System.nanoTime();
      hedgeNow = false;
      attempts.put(call, endpoint);
    }
    if (outer.isCanceled()) {
      call.cancel();
    }
    try {
      return call.execute();
    } finally {
      synchronized (this) {
        attempts.remove(call);
      }
    }
  }

  /**
   * Returns the answer of the hedge that won, which the caller returns instead of its own attempt's
   * failure; null when no hedge has won.
   */
  synchronized @Nullable Response winner() {
    if (winner != null && hedgeWon) {
      winnerTaken = true;
      return winner;
    }
    return null;
  }

  /**
   * Takes the first attempt's answer as the call's, unless a hedge won first: then closes it and
   * returns the hedge's.
   */
  Response claim(Response response) {
    long took;
    synchronized (this) {
      if (winner != null) {
        response.close();
        winnerTaken = true;
        return winner;
      }
      winner = response;
      winnerTaken = true;
      took = System.nanoTime() - firstStartNanos;
      cancelAttemptsLocked();
    }
    hedging.answered(took);
    return response;
  }

  /** Waits up to {@code millis} for a hedge to win, as the pause between rounds of attempts. */
  synchronized void sleep(long millis) throws InterruptedIOException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    try {
      for (long left = millis; winner == null && left > 0; ) {
        wait(left);
        left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry");
    }
  }

  /** Ends the race: cancels the attempts in flight, closes a hedge's answer nobody took. */
  void finish() {
    Response unclaimed = null;
    synchronized (this) {
      done = true;
      cancelAttemptsLocked();
      if (winner != null && !winnerTaken) {
        unclaimed = winner;
      }
    }
    if (unclaimed != null) {
      unclaimed.close();
    }
    hedging.finished(this);
  }

  synchronized void cancelAttempts() {
    cancelAttemptsLocked();
  }

  private void cancelAttemptsLocked() {
    for (Call call : attempts.keySet()) {
      call.cancel();
    }
    notifyAll();
  }

  /** Hedges at the next tick when the first attempt waits on {@code endpoint}. */
  synchronized void memberFailed(Endpoint endpoint) {
    if (first != null && attempts.containsKey(first) && endpoint.equals(waitingOn)) {
      hedgeNow = true;
    }
  }

  /** Called by the timer: sends a hedge when it is time. */
  void tick(long now) {
    String why;
    Endpoint waiting;
    synchronized (this) {
      if (done || winner != null) {
        return;
      }
      if (outer.isCanceled()) {
        cancelAttemptsLocked();
        return;
      }
      if (!hedgeNow && now < nextHedgeNanos) {
        return;
      }
      long delay = hedging.delayNanos();
      if (!hedgeNow && hedges == 0 && now < startNanos + delay) {
        nextHedgeNanos = startNanos + delay;
        return;
      }
      why =
          hedgeNow
              ? waitingOn + " was seen failing"
              : "past the hedge delay of " + TimeUnit.NANOSECONDS.toMillis(delay) + " ms";
      hedgeNow = false;
      // Once a request waited past the delay, its wait is not the cluster's normal latency: the
      // next hedge goes out after the floor, so a held write is sent again soon after the election.
      nextHedgeNanos = now + TimeUnit.MILLISECONDS.toNanos(Hedging.REPEAT_MILLIS);
      waiting = waitingOn;
    }
    List<Endpoint> targets = hedging.targets(waiting);
    if (!targets.isEmpty()) {
      hedge(targets, now, why);
    }
  }

  private void hedge(List<Endpoint> targets, long now, String why) {
    Endpoint target;
    Call call;
    List<Call> replaced = new ArrayList<>();
    synchronized (this) {
      if (done || winner != null) {
        return;
      }
      target = targets.get(hedges++ % targets.size());
      call =
          http.newCall(
              request
                  .newBuilder()
                  .url(target.rewrite(request.url()))
                  .tag(Hedging.Attempt.class, new Hedging.Attempt(target, true))
                  .build());
      // At most one attempt per member: a hedge there before this one is held too.
      attempts.forEach(
          (older, endpoint) -> {
            if (endpoint.equals(target) && older != first) {
              replaced.add(older);
            }
          });
      replaced.forEach(attempts::remove);
      attempts.put(call, target);
    }
    replaced.forEach(Call::cancel);
    hedging.log(request, target, now - startNanos, why);
    if (!hedging.run(() -> runHedge(call, target))) {
      call.cancel();
      synchronized (this) {
        attempts.remove(call);
      }
    }
  }

  private void runHedge(Call call, Endpoint target) {
    Response response;
    try {
      response = call.execute();
    } catch (IOException e) {
      hedgeFailed(call);
      return;
    }
    if (response.code() >= 500) {
      response.close();
      hedgeFailed(call);
      return;
    }
    // Before the caller can return this answer, so that its next call goes to this member.
    hedging.hedgeAnsweredBy(target);
    if (!hedgeAnswered(call, response)) {
      response.close();
      hedgeFailed(call);
    }
  }

  private synchronized boolean hedgeAnswered(Call call, Response response) {
    attempts.remove(call);
    if (done || winner != null) {
      return false;
    }
    winner = response;
    hedgeWon = true;
    cancelAttemptsLocked();
    return true;
  }

  private synchronized void hedgeFailed(Call call) {
    attempts.remove(call);
    if (!done && winner == null && !call.isCanceled()) {
      nextHedgeNanos =
          Math.min(
              nextHedgeNanos,
              System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Hedging.AFTER_FAILURE_MILLIS));
    }
  }
}
