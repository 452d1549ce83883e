package link.etcd.middleware;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import link.etcd.DeleteOptions;
import link.etcd.EtcdClient;
import link.etcd.EtcdException;
import link.etcd.EtcdResponse;
import link.etcd.WriteOptions;
import org.jspecify.annotations.Nullable;

/**
 * Sends the requests of a tree write plan over the client's asynchronous API. A plan is a list of phases; the
 * requests of one phase go concurrently, at most {@code per_host_pool_size} in flight, and a phase starts only
 * when every request of the one before has succeeded. After the first failure nothing more is sent; the requests
 * in flight are awaited, and the {@link EtcdPartialWriteException} lists exactly which were applied, which failed
 * and which were never sent.
 */
final class PlanRunner {
  private static final WriteOptions DIR = WriteOptions.defaults().withDir(true);
  private static final DeleteOptions RECURSIVE = DeleteOptions.defaults().withRecursive(true);

  private final EtcdClient client;
  private final int limit;
  private final Semaphore permits;
  private final List<TreeWriter.Step> plan;
  // Written by the callbacks before they release a permit, read after taking them all: the semaphore orders both.
  private final State[] states;
  private final @Nullable Throwable[] failures;
  private final AtomicInteger firstFailure = new AtomicInteger(-1);

  private enum State { NOT_SENT, IN_FLIGHT, DONE, FAILED }

  private PlanRunner(EtcdClient client, List<TreeWriter.Step> plan) {
    this.client = client;
    this.limit = client.settings().perHostPoolSize();
    this.permits = new Semaphore(limit);
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

  /** Sends steps {@code from} to {@code to} (exclusive) and waits for them; returns whether all succeeded. */
  private boolean runPhase(int from, int to) {
    RuntimeException refused = null;
    for (int i = from; i < to; i++) {
      permits.acquireUninterruptibly();
      if (firstFailure.get() >= 0) {
        permits.release();
        break;
      }
      CompletableFuture<EtcdResponse> request;
      try {
        request = send(plan.get(i));
      } catch (RuntimeException e) {
        permits.release();
        refused = e;
        break;
      }
      int step = i;
      states[step] = State.IN_FLIGHT;
      request.whenComplete((response, failure) -> {
        if (failure == null) {
          states[step] = State.DONE;
        } else {
          states[step] = State.FAILED;
          failures[step] = failure;
          firstFailure.compareAndSet(-1, step);
        }
        permits.release();
      });
    }
    permits.acquireUninterruptibly(limit);
    permits.release(limit);
    if (refused != null) {
      throw refused;
    }
    return firstFailure.get() < 0;
  }

  private CompletableFuture<EtcdResponse> send(TreeWriter.Step step) {
    return switch (step.kind()) {
      case PUT -> client.writeAsync(step.key(), step.value(), WriteOptions.defaults());
      case MKDIR -> client.writeAsync(step.key(), null, DIR);
      case DELETE_RECURSIVE -> client.deleteAsync(step.key(), RECURSIVE);
    };
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
