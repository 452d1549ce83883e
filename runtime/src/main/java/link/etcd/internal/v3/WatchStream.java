package link.etcd.internal.v3;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.EtcdV3Client;
import link.etcd.WatchEvent;
import link.etcd.WatchOptions;
import link.etcd.Watcher;
import link.etcd.internal.http.Backoff;
import link.etcd.internal.http.ErrorDecoder;
import link.etcd.internal.v3.pb.WatchCancelRequest;
import link.etcd.internal.v3.pb.WatchRequest;
import link.etcd.internal.v3.pb.WatchResponse;
import org.jspecify.annotations.Nullable;

/**
 * The one gRPC {@code Watch} stream of a v3 client, carrying every {@link V3Watch} of the client by
 * {@code watch_id}. It opens at the first watch, on the client's HTTP/2 connection (whose PINGs
 * find a dead member under a quiet stream), and its answers are read on one of the client's watch
 * threads, apart from ordinary calls, and handed to the watch they name, in order.
 *
 * <ul>
 *   <li>a watch is created with its start revision, {@code prev_kv}, its prefix range and {@code
 *       progress_notify}, under an id this stream chooses; closing it sends {@code cancel_request}
 *       and forgets the id; when no watch is left, the stream is closed;
 *   <li>when the stream fails (a member killed, a failover, GOAWAY, a reset), it is opened again
 *       and every live watch created again from its own next revision: at once when the stream had
 *       run a second or more, else after a backoff that doubles from 100 ms up to 5 s; the first
 *       failure of a series is logged at {@code WARNING}. A watch whose {@link
 *       WatchOptions#retryTimeout()} passes while every attempt fails ends with {@link
 *       WatchEvent.Failed}, as do all of them on an error that retrying cannot fix;
 *   <li>a stale token ({@code cancel_reason} "invalid auth token" or "auth store is old") is
 *       dropped and the stream opened again, which authenticates anew.
 * </ul>
 */
public final class WatchStream {
  private static final System.Logger LOG = System.getLogger(Watcher.class.getName());

  private final EtcdV3Client client;
  private final GrpcTransport transport;
  private final KeyBytes keys;
  private final KvMessages messages;
  private final Object lock = new Object();

  /** The watches that should be on the stream, in the order they came. Guarded by {@link #lock}. */
  private final Set<V3Watch> live = new LinkedHashSet<>();

  /** The watches created on {@link #current}, by id. Guarded by {@link #lock}. */
  private final Map<Long, V3Watch> byId = new HashMap<>();

  /**
   * The ids of creates sent on {@link #current} that etcd has not answered yet, in the order sent:
   * etcd answers creates in that order, and a refusal may name no id ({@code watch_id} -1 on etcd
   * 3.4). Guarded by {@link #lock}.
   */
  private final Deque<Long> unanswered = new ArrayDeque<>();

  private long nextId = 1;
  private @Nullable GrpcStream<WatchRequest, WatchResponse> current;

  /** The last stream ended on purpose (no watch left, or a new token needed). Guarded by lock. */
  private @Nullable GrpcStream<WatchRequest, WatchResponse> retired;

  private boolean reading;
  private boolean closed;
  private int failures;
  private long failingSince;

  /**
   * @param client the client whose range reads resyncs use
   * @param transport the client's transport
   * @param keys the client's key prefix
   */
  public WatchStream(EtcdV3Client client, GrpcTransport transport, KeyBytes keys) {
    this.client = client;
    this.transport = transport;
    this.keys = keys;
    this.messages = new KvMessages(keys);
  }

  /**
   * Starts a watch of {@code key} from {@code fromRevision} on this stream, opening it when needed.
   *
   * @param key the watched key, without {@code key_prefix}
   * @param options recursive and the retry timeout
   * @param fromRevision the first revision delivered
   * @param listener called with each event, on a watch thread, one at a time
   * @return the running watcher
   */
  public Watcher watch(
      String key, WatchOptions options, long fromRevision, Consumer<WatchEvent> listener) {
    V3Watch watch = new V3Watch(client, this, messages, key, options, fromRevision, listener);
    add(watch);
    return watch;
  }

  /** Puts {@code watch} on the stream: created at once when it is open, else when it opens. */
  void add(V3Watch watch) {
    synchronized (lock) {
      if (closed) {
        watch.closeQuietly();
        return;
      }
      live.add(watch);
      GrpcStream<WatchRequest, WatchResponse> stream = current;
      if (stream != null) {
        send(stream, create(watch));
      }
      if (!reading) {
        reading = true;
        transport.runOnWatchThread(this::run);
      }
    }
  }

  /** Takes {@code watch} off the stream, sending etcd its {@code cancel_request}. */
  void remove(V3Watch watch) {
    synchronized (lock) {
      live.remove(watch);
      GrpcStream<WatchRequest, WatchResponse> stream = current;
      Long id = idOf(watch);
      if (id != null) {
        byId.remove(id);
        if (stream != null && !live.isEmpty()) {
          send(
              stream,
              new WatchRequest.Builder()
                  .cancel_request(new WatchCancelRequest.Builder().watch_id(id).build())
                  .build());
        }
      }
      if (live.isEmpty() && stream != null) {
        // No watch left: the stream ends; the next watch opens a new one.
        retire(stream);
      }
    }
  }

  /** {@return the create request of {@code watch} under a new id}, noted as unanswered. */
  private WatchRequest create(V3Watch watch) {
    long id = nextId++;
    byId.put(id, watch);
    unanswered.add(id);
    return new WatchRequest.Builder().create_request(watch.create(keys, id)).build();
  }

  private @Nullable Long idOf(V3Watch watch) {
    for (Map.Entry<Long, V3Watch> entry : byId.entrySet()) {
      if (entry.getValue() == watch) {
        return entry.getKey();
      }
    }
    return null;
  }

  /** Ends {@code stream} on purpose; its reader opens a new one if watches are left. */
  private void retire(GrpcStream<WatchRequest, WatchResponse> stream) {
    synchronized (lock) {
      retired = stream;
      if (current == stream) {
        current = null;
      }
    }
    stream.cancel();
  }

  /**
   * Sends {@code request}; a stream that broke meanwhile fails its reader, which opens it again
   * with every live watch.
   */
  private static void send(GrpcStream<WatchRequest, WatchResponse> stream, WatchRequest request) {
    try {
      stream.send(request);
    } catch (IOException | IllegalStateException broken) {
      // The reader sees the same failure on its side of the stream.
    }
  }

  /** The reader: opens the stream, reads it, and opens it again until no watch is left. */
  private void run() {
    while (true) {
      GrpcStream<WatchRequest, WatchResponse> stream;
      synchronized (lock) {
        if (closed || live.isEmpty()) {
          reading = false;
          return;
        }
        stream = transport.grpc().stream(transport.watchHttp(), EtcdMethods.WATCH);
        byId.clear();
        unanswered.clear();
        for (V3Watch watch : live) {
          send(stream, create(watch));
        }
        current = stream;
      }
      long started = System.nanoTime();
      RuntimeException failure;
      try (stream) {
        stream.start();
        WatchResponse answer;
        while ((answer = stream.receive()) != null && dispatch(stream, answer)) {
          // each answer is handed to its watch
        }
        failure =
            answer == null && !endedOnPurpose(stream)
                ? new EtcdException(EtcdError.UNKNOWN, "etcd ended the watch stream", null)
                : null;
      } catch (IOException e) {
        failure = endedOnPurpose(stream) ? null : transport.v3Failure(stream.request(), e);
      } catch (RuntimeException e) {
        failure = endedOnPurpose(stream) ? null : e;
      } finally {
        synchronized (lock) {
          if (current == stream) {
            current = null;
          }
        }
      }
      if (failure != null && !failed(failure, started)) {
        return;
      }
    }
  }

  private boolean endedOnPurpose(GrpcStream<WatchRequest, WatchResponse> stream) {
    synchronized (lock) {
      return closed || retired == stream;
    }
  }

  /**
   * Hands {@code answer} to the watch it names; returns false when the stream must be opened again
   * (for a new auth token).
   */
  private boolean dispatch(GrpcStream<WatchRequest, WatchResponse> stream, WatchResponse answer) {
    V3Watch watch;
    synchronized (lock) {
      if (current != stream) {
        return false;
      }
      long id = answer.watch_id;
      if (answer.created && !unanswered.remove(id)) {
        Long first = unanswered.poll();
        id = first == null ? id : first;
      }
      watch = byId.get(id);
      if (watch != null && answer.canceled) {
        byId.remove(id);
        live.remove(watch);
      }
    }
    if (watch == null) {
      return true;
    }
    if (answer.created) {
      recovered();
    }
    if (!answer.canceled) {
      watch.answered(answer);
      return true;
    }
    if (answer.compact_revision > 0) {
      transport.runOnWatchThread(watch::resync);
      return true;
    }
    if (!watch.canceled(answer.cancel_reason)) {
      return true;
    }
    // A stale token: drop it, and open the stream again, which authenticates anew.
    transport.forgetV3Token();
    synchronized (lock) {
      live.add(watch);
    }
    retire(stream);
    return false;
  }

  /**
   * Hears that the stream failed: ends the watches that cannot go on and waits before the next
   * attempt; returns false when nothing is left to read.
   */
  private boolean failed(RuntimeException cause, long started) {
    List<V3Watch> watches;
    synchronized (lock) {
      if (closed || client.isClosed()) {
        closed = true;
        reading = false;
        return false;
      }
      watches = new ArrayList<>(live);
    }
    EtcdException error = cause instanceof EtcdException etcd ? etcd : null;
    if (error != null && isPermanent(error.error())) {
      watches.forEach(watch -> watch.fail(error));
      return true;
    }
    if (System.nanoTime() - started >= TimeUnit.SECONDS.toNanos(1)) {
      // The stream ran a while before it failed: open the next one at once.
      failures = 0;
      return true;
    }
    if (failures == 0) {
      failingSince = System.nanoTime();
    } else {
      long failing = System.nanoTime() - failingSince;
      for (V3Watch watch : watches) {
        if (failing >= watch.retryTimeoutNanos()) {
          watch.fail(
              gaveUp(watch.key(), watch.nextIndex(), failures, watch.retryTimeoutNanos(), cause));
        }
      }
    }
    failures++;
    long delay = Backoff.WATCH.millisAfter(failures);
    if (failures == 1) {
      LOG.log(
          Level.WARNING,
          "The watch stream of {0} watches failed ({1}); opening it again with backoff up to {2}"
              + " ms",
          Integer.toString(watches.size()),
          ErrorDecoder.whatHappened(cause),
          Long.toString(Backoff.WATCH.maxMillis()));
    }
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
    synchronized (lock) {
      long left;
      while (!closed && (left = until - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          closed = true;
        }
      }
    }
    return true;
  }

  private void recovered() {
    if (failures > 0) {
      LOG.log(
          Level.INFO,
          "The watch stream works again after {0} failed attempts",
          Integer.toString(failures));
      failures = 0;
    }
  }

  /** {@return the error of a watch that every attempt failed for its retry timeout} */
  static EtcdException gaveUp(
      String key, long nextRevision, int failures, long retryTimeoutNanos, RuntimeException last) {
    String message =
        "The watch of "
            + key
            + " ended at revision "
            + nextRevision
            + " after "
            + failures
            + " failed attempts in "
            + TimeUnit.NANOSECONDS.toSeconds(retryTimeoutNanos)
            + " s (WatchOptions.retryTimeout); the last one: "
            + ErrorDecoder.whatHappened(last);
    return last instanceof EtcdException etcd
        ? new EtcdException(message, etcd)
        : new EtcdException(EtcdError.UNKNOWN, message, last);
  }

  /** Errors that the same request, sent again, cannot overcome: they end the watch. */
  static boolean isPermanent(EtcdError error) {
    return switch (error) {
      case UNAUTHORIZED,
          PERMISSION_DENIED,
          UNSUPPORTED,
          INVALID_REQUEST,
          TOO_LARGE,
          CLUSTER_CHANGED ->
          true;
      default -> false;
    };
  }

  /** Ends every watch without an event and the stream with them: the client is closing. */
  public void close() {
    List<V3Watch> watches;
    GrpcStream<WatchRequest, WatchResponse> stream;
    synchronized (lock) {
      closed = true;
      watches = new ArrayList<>(live);
      live.clear();
      byId.clear();
      stream = current;
      current = null;
      lock.notifyAll();
    }
    watches.forEach(V3Watch::closeQuietly);
    if (stream != null) {
      stream.cancel();
    }
  }
}
