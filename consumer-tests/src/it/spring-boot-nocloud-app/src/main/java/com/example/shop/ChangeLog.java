package com.example.shop;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import link.etcd.spring.EtcdConfigChangedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Hears of every change of the configuration in etcd, which the Environment already holds. */
@Component
public class ChangeLog implements ApplicationListener<EtcdConfigChangedEvent> {
  private final List<String> changed = new CopyOnWriteArrayList<>();

  @Override
  public void onApplicationEvent(EtcdConfigChangedEvent event) {
    changed.addAll(event.contexts());
  }

  public List<String> changed() { return List.copyOf(changed); }
}
