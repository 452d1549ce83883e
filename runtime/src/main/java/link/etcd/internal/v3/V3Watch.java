package link.etcd.internal.v3;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.EtcdNode;
import link.etcd.EtcdResponse;
import link.etcd.EtcdV3Client;
import link.etcd.WatchEvent;
import link.etcd.WatchOptions;
import link.etcd.Watcher;
import link.etcd.internal.v3.pb.Event;
import link.etcd.internal.v3.pb.KeyValue;
import link.etcd.internal.v3.pb.ResponseHeader;
import link.etcd.internal.v3.pb.WatchCreateRequest;
import link.etcd.internal.v3.pb.WatchRequest;
import link.etcd.internal.v3.pb.WatchResponse;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * The v3 side of a {@link Watcher}: one gRPC {@code Watch} stream at a time, its messages read as
 * they arrive, on one of the client's watch threads (a thread of its own, so it never holds back
 * ordinary calls).
 *
 * <ul>
 *   <li>every answer's events are delivered in order as {@link WatchEvent.Change}s, then the watch
 *       goes on from the last event's {@code mod_revision + 1}: after any end of the stream (a
 *       member killed, a failover, the poll timeout of a silent stream) a new stream starts there,
 *       so no change is skipped or repeated;
 *   <li>a watch from a compacted revision ({@code canceled} with {@code compact_revision}) reads
 *       the watched keys at the latest revision, delivers one {@link WatchEvent.Resync} and goes on
 *       after its revision;
 *   <li>a stale auth token ({@code cancel_reason} "invalid auth token" or "auth store is old") is
 *       dropped and the stream started again with a new one; if that fails again, or etcd says
 *       "permission denied", or refuses the request, the watcher delivers one {@link
 *       WatchEvent.Failed} and stops;
 *   <li>other failures (no leader, connection refused) are retried after a backoff that doubles
 *       from 100 ms up to 5 s; the first failure of a series is logged at {@code WARNING}; when
 *       every attempt failed for {@link WatchOptions#retryTimeout()}, the watcher delivers one
 *       {@link WatchEvent.Failed} and stops.
 * </ul>
 */
public final class V3Watch implements Runnable {
  private static final System.Logger LOG = System.getLogger(Watcher.class.getName());
  private static final long FIRST_BACKOFF_MILLIS = 100;
  private static final long MAX_BACKOFF_MILLIS = 5_000;

  private final EtcdV3Client client;
  private final GrpcTransport transport;
  private final KeyBytes keys;
  private final String key;
  private final boolean recursive;
  private final OkHttpClient http;
  private final Consumer<WatchEvent> listener;
  private final long retryTimeoutNanos;
  private volatile boolean closed;
  private volatile long nextRevision;
  private volatile @Nullable GrpcStream<WatchRequest, WatchResponse> inFlight;
  private int failures;
  private long failingSince;

  /** Whether the token was renewed for a stream that has not delivered anything since. */
  private boolean renewedToken;

  public V3Watch(
      EtcdV3Client client,
      GrpcTransport transport,
      KeyBytes keys,
      String key,
      WatchOptions options,
      long fromRevision,
      Consumer<WatchEvent> listener) {
    this.client = client;
    this.transport = transport;
    this.keys = keys;
    this.key = key;
    this.recursive = options.recursive();
    this.nextRevision = fromRevision;
    this.listener = listener;
    this.retryTimeoutNanos = options.retryTimeout().toNanos();
    this.http = transport.watchHttp().newBuilder().readTimeout(options.pollTimeout()).build();
  }

  public String key() {
    return key;
  }

  boolean recursive() {
    return recursive;
  }

  public long nextRevision() {
    return nextRevision;
  }

  public boolean isOpen() {
    return !closed;
  }

  @Override
  public void run() {
    boolean resync = false;
    while (!closed) {
      long started = System.nanoTime();
      try {
        if (resync) {
          resync();
          resync = false;
        }
        resync = stream();
      } catch (Stop stop) {
        if (!closed) {
          closed = true;
          deliver(new WatchEvent.Failed(stop.error, nextRevision));
        }
        return;
      } catch (RuntimeException e) {
        if (closed || clientClosed()) {
          closed = true;
          return;
        }
        EtcdException error = e instanceof EtcdException etcd ? etcd : null;
        if (error != null && isPermanent(error.error())) {
          closed = true;
          deliver(new WatchEvent.Failed(error, nextRevision));
          return;
        }
        if (failures > 0 && System.nanoTime() - failingSince >= retryTimeoutNanos) {
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
                  + e.getMessage();
          closed = true;
          deliver(
              new WatchEvent.Failed(
                  error != null
                      ? new EtcdException(message, error)
                      : new EtcdException(EtcdError.UNKNOWN, message, e),
                  nextRevision));
          return;
        }
        if (!backoff(e, started)) {
          return;
        }
      }
    }
  }

  /**
   * Runs one stream from {@link #nextRevision}; returns normally when it ended (the caller starts
   * the next one), with {@code true} when etcd no longer has that revision and the watcher must
   * resync first.
   */
  private boolean stream() {
    WatchCreateRequest.Builder create =
        new WatchCreateRequest.Builder()
            .key(keys.key(key))
            .start_revision(nextRevision)
            .prev_kv(true);
    if (recursive) {
      create.range_end(keys.rangeEnd(EtcdV3Client.prefixEnd(dirPrefix())));
    }
    GrpcStream<WatchRequest, WatchResponse> stream =
        transport.grpc().stream(http, EtcdMethods.WATCH);
    inFlight = stream;
    if (closed) {
      stream.close();
      return false;
    }
    try (stream) {
      stream.send(new WatchRequest.Builder().create_request(create.build()).build());
      stream.start();
      WatchResponse answer;
      while (!closed && (answer = stream.receive()) != null) {
        if (answer.canceled) {
          return canceled(answer);
        }
        if (answer.created) {
          recovered();
        }
        deliver(answer);
      }
      return false;
    } catch (SocketTimeoutException silent) {
      // No event within the poll timeout: a new stream from the same revision finds out whether the
      // member lives.
      return false;
    } catch (IOException e) {
      if (closed) {
        return false;
      }
      throw transport.v3Failure(stream.request(), e);
    } finally {
      inFlight = null;
    }
  }

  private boolean canceled(WatchResponse answer) {
    if (answer.compact_revision > 0) {
      return true;
    }
    String reason = answer.cancel_reason;
    if (reason.contains("invalid auth token") || reason.contains("auth store is old")) {
      if (renewedToken) {
        throw new Stop(
            new EtcdException(
                EtcdError.UNAUTHORIZED,
                "etcd refused the watch of "
                    + key
                    + " again after the client authenticated anew ("
                    + reason
                    + "); check the username and password",
                null));
      }
      renewedToken = true;
      transport.forgetV3Token();
      return false;
    }
    EtcdError error =
        reason.contains("permission denied") ? EtcdError.PERMISSION_DENIED : EtcdError.UNKNOWN;
    String fix =
        error == EtcdError.PERMISSION_DENIED
            ? "; grant the user a role that may read "
                + key
                + (recursive ? " and everything under it" : "")
            : "";
    throw new Stop(
        new EtcdException(
            error,
            "etcd cancelled the watch of "
                + key
                + " ("
                + (reason.isEmpty() ? "no reason given" : reason)
                + ")"
                + fix,
            null));
  }

  private void deliver(WatchResponse answer) {
    for (Event event : answer.events) {
      if (closed) {
        return;
      }
      renewedToken = false;
      String eventKey = keys.fromWire(event.kv.key);
      long revision = event.kv.mod_revision;
      // Moved on before the listener runs, as the v2 watcher does: a listener that asks the watcher
      // where it stands sees the revision after the event it was handed.
      nextRevision = Math.max(nextRevision, revision + 1);
      if (inside(eventKey) && !DirectoryMarkers.isMarker(eventKey)) {
        deliver(new WatchEvent.Change(response(event, eventKey, answer.header)));
      }
    }
  }

  private EtcdResponse response(Event event, String eventKey, @Nullable ResponseHeader header) {
    boolean delete = event.type == Event.EventType.DELETE;
    KeyValue kv = event.kv;
    EtcdNode node =
        new EtcdNode(
            eventKey,
            delete ? null : KeyBytes.value(kv.value, eventKey),
            false,
            kv.create_revision,
            kv.mod_revision,
            null,
            null,
            List.of());
    KeyValue prev = event.prev_kv;
    EtcdNode prevNode =
        prev == null
            ? null
            : new EtcdNode(
                eventKey,
                KeyBytes.value(prev.value, eventKey),
                false,
                prev.create_revision,
                prev.mod_revision,
                null,
                null,
                List.of());
    String action = delete ? "delete" : kv.version == 1 ? "create" : "set";
    return new EtcdResponse(
        action,
        node,
        prevNode,
        header == null ? 0 : header.revision,
        0,
        header == null ? 0 : header.raft_term,
        header == null ? null : Long.toUnsignedString(header.cluster_id));
  }

  /**
   * Reads the watched keys at the latest revision and delivers them as one {@link
   * WatchEvent.Resync}.
   */
  private void resync() {
    List<EtcdV3Client.KeyValue> found = new ArrayList<>();
    EtcdV3Client.RangeOptions options = EtcdV3Client.RangeOptions.defaults();
    if (recursive) {
      options = options.withRangeEnd(EtcdV3Client.prefixEnd(dirPrefix()));
    }
    EtcdV3Client.RangeResult read = client.range(key, options);
    read.kvs().stream().filter(kv -> inside(kv.key())).forEach(found::add);
    if (closed) {
      return;
    }
    recovered();
    nextRevision = read.revision() + 1;
    deliver(new WatchEvent.Resync(V3Snapshot.of(key, found), read.revision()));
  }

  private String dirPrefix() {
    return key.endsWith("/") ? key : key + "/";
  }

  private boolean inside(String eventKey) {
    return eventKey.equals(key) || recursive && eventKey.startsWith(dirPrefix());
  }

  private void deliver(WatchEvent event) {
    Watcher.deliver(listener, key, event);
  }

  /** Errors that the same request, sent again, cannot overcome: they end the watch. */
  private static boolean isPermanent(EtcdError error) {
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

  /** Waits before the next attempt; returns false when the wait was ended by {@link #close()}. */
  private boolean backoff(RuntimeException cause, long startedNanos) {
    if (System.nanoTime() - startedNanos >= TimeUnit.SECONDS.toNanos(1)) {
      // The stream ran a while before it failed: start the next one at once.
      failures = 0;
      return true;
    }
    if (failures == 0) {
      failingSince = System.nanoTime();
    }
    failures++;
    long ceiling = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(failures - 1, 16));
    long delay = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    if (failures == 1) {
      LOG.log(
          Level.WARNING,
          "The watch of {0} failed ({1}); retrying at revision {2} with backoff up to {3} ms",
          key,
          cause.getMessage(),
          Long.toString(nextRevision),
          Long.toString(MAX_BACKOFF_MILLIS));
    }
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
    synchronized (this) {
      long left;
      while (!closed && (left = until - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          closed = true;
        }
      }
    }
    return !closed;
  }

  private void recovered() {
    if (failures > 0) {
      LOG.log(
          Level.INFO,
          "The watch of {0} works again after {1} failed attempts",
          key,
          Integer.toString(failures));
      failures = 0;
    }
  }

  private boolean clientClosed() {
    return client.isClosed();
  }

  /** Stops the watch: cancels the stream in flight and ends the watch thread. Idempotent. */
  public void close() {
    closed = true;
    GrpcStream<?, ?> stream = inFlight;
    if (stream != null) {
      stream.cancel();
    }
    synchronized (this) {
      notifyAll();
    }
  }

  /** Ends the watch with an error for the listener. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient EtcdException error;

    Stop(EtcdException error) {
      super(error.getMessage(), null, false, false);
      this.error = error;
    }
  }

  @Override
  public String toString() {
    return key + (recursive ? " recursive" : "") + ", next revision " + nextRevision;
  }
}
