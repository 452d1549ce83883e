package link.etcd.middleware;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import link.etcd.DeleteOptions;
import link.etcd.EtcdClient;
import link.etcd.EtcdException;
import link.etcd.EtcdKeyNotFoundException;
import link.etcd.EtcdResponse;
import link.etcd.WriteOptions;
import org.jspecify.annotations.Nullable;

/**
 * Sends the requests of a tree write plan over the client's asynchronous API. A plan is a list of
 * phases; the requests of one phase go concurrently, at most {@code per_host_pool_size} in flight,
 * and a phase starts only when every request of the one before has succeeded. After the first
 * failure nothing more is sent; the requests in flight are awaited, and the {@link
 * EtcdPartialWriteException} lists exactly which were applied, which failed and which were never
 * sent. A delete that finds its key already gone (another writer pruned it) has done its job and
 * counts as applied. An interrupt of the writing thread sends nothing more and cancels the requests
 * in flight; the exception then says the write was interrupted.
 */
final class PlanRunner {
  private static final DeleteOptions RECURSIVE = DeleteOptions.defaults().withRecursive(true);

  private final EtcdClient client;
  private final int limit;
  private final List<TreeWriter.Step> plan;
  // Written by the callbacks, read once every chain has ended: the latch orders both.
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

  private final @Nullable CompletableFuture<EtcdResponse>[] requests;

  private enum State {
    NOT_SENT,
    IN_FLIGHT,
    DONE,
    FAILED
  }

  private PlanRunner(EtcdClient client, List<TreeWriter.Step> plan) {
    this.client = client;
    this.limit = client.settings().perHostPoolSize();
    this.plan = plan;
    this.states = new State[plan.size()];
    Arrays.fill(states, State.NOT_SENT);
    this.failures = new Throwable[plan.size()];
    @SuppressWarnings({
      "unchecked",
      "rawtypes"
    }) // An array of a generic type: each element is set to such a future.
    CompletableFuture<EtcdResponse>[] futures = new CompletableFuture[plan.size()];
    this.requests = futures;
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
      if (!runner.runPhase(start, start + phase.size())) {
        break;
      }
      start += phase.size();
    }
    runner.report(root);
  }

  /**
   * Sends steps {@code from} to {@code to} (exclusive) and waits for them; returns whether all
   * succeeded. Up to {@code limit} chains run at once: each sends a step and, from that request's
   * callback, the next unsent one, so no thread sits between one answer and the next request.
   */
  private boolean runPhase(int from, int to) {
    next.set(from);
    end = to;
    CountDownLatch chainsEnded = new CountDownLatch(Math.min(limit, to - from));
    for (long chain = chainsEnded.getCount(); chain > 0; chain--) {
      sendNext(chainsEnded);
    }
    boolean interruptedHere = false;
    while (true) {
      try {
        chainsEnded.await();
        break;
      } catch (InterruptedException e) {
        // Send nothing more, and end the requests in flight now rather than when they are answered.
        interruptedHere = true;
        interrupted = true;
        for (int i = from; i < to; i++) {
          CompletableFuture<EtcdResponse> request = requests[i];
          if (request != null) {
            request.cancel(true);
          }
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

  private void sendNext(CountDownLatch chainsEnded) {
    int step =
        firstFailure.get() < 0 && refused == null && !interrupted ? next.getAndIncrement() : end;
    if (step >= end) {
      chainsEnded.countDown();
      return;
    }
    CompletableFuture<EtcdResponse> request;
    try {
      request = send(plan.get(step));
    } catch (RuntimeException e) {
      refused = e;
      chainsEnded.countDown();
      return;
    }
    states[step] = State.IN_FLIGHT;
    requests[step] = request;
    TreeWriter.Step sent = plan.get(step);
    request.whenComplete(
        (response, failure) -> {
          if (failure == null || alreadyGone(sent, failure)) {
            states[step] = State.DONE;
          } else {
            states[step] = State.FAILED;
            failures[step] = failure;
            firstFailure.compareAndSet(-1, step);
          }
          sendNext(chainsEnded);
        });
  }

  /**
   * Whether {@code failure} says the key a delete was to remove is not there: another writer
   * removed it first, and the delete has nothing left to do.
   */
  private static boolean alreadyGone(TreeWriter.Step step, Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    return step.kind() == TreeWriter.Kind.DELETE_RECURSIVE
        && cause instanceof EtcdKeyNotFoundException;
  }

  private CompletableFuture<EtcdResponse> send(TreeWriter.Step step) {
    return switch (step.kind()) {
      case PUT ->
          client.writeAsync(step.key(), step.value(), WriteOptions.defaults().withTtl(step.ttl()));
      case MKDIR ->
          client.writeAsync(
              step.key(), null, WriteOptions.defaults().withDir(true).withTtl(step.ttl()));
      case UPDATE_DIR ->
          client.writeAsync(
              step.key(),
              null,
              WriteOptions.defaults().withDir(true).withPrevExist(true).withTtl(step.ttl()));
      case DELETE_RECURSIVE -> client.deleteAsync(step.key(), RECURSIVE);
    };
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
