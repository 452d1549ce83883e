package link.etcd.spring;

import java.util.List;
import org.springframework.context.ApplicationEvent;

/**
 * Published after the properties of one or more contexts of etcd changed in the Environment. With
 * spring-cloud-context on the class path a {@code RefreshEvent} follows, which rebinds
 * {@code @ConfigurationProperties} beans and refreshes {@code @RefreshScope} beans.
 */
public final class EtcdConfigChangedEvent extends ApplicationEvent {
  /** The serialized form's version. */
  private static final long serialVersionUID = 1L;

  /** The contexts whose properties changed. */
  private final List<String> contexts;

  /**
   * Creates the event.
   *
   * @param source the watch that saw the change
   * @param contexts the contexts whose properties changed, such as {@code /config/shop}
   */
  public EtcdConfigChangedEvent(Object source, List<String> contexts) {
    super(source);
    this.contexts = List.copyOf(contexts);
  }

  /** {@return the contexts whose properties changed, such as {@code /config/shop}} */
  public List<String> contexts() {
    return contexts;
  }
}
