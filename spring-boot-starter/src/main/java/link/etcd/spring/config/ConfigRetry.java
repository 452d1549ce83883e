package link.etcd.spring.config;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * How start-up retries reading etcd when it cannot be reached ({@code link.etcd.config.retry.*}):
 * up to {@code maxAttempts} reads, waiting {@code initialInterval} after the first failure, each
 * wait {@code multiplier} times the one before, at most {@code maxInterval}.
 *
 * @param maxAttempts how many reads to try, at least 1
 * @param initialInterval the wait after the first failed read
 * @param multiplier how much each wait grows, at least 1
 * @param maxInterval the longest wait
 */
public record ConfigRetry(
    int maxAttempts, Duration initialInterval, double multiplier, Duration maxInterval) {
  private static final ConfigRetry DEFAULTS =
      new ConfigRetry(6, Duration.ofSeconds(1), 1.5, Duration.ofSeconds(5));

  /**
   * Checks the values.
   *
   * @param maxAttempts how many reads to try, at least 1
   * @param initialInterval the wait after the first failed read
   * @param multiplier how much each wait grows, at least 1
   * @param maxInterval the longest wait
   */
  public ConfigRetry {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(
          "link.etcd.config.retry.max-attempts must be at least 1 but was " + maxAttempts);
    }
    if (multiplier < 1) {
      throw new IllegalArgumentException(
          "link.etcd.config.retry.multiplier must be at least 1 but was " + multiplier);
    }
    if (initialInterval.isNegative() || maxInterval.isNegative()) {
      throw new IllegalArgumentException(
          "link.etcd.config.retry intervals must not be negative but were "
              + initialInterval
              + " and "
              + maxInterval);
    }
  }

  /** {@return 6 attempts, waiting 1 s, then 1.5 times longer each time, at most 5 s} */
  public static ConfigRetry defaults() {
    return DEFAULTS;
  }

  /** {@return one attempt, no retry} */
  public static ConfigRetry once() {
    return DEFAULTS.withMaxAttempts(1);
  }

  /**
   * {@return a copy making at most {@code maxAttempts} reads}
   *
   * @param maxAttempts how many reads to try, at least 1
   */
  public ConfigRetry withMaxAttempts(int maxAttempts) {
    return new ConfigRetry(maxAttempts, initialInterval, multiplier, maxInterval);
  }

  /** {@return the wait after {@code failures} failed reads (1 for the first)} */
  Duration waitAfter(int failures) {
    double millis = initialInterval.toMillis() * Math.pow(multiplier, failures - 1);
    return Duration.ofMillis((long) Math.min(millis, maxInterval.toMillis()));
  }

  /** {@return the retry set by {@code link.etcd.config.retry.*}, over the defaults} */
  static ConfigRetry bind(Binder binder) {
    String prefix = "link.etcd.config.retry.";
    return new ConfigRetry(
        binder.bind(prefix + "max-attempts", Integer.class).orElse(DEFAULTS.maxAttempts),
        binder.bind(prefix + "initial-interval", Duration.class).orElse(DEFAULTS.initialInterval),
        binder.bind(prefix + "multiplier", Double.class).orElse(DEFAULTS.multiplier),
        binder.bind(prefix + "max-interval", Duration.class).orElse(DEFAULTS.maxInterval));
  }
}
