package link.etcd.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import link.etcd.middleware.EtcdMiddleware;
import link.etcd.middleware.TreeWatch;
import link.etcd.spring.config.ConfigRetry;
import link.etcd.spring.config.ContextReader;
import link.etcd.spring.config.EtcdPropertySource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * Keeps the {@link EtcdPropertySource}s of the Environment current: watches each of their contexts
 * and, once changes have stopped arriving for {@code link.etcd.config.watch.delay} (so a burst of
 * writes is one reload; a steady stream is read every five delays), reads them all again, replaces
 * the properties that changed and publishes an {@link EtcdConfigChangedEvent}. The watches are the
 * middleware's, which survive etcd restarts and compaction; a watch that ends on an error is
 * started again after {@code link.etcd.config.watch.restart-delay}.
 */
public final class EtcdConfigWatch implements SmartLifecycle {
  private static final Log log = LogFactory.getLog(EtcdConfigWatch.class);

  /** A steady stream of changes is read at least this many delays after its first change. */
  static final int MAX_WAIT_DELAYS = 5;

  private final ConfigurableEnvironment environment;
  private final EtcdMiddleware etcd;
  private final ApplicationEventPublisher events;
  private final Duration delay;
  private final Duration restartDelay;
  private final AtomicBoolean pending = new AtomicBoolean();
  private volatile long firstChange;
  private volatile long lastChange;
  private final List<TreeWatch> watches = new ArrayList<>();
  private volatile ScheduledExecutorService executor;
  private volatile boolean running;

  /**
   * Creates the watch; {@link #start()} starts it.
   *
   * @param environment the Environment holding the sources to keep current
   * @param etcd the middleware to watch and read with
   * @param events where to publish {@link EtcdConfigChangedEvent}s
   * @param delay how long changes must stop arriving before the sources are read again
   * @param restartDelay how long to wait before starting a watch that ended on an error again
   */
  public EtcdConfigWatch(
      ConfigurableEnvironment environment,
      EtcdMiddleware etcd,
      ApplicationEventPublisher events,
      Duration delay,
      Duration restartDelay) {
    this.environment = environment;
    this.etcd = etcd;
    this.events = events;
    this.delay = delay;
    this.restartDelay = restartDelay;
    this.executor = newExecutor();
  }

  private static ScheduledExecutorService newExecutor() {
    return Executors.newSingleThreadScheduledExecutor(
        task -> {
          Thread thread = new Thread(task, "link-etcd-config-watch");
          thread.setDaemon(true);
          return thread;
        });
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    if (executor.isShutdown()) {
      executor = newExecutor();
    }
    running = true;
    for (String context : contexts()) {
      watch(context);
    }
    changed(); // a change between the import and the watch is read now
  }

  private synchronized void watch(String context) {
    if (!running) {
      return;
    }
    try {
      watches.add(etcd.watch(context, this::changed, error -> ended(context, error)));
    } catch (RuntimeException e) {
      ended(context, e);
    }
  }

  private void ended(String context, RuntimeException error) {
    log.warn(
        "The watch of "
            + context
            + " in etcd ended: "
            + error.getMessage()
            + "; starting it again in "
            + restartDelay.toMillis()
            + " ms");
    if (running) {
      schedule(
          () -> {
            watch(context);
            changed();
          },
          restartDelay.toNanos());
    }
  }

  /**
   * Something changed: reads again once changes have stopped arriving for the delay, or at the
   * latest {@link #MAX_WAIT_DELAYS} delays after the first one, however many arrive meanwhile.
   */
  private void changed() {
    long now = System.nanoTime();
    lastChange = now;
    if (running && pending.compareAndSet(false, true)) {
      firstChange = now;
      schedule(this::settle, delay.toNanos());
    }
  }

  private void settle() {
    long now = System.nanoTime();
    long quiet = now - lastChange;
    if (quiet < delay.toNanos() && now - firstChange < MAX_WAIT_DELAYS * delay.toNanos()) {
      schedule(this::settle, delay.toNanos() - quiet);
      return;
    }
    reload();
  }

  /** Runs {@code task} after {@code nanos}, unless the watch stopped meanwhile. */
  private void schedule(Runnable task, long nanos) {
    try {
      executor.schedule(task, nanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      if (running) {
        throw e;
      }
    }
  }

  private void reload() {
    pending.set(false);
    List<String> changed = new ArrayList<>();
    try {
      for (EtcdPropertySource source : sources()) {
        if (source.update(ContextReader.read(etcd, source.context(), ConfigRetry.once()))) {
          changed.add(source.context());
        }
      }
    } catch (RuntimeException e) {
      log.warn("Cannot read the configuration from etcd after a change: " + e.getMessage());
      return;
    }
    if (!changed.isEmpty()) {
      log.info("Configuration changed in etcd: " + String.join(", ", changed));
      events.publishEvent(new EtcdConfigChangedEvent(this, changed));
    }
  }

  private List<EtcdPropertySource> sources() {
    List<EtcdPropertySource> sources = new ArrayList<>();
    for (PropertySource<?> source : environment.getPropertySources()) {
      if (source instanceof EtcdPropertySource etcdSource) {
        sources.add(etcdSource);
      }
    }
    return sources;
  }

  /** {@return the contexts the Environment holds, in its order} */
  public List<String> contexts() {
    return sources().stream().map(EtcdPropertySource::context).toList();
  }

  @Override
  public synchronized void stop() {
    running = false;
    watches.forEach(TreeWatch::close);
    watches.clear();
    executor.shutdownNow();
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
