package link.etcd.middleware;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import link.etcd.DeleteOptions;
import link.etcd.EtcdClient;
import link.etcd.EtcdException;
import link.etcd.EtcdKeyNotFoundException;
import link.etcd.WriteOptions;
import org.jspecify.annotations.Nullable;

/**
 * Sends the requests of a tree write plan with {@link EtcdClient#writeUnread} and {@link EtcdClient#deleteUnread}
 * (answers unread), from the calling thread and threads of its own that end with each phase. A plan is a list of
 * phases; the requests of one phase go concurrently, at most {@code per_host_pool_size} in flight, and a phase
 * starts only when every request of the one before has succeeded. After the first failure nothing more is sent;
 * the requests in flight are awaited, and the {@link EtcdPartialWriteException} lists exactly which were applied,
 * which failed and which were never sent. A delete that finds its key already gone (another writer pruned it) has
 * done its job and counts as applied.
 */
final class PlanRunner {
  private static final DeleteOptions RECURSIVE = DeleteOptions.defaults().withRecursive(true);

  private final EtcdClient client;
  private final int limit;
  private final List<TreeWriter.Step> plan;
  // Written by the chains, read once every chain has ended: Thread.join orders both.
  private final State[] states;
  private final @Nullable Throwable[] failures;
  private final AtomicInteger firstFailure = new AtomicInteger(-1);
  private final AtomicInteger next = new AtomicInteger();
  private volatile int end;
  private volatile @Nullable RuntimeException refused;

  private enum State { NOT_SENT, IN_FLIGHT, DONE, FAILED }

  private PlanRunner(EtcdClient client, List<TreeWriter.Step> plan) {
    this.client = client;
    this.limit = client.settings().perHostPoolSize();
    this.plan = plan;
    this.states = new State[plan.size()];
    Arrays.fill(states, State.NOT_SENT);
    this.failures = new Throwable[plan.size()];
  }

  /** Runs {@code phases} in order; {@code root} is the key of the whole write, for the exception's message. */
  static void run(EtcdClient client, String root, List<List<TreeWriter.Step>> phases) {
    List<TreeWriter.Step> plan = new ArrayList<>();
    phases.forEach(plan::addAll);
    PlanRunner runner = new PlanRunner(client, plan);
    int start = 0;
    for (List<TreeWriter.Step> phase : phases) {
      if (!runner.runPhase(start, start + phase.size())) {
        break;
      }
      start += phase.size();
    }
    runner.report(root);
  }

  /**
   * Sends steps {@code from} to {@code to} (exclusive) and waits for them; returns whether all succeeded. Up to
   * {@code limit} chains run at once, the calling thread being one: each sends the next unsent step, blocking until
   * its answer, so no future and no hand-over between threads sits between one answer and the next request.
   */
  private boolean runPhase(int from, int to) {
    next.set(from);
    end = to;
    int chains = Math.min(limit, to - from);
    List<Thread> others = new ArrayList<>();
    for (int chain = 1; chain < chains; chain++) {
      Thread thread = new Thread(this::chain, "link-etcd tree write");
      thread.setDaemon(true);
      thread.start();
      others.add(thread);
    }
    chain();
    boolean interrupted = false;
    for (Thread thread : others) {
      while (true) {
        try {
          thread.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    RuntimeException refused = this.refused;
    if (refused != null) {
      throw refused;
    }
    return firstFailure.get() < 0;
  }

  /** Sends unsent steps one after the other until none is left, or one has failed or was refused. */
  private void chain() {
    while (firstFailure.get() < 0 && refused == null) {
      int step = next.getAndIncrement();
      if (step >= end) {
        return;
      }
      states[step] = State.IN_FLIGHT;
      try {
        send(plan.get(step));
        states[step] = State.DONE;
      } catch (EtcdKeyNotFoundException e) {
        if (plan.get(step).kind() == TreeWriter.Kind.DELETE_RECURSIVE) {
          // Another writer removed the key first: the delete has nothing left to do.
          states[step] = State.DONE;
        } else {
          failed(step, e);
        }
      } catch (EtcdException e) {
        failed(step, e);
      } catch (RuntimeException e) {
        // Refused before anything was sent (a key too long, a closed client).
        states[step] = State.NOT_SENT;
        refused = e;
      }
    }
  }

  private void failed(int step, EtcdException e) {
    states[step] = State.FAILED;
    failures[step] = e;
    firstFailure.compareAndSet(-1, step);
  }

  /** Sends {@code step} without reading etcd's answer, which a tree write does not need. */
  private void send(TreeWriter.Step step) {
    switch (step.kind()) {
      case PUT -> client.writeUnread(step.key(), step.value(), WriteOptions.defaults().withTtl(step.ttl()));
      case MKDIR -> client.writeUnread(step.key(), null, WriteOptions.defaults().withDir(true).withTtl(step.ttl()));
      case UPDATE_DIR -> client.writeUnread(step.key(), null,
          WriteOptions.defaults().withDir(true).withPrevExist(true).withTtl(step.ttl()));
      case DELETE_RECURSIVE -> client.deleteUnread(step.key(), RECURSIVE);
    }
  }

  private void report(String root) {
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
      throw cause instanceof RuntimeException unchecked ? unchecked : new IllegalStateException(cause);
    }
    EtcdPartialWriteException e = new EtcdPartialWriteException(root, done, failed, notDone, etcdCause);
    others.forEach(e::addSuppressed);
    throw e;
  }
}
