package link.etcd.processor;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import link.etcd.conf.ConfDriver;
import link.etcd.conf.Configuration;

/** A driver that keeps one configuration per path in memory and counts its loads and saves. */
final class MemoryConfDriver implements ConfDriver {
  final Map<String, Configuration> resources = new ConcurrentHashMap<>();
  final AtomicInteger loads = new AtomicInteger();
  final AtomicInteger saves = new AtomicInteger();

  @Override
  public List<String> resourcePaths(String path) {
    return List.of(path);
  }

  @Override
  public Optional<Configuration> load(String resourcePath) {
    loads.incrementAndGet();
    return Optional.ofNullable(resources.get(resourcePath));
  }

  @Override
  public void save(String resourcePath, Configuration conf) {
    saves.incrementAndGet();
    resources.merge(resourcePath, conf, Configuration::mergedWith);
  }

  @Override
  public void remove(String resourcePath, String category, String parameter) {
    saves.incrementAndGet();
    resources.computeIfPresent(resourcePath, (path, conf) -> conf.without(category, parameter));
  }

  /** Stores {@code category/param = value} at {@code resourcePath}, as another program would. */
  void put(String resourcePath, String category, String param, String value) {
    resources.merge(
        resourcePath,
        Configuration.empty().with(category, param, value),
        Configuration::mergedWith);
  }
}
