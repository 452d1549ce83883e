package link.etcd.internal.v3;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import link.etcd.EtcdError;
import link.etcd.EtcdException;
import link.etcd.EtcdSettings;
import link.etcd.internal.http.Resend;
import link.etcd.internal.http.Transport;
import link.etcd.internal.v3.pb.Event;
import link.etcd.internal.v3.pb.StatusRequest;
import link.etcd.internal.v3.pb.WatchCreateRequest;
import link.etcd.internal.v3.pb.WatchProgressRequest;
import link.etcd.internal.v3.pb.WatchRequest;
import link.etcd.internal.v3.pb.WatchResponse;
import org.jspecify.annotations.Nullable;

/**
 * A replay of past changes: one gRPC {@code Watch} stream of its own (its own connection, not the
 * client's watchers) from a past revision over a range of keys, whose answers are read on a thread
 * of their own and handed out by {@link #poll}. {@link #requestProgress()} asks etcd for a progress
 * answer: on servers with the fix for etcd issue 15220 (see {@link #progressIsOrdered}) it comes
 * only once every change up to its revision was sent, so it ends a replay exactly.
 */
public final class V3Replay implements AutoCloseable {
  /** The watch id etcd gives an answer to a progress request (it goes to every watcher). */
  private static final long EVERY_WATCHER = -1;

  private final Transport transport;
  private final KeyBytes keys;
  private final GrpcStream<WatchRequest, WatchResponse> stream;
  private final BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
  private volatile boolean closed;

  /** What the stream said. */
  public sealed interface Answer {}

  /**
   * Changes, in revision order.
   *
   * @param changes the changes of one answer
   */
  public record Changes(List<Change> changes) implements Answer {
    /**
     * Copies the list.
     *
     * @param changes the changes
     */
    public Changes {
      changes = List.copyOf(changes);
    }
  }

  /**
   * An answer to a progress request: etcd's revision when it answered.
   *
   * @param revision the revision
   */
  public record Progress(long revision) implements Answer {}

  /**
   * etcd ended the watch.
   *
   * @param compactRevision when the replay's revisions were compacted, the oldest one left; else 0
   * @param reason etcd's reason
   */
  public record Cancelled(long compactRevision, String reason) implements Answer {}

  /**
   * One change of a key.
   *
   * @param key the key, without the settings' key prefix
   * @param deleted whether the key was deleted
   * @param value its value after the change; {@code null} when deleted
   * @param previous its value before; {@code null} when it was created
   * @param revision the revision of the change
   */
  public record Change(
      String key,
      boolean deleted,
      @Nullable String value,
      @Nullable String previous,
      long revision) {}

  private V3Replay(EtcdSettings settings) {
    this.transport = new Transport(settings, null);
    this.keys = new KeyBytes(settings.keyPrefix());
    this.stream = transport.grpc().stream(transport.watchHttp(), EtcdMethods.WATCH);
  }

  /**
   * {@return whether a server of {@code version} (as Maintenance Status gives it, such as {@code
   * 3.5.16}) answers a progress request only once the watchers of the stream have caught up, and
   * answers it whether or not events follow: etcd 3.5.13+ and 3.4.31+ (the fix for issue 15220,
   * 3.5.8 and 3.4.25, could defer the answer until the next event), and any later minor release}
   */
  public static boolean progressIsOrdered(String version) {
    String[] parts = version.split("[.-]");
    try {
      int major = Integer.parseInt(parts[0]);
      int minor = Integer.parseInt(parts[1]);
      int patch = Integer.parseInt(parts[2]);
      if (major != 3) {
        return major > 3;
      }
      return minor > 5 || (minor == 5 && patch >= 13) || (minor == 4 && patch >= 31);
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      return false;
    }
  }

  /**
   * {@return the etcd version of the member this replay's connection reaches (Maintenance Status),
   * such as {@code 3.5.16}: the member whose progress answers {@link #progressIsOrdered} judges}
   *
   * @throws EtcdException when etcd cannot be asked
   */
  public String serverVersion() {
    return transport.executeGrpc(
            transport.grpcRequest(EtcdMethods.STATUS, new StatusRequest(), Resend.AFTER_FAILURE),
            EtcdMethods.STATUS)
        .version;
  }

  /**
   * Opens a replay of the changes to the keys from {@code key} up to {@code rangeEnd} (excluded)
   * from {@code fromRevision} on.
   *
   * @throws EtcdException when the stream cannot be opened
   */
  public static V3Replay open(
      EtcdSettings settings, String key, String rangeEnd, long fromRevision) {
    V3Replay replay = new V3Replay(settings);
    try {
      replay.start(key, rangeEnd, fromRevision);
    } catch (RuntimeException e) {
      replay.close();
      throw e;
    }
    return replay;
  }

  private void start(String key, String rangeEnd, long fromRevision) {
    WatchCreateRequest create =
        new WatchCreateRequest.Builder()
            .key(keys.key(key))
            .range_end(keys.rangeEnd(rangeEnd))
            .start_revision(fromRevision)
            .prev_kv(true)
            .build();
    try {
      stream.send(new WatchRequest.Builder().create_request(create).build());
      stream.start();
    } catch (IOException e) {
      throw transport.v3Failure(stream.request(), e);
    }
    transport.runOnWatchThread(this::read);
  }

  /** Asks etcd for a progress answer. */
  public void requestProgress() {
    try {
      stream.send(new WatchRequest.Builder().progress_request(new WatchProgressRequest()).build());
    } catch (IOException e) {
      throw transport.v3Failure(stream.request(), e);
    }
  }

  /**
   * {@return the next answer, or {@code null} when none came within {@code timeout}}
   *
   * @throws EtcdException when the stream failed or ended
   * @throws InterruptedException when interrupted while waiting
   */
  public @Nullable Answer poll(Duration timeout) throws InterruptedException {
    Object next = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (next instanceof EtcdException failure) {
      throw failure;
    }
    return (Answer) next;
  }

  private void read() {
    try {
      WatchResponse answer;
      while (!closed && (answer = stream.receive()) != null) {
        Answer read = answer(answer);
        if (read != null) {
          answers.add(read);
        }
      }
      if (!closed) {
        answers.add(
            new EtcdException(
                EtcdError.UNAVAILABLE, "etcd ended the watch stream of the replay", null));
      }
    } catch (IOException e) {
      if (!closed) {
        answers.add(transport.v3Failure(stream.request(), e));
      }
    } catch (RuntimeException e) {
      if (!closed) {
        answers.add(new EtcdException(EtcdError.UNKNOWN, "The replay stopped: " + e, e));
      }
    }
  }

  private @Nullable Answer answer(WatchResponse answer) {
    if (answer.canceled) {
      return new Cancelled(answer.compact_revision, answer.cancel_reason);
    }
    if (!answer.events.isEmpty()) {
      List<Change> changes = new ArrayList<>(answer.events.size());
      for (Event event : answer.events) {
        String key = keys.fromWire(event.kv.key);
        boolean deleted = event.type == Event.EventType.DELETE;
        changes.add(
            new Change(
                key,
                deleted,
                deleted ? null : KeyBytes.value(event.kv.value, key),
                event.prev_kv == null ? null : KeyBytes.value(event.prev_kv.value, key),
                event.kv.mod_revision));
      }
      return new Changes(changes);
    }
    if (!answer.created && answer.watch_id == EVERY_WATCHER && answer.header != null) {
      return new Progress(answer.header.revision);
    }
    return null;
  }

  /** Ends the stream and releases its connection and thread. */
  @Override
  public void close() {
    closed = true;
    stream.close();
    transport.close();
  }
}
