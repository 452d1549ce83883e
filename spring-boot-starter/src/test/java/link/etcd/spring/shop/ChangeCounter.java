package link.etcd.spring.shop;

import java.util.concurrent.atomic.AtomicInteger;
import link.etcd.spring.EtcdConfigChangedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Counts the reloads that changed something. */
@Component
public class ChangeCounter implements ApplicationListener<EtcdConfigChangedEvent> {
  private final AtomicInteger changes = new AtomicInteger();

  @Override
  public void onApplicationEvent(EtcdConfigChangedEvent event) {
    changes.incrementAndGet();
  }

  public int changes() {
    return changes.get();
  }
}
