package link.etcd;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import link.etcd.internal.http.Hedging;

/**
 * Collects the hedges clients log at {@code FINE} on {@code link.etcd.internal.http.Hedging}, while
 * it is open.
 */
final class HedgeLog extends Handler implements AutoCloseable {
  private final Logger logger = Logger.getLogger(Hedging.class.getName());
  private final Level level = logger.getLevel();
  private final List<String> messages = new CopyOnWriteArrayList<>();

  HedgeLog() {
    logger.setLevel(Level.FINE);
    logger.addHandler(this);
  }

  int count() {
    return messages.size();
  }

  List<String> messages() {
    return List.copyOf(messages);
  }

  @Override
  public void publish(LogRecord record) {
    if (record.getLevel() == Level.FINE && record.getMessage().startsWith("Sent ")) {
      messages.add(record.getMessage());
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setLevel(level);
  }
}
