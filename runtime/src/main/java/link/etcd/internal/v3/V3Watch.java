package link.etcd.internal.v3;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.EtcdV3Client;
import link.etcd.WatchEvent;
import link.etcd.WatchOptions;
import link.etcd.Watcher;
import link.etcd.internal.http.Backoff;
import link.etcd.internal.v3.pb.Event;
import link.etcd.internal.v3.pb.WatchCreateRequest;
import link.etcd.internal.v3.pb.WatchResponse;

/**
 * The v3 {@link Watcher}: one watch on its client's {@link WatchStream}, which sends its create and
 * cancel requests and hands it the answers with its {@code watch_id}.
 *
 * <ul>
 *   <li>every answer's events are delivered in order as {@link WatchEvent.V3Change}s, and the watch
 *       goes on from the last event's {@code mod_revision + 1}; a progress notification moves it to
 *       its revision + 1; after any end of the stream the stream re-creates the watch there, so no
 *       change is skipped or repeated;
 *   <li>a watch from a compacted revision ({@code canceled} with {@code compact_revision}) reads
 *       the watched keys at the latest revision on a watch thread, delivers one {@link
 *       WatchEvent.V3Resync} and is created again after its revision;
 *   <li>"permission denied", a request etcd refuses, or credentials refused even after the client
 *       authenticated anew end only this watch, with one {@link WatchEvent.Failed}.
 * </ul>
 */
public final class V3Watch implements Watcher {
  private static final System.Logger LOG = System.getLogger(Watcher.class.getName());

  private final EtcdV3Client client;
  private final WatchStream stream;
  private final KvMessages messages;
  private final String key;
  private final boolean recursive;
  private final boolean prevKv;
  private final Consumer<WatchEvent> listener;
  private final long retryTimeoutNanos;
  private volatile boolean closed;
  private volatile long nextRevision;

  /** Whether the token was renewed for this watch and it has not delivered anything since. */
  private volatile boolean renewedToken;

  V3Watch(
      EtcdV3Client client,
      WatchStream stream,
      KvMessages messages,
      String key,
      WatchOptions options,
      long fromRevision,
      Consumer<WatchEvent> listener) {
    this.client = client;
    this.stream = stream;
    this.messages = messages;
    this.key = key;
    this.recursive = options.recursive();
    this.prevKv = options.prevKv();
    this.nextRevision = fromRevision;
    this.listener = listener;
    this.retryTimeoutNanos = options.retryTimeout().toNanos();
  }

  @Override
  public String key() {
    return key;
  }

  /** Returns the revision of the next change this watcher waits for. */
  @Override
  public long nextIndex() {
    return nextRevision;
  }

  @Override
  public boolean isOpen() {
    return !closed;
  }

  long retryTimeoutNanos() {
    return retryTimeoutNanos;
  }

  /** {@return the create request of this watch, from {@link #nextIndex()}, as {@code id}} */
  WatchCreateRequest create(KeyBytes keys, long id) {
    WatchCreateRequest.Builder create =
        new WatchCreateRequest.Builder()
            .key(keys.key(key))
            .start_revision(nextRevision)
            .prev_kv(prevKv)
            .progress_notify(true)
            .watch_id(id);
    if (recursive) {
      create.range_end(keys.rangeEnd(EtcdV3Client.prefixEnd(dirPrefix())));
    }
    return create.build();
  }

  /** Delivers the events of {@code answer}, on the stream's thread. */
  void answered(WatchResponse answer) {
    if (answer.events.isEmpty()) {
      if (!answer.created && answer.header != null) {
        // A progress notification: etcd sent every change of this watch up to its revision.
        nextRevision = Math.max(nextRevision, answer.header.revision + 1);
      }
      return;
    }
    long from = nextRevision;
    for (Event event : answer.events) {
      if (closed) {
        return;
      }
      renewedToken = false;
      EtcdV3Client.KeyValue kv = messages.keyValue(event.kv);
      if (kv.modRevision() < from) {
        continue; // delivered before the stream was opened again
      }
      // Moved on before the listener runs, as the v2 watcher does: a listener that asks the watcher
      // where it stands sees the revision after the event it was handed.
      nextRevision = kv.modRevision() + 1;
      if (inside(kv.key()) && !DirectoryMarkers.isMarker(kv.key())) {
        deliver(
            new WatchEvent.V3Change(
                event.type == Event.EventType.DELETE
                    ? WatchEvent.V3Change.Type.DELETE
                    : WatchEvent.V3Change.Type.PUT,
                kv,
                event.prev_kv == null ? null : messages.keyValue(event.prev_kv)));
      }
    }
  }

  /**
   * Hears that etcd cancelled this watch for {@code reason}; returns whether the stream should be
   * opened again with a new token (the watch goes on there), else the watch has ended.
   */
  boolean canceled(String reason) {
    if (reason.contains("invalid auth token") || reason.contains("auth store is old")) {
      if (!renewedToken) {
        renewedToken = true;
        return true;
      }
      fail(
          new EtcdException(
              EtcdError.UNAUTHORIZED,
              "etcd refused the watch of "
                  + key
                  + " again after the client authenticated anew ("
                  + reason
                  + "); check the username and password",
              null));
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
    fail(
        new EtcdException(
            error,
            "etcd cancelled the watch of "
                + key
                + " ("
                + (reason.isEmpty() ? "no reason given" : reason)
                + ")"
                + fix,
            null));
    return false;
  }

  /**
   * Reads the watched keys at the latest revision, delivers them as one {@link WatchEvent.V3Resync}
   * and puts the watch back on the stream after that revision; runs on a watch thread of its own,
   * retrying with backoff until {@link WatchOptions#retryTimeout()}.
   */
  void resync() {
    int failures = 0;
    long failingSince = 0;
    while (!closed) {
      EtcdV3Client.RangeResult read;
      try {
        EtcdV3Client.RangeOptions options = EtcdV3Client.RangeOptions.defaults();
        if (recursive) {
          options = options.withRangeEnd(EtcdV3Client.prefixEnd(dirPrefix()));
        }
        read = client.range(key, options);
      } catch (IllegalStateException clientClosed) {
        closed = true;
        return;
      } catch (EtcdException e) {
        if (closed || client.isClosed()) {
          closed = true;
          return;
        }
        if (WatchStream.isPermanent(e.error())) {
          fail(e);
          return;
        }
        if (failures == 0) {
          failingSince = System.nanoTime();
        } else if (System.nanoTime() - failingSince >= retryTimeoutNanos) {
          fail(WatchStream.gaveUp(key, nextRevision, failures, retryTimeoutNanos, e));
          return;
        }
        failures++;
        if (!pause(failures)) {
          return;
        }
        continue;
      }
      if (closed) {
        return;
      }
      List<EtcdV3Client.KeyValue> found =
          read.kvs().stream()
              .filter(kv -> inside(kv.key()) && !DirectoryMarkers.isMarker(kv.key()))
              .toList();
      nextRevision = read.revision() + 1;
      deliver(new WatchEvent.V3Resync(found, read.revision()));
      stream.add(this);
      return;
    }
  }

  /** Waits the backoff after {@code failures} failures; false when {@link #close()} ended it. */
  private boolean pause(int failures) {
    long delay = Backoff.WATCH.millisAfter(failures);
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

  private String dirPrefix() {
    return key.endsWith("/") ? key : key + "/";
  }

  private boolean inside(String eventKey) {
    return eventKey.equals(key) || recursive && eventKey.startsWith(dirPrefix());
  }

  /** Ends the watch on {@code error}: the watcher closes, and the listener hears it last. */
  void fail(EtcdException error) {
    if (closed) {
      return;
    }
    closed = true;
    stream.remove(this);
    LOG.log(Level.WARNING, error.getMessage());
    deliver(new WatchEvent.Failed(error, nextRevision));
  }

  /** Ends the watch without a word: its client is closing. */
  void closeQuietly() {
    closed = true;
    synchronized (this) {
      notifyAll();
    }
  }

  /**
   * Hands {@code event} to the listener; what the listener throws is logged, and the watch goes on.
   */
  private void deliver(WatchEvent event) {
    try {
      listener.accept(event);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      LOG.log(
          Level.WARNING,
          "The listener of the watch of "
              + key
              + " failed on "
              + event
              + "; the watcher goes on with the next event",
          e);
    }
  }

  /** Cancels the watch on the stream: etcd is sent a {@code cancel_request}. Idempotent. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      stream.remove(this);
    }
    synchronized (this) {
      notifyAll();
    }
  }

  @Override
  public String toString() {
    return "Watcher{"
        + key
        + (recursive ? " recursive" : "")
        + ", next revision "
        + nextRevision
        + (closed ? ", closed" : "")
        + "}";
  }
}
