package link.etcd.spring.config;

import org.springframework.boot.context.config.ConfigDataException;

/**
 * Start-up stops because {@code spring.config.import=etcd:} could not read etcd: the message names
 * the endpoint and the context, and says how to start without etcd ({@code optional:etcd:}).
 */
public final class EtcdConfigDataException extends ConfigDataException {
  /** The serialized form's version. */
  private static final long serialVersionUID = 1L;

  EtcdConfigDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
