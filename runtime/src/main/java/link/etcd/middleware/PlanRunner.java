package link.etcd.middleware;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import link.etcd.DeleteOptions;
import link.etcd.EtcdClient;
import link.etcd.EtcdException;
import link.etcd.EtcdKeyNotFoundException;
import link.etcd.WriteOptions;
import link.etcd.internal.v2.LeanWritePath;
import org.jspecify.annotations.Nullable;

/**
 * Sends the requests of a tree write plan. A plan is a list of phases; the requests of one phase go
 * concurrently, at most {@code per_host_pool_size} in flight, and a phase starts only when every
 * request of the one before has succeeded. Each request takes the client's lean path ({@link
 * LeanWritePath}): the same request as the client's write or delete, sent blocking from one of the
 * client's call threads, its answer not decoded; each such sender takes the next unsent request as
 * soon as its last one is answered. After the first failure nothing more is sent; the requests in
 * flight are awaited, and the {@link EtcdPartialWriteException} lists exactly which were applied,
 * which failed and which were never sent. A delete that finds its key already gone (another writer
 * pruned it) has done its job and counts as applied. An interrupt of the writing thread sends
 * nothing more and cancels the requests in flight (by interrupting their senders); the exception
 * then says the write was interrupted.
 */
final class PlanRunner {
  private static final DeleteOptions RECURSIVE = DeleteOptions.defaults().withRecursive(true);
  private static final WriteOptions DIR = WriteOptions.defaults().withDir(true);
  private static final WriteOptions UPDATE_DIR = DIR.withPrevExist(true);

  private final LeanWritePath path;
  private final int limit;
  private final List<TreeWriter.Step> plan;
  // Written by the senders, read once every sender has ended: the latch orders both.
  private final State[] states;
  private final @Nullable Throwable[] failures;
  private final AtomicInteger firstFailure = new AtomicInteger(-1);
  private final AtomicInteger next = new AtomicInteger();
  private volatile int end;
  private volatile @Nullable RuntimeException refused;

  /**
   * Set when the writing thread was interrupted: nothing more is sent, and the requests in flight
   * are cancelled.
   */
  private volatile boolean interrupted;

  /** The threads sending a request now; guarded by itself. */
  private final Set<Thread> sending = new HashSet<>();

  private enum State {
    NOT_SENT,
    IN_FLIGHT,
    DONE,
    FAILED
  }

  private PlanRunner(EtcdClient client, List<TreeWriter.Step> plan) {
    this.path = client.leanWritePath();
    this.limit = client.settings().perHostPoolSize();
    this.plan = plan;
    this.states = new State[plan.size()];
    Arrays.fill(states, State.NOT_SENT);
    this.failures = new Throwable[plan.size()];
  }

  /**
   * Runs {@code phases} in order; {@code root} is the key of the whole write, for the exception's
   * message.
   */
  static void run(EtcdClient client, String root, List<List<TreeWriter.Step>> phases) {
    List<TreeWriter.Step> plan = new ArrayList<>();
    phases.forEach(plan::addAll);
    PlanRunner runner = new PlanRunner(client, plan);
    int start = 0;
    for (List<TreeWriter.Step> phase : phases) {
      if (!phase.isEmpty() && !runner.runPhase(start, start + phase.size())) {
        break;
      }
      start += phase.size();
    }
    runner.report(root);
  }

  /**
   * Sends steps {@code from} to {@code to} (exclusive) and waits for them; returns whether all
   * succeeded. Up to {@code limit} senders run at once, each on a call thread of the client.
   */
  private boolean runPhase(int from, int to) {
    next.set(from);
    end = to;
    int senders = Math.min(limit, to - from);
    CountDownLatch sendersEnded = new CountDownLatch(senders);
    for (int i = 0; i < senders; i++) {
      try {
        path.runOnCallThread(() -> sendUntilDone(sendersEnded));
      } catch (RuntimeException e) {
        refused = e;
        for (; i < senders; i++) {
          sendersEnded.countDown();
        }
      }
    }
    boolean interruptedHere = false;
    while (true) {
      try {
        sendersEnded.await();
        break;
      } catch (InterruptedException e) {
        // Send nothing more, and end the requests in flight now rather than when they are answered.
        interruptedHere = true;
        interrupted = true;
        synchronized (sending) {
          sending.forEach(Thread::interrupt);
        }
      }
    }
    if (interruptedHere) {
      Thread.currentThread().interrupt();
    }
    RuntimeException refused = this.refused;
    if (refused != null) {
      throw refused;
    }
    return firstFailure.get() < 0 && !interrupted;
  }

  /** Sends the next unsent step of the phase, one at a time, until none is left or one failed. */
  private void sendUntilDone(CountDownLatch sendersEnded) {
    Thread self = Thread.currentThread();
    try {
      while (firstFailure.get() < 0 && refused == null && !interrupted) {
        int step = next.getAndIncrement();
        if (step >= end) {
          return;
        }
        synchronized (sending) {
          if (interrupted) {
            return;
          }
          sending.add(self);
        }
        states[step] = State.IN_FLIGHT;
        try {
          send(plan.get(step));
          states[step] = State.DONE;
        } catch (IllegalArgumentException | IllegalStateException e) {
          // Refused before anything was sent.
          states[step] = State.NOT_SENT;
          refused = e;
        } catch (RuntimeException e) {
          if (alreadyGone(plan.get(step), e)) {
            states[step] = State.DONE;
          } else {
            states[step] = State.FAILED;
            failures[step] = e;
            firstFailure.compareAndSet(-1, step);
          }
        } finally {
          synchronized (sending) {
            sending.remove(self);
          }
        }
      }
    } finally {
      // An interrupt meant for the request just sent must not reach the thread's next task.
      Thread.interrupted();
      sendersEnded.countDown();
    }
  }

  /**
   * Whether {@code failure} says the key a delete was to remove is not there: another writer
   * removed it first, and the delete has nothing left to do.
   */
  private static boolean alreadyGone(TreeWriter.Step step, RuntimeException failure) {
    return step.kind() == TreeWriter.Kind.DELETE_RECURSIVE
        && failure instanceof EtcdKeyNotFoundException;
  }

  private void send(TreeWriter.Step step) {
    switch (step.kind()) {
      case PUT ->
          path.writeUnread(step.key(), step.value(), WriteOptions.defaults().withTtl(step.ttl()));
      case MKDIR -> path.writeUnread(step.key(), null, DIR.withTtl(step.ttl()));
      case UPDATE_DIR -> path.writeUnread(step.key(), null, UPDATE_DIR.withTtl(step.ttl()));
      case DELETE_RECURSIVE -> path.deleteUnread(step.key(), RECURSIVE);
    }
  }

  private void report(String root) {
    if (interrupted) {
      List<String> done = new ArrayList<>();
      List<String> cancelled = new ArrayList<>();
      List<String> notDone = new ArrayList<>();
      for (int i = 0; i < plan.size(); i++) {
        (states[i] == State.DONE ? done : states[i] == State.NOT_SENT ? notDone : cancelled)
            .add(plan.get(i).describe());
      }
      throw new EtcdPartialWriteException(root, done, cancelled, notDone);
    }
    int first = firstFailure.get();
    if (first < 0) {
      return;
    }
    List<String> done = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    List<String> notDone = new ArrayList<>();
    List<Throwable> others = new ArrayList<>();
    failed.add(plan.get(first).describe());
    for (int i = 0; i < plan.size(); i++) {
      String step = plan.get(i).describe();
      switch (states[i]) {
        case DONE -> done.add(step);
        case FAILED -> {
          if (i != first) {
            failed.add(step);
            others.add(requireNonNull(failures[i]));
          }
        }
        case NOT_SENT -> notDone.add(step);
        case IN_FLIGHT -> throw new AssertionError("in flight after the wait: " + step);
      }
    }
    Throwable cause = requireNonNull(failures[first]);
    if (!(cause instanceof EtcdException etcdCause) || done.isEmpty()) {
      others.forEach(cause::addSuppressed);
      throw cause instanceof RuntimeException unchecked
          ? unchecked
          : new IllegalStateException(cause);
    }
    EtcdPartialWriteException e =
        new EtcdPartialWriteException(root, done, failed, notDone, etcdCause);
    others.forEach(e::addSuppressed);
    throw e;
  }
}
