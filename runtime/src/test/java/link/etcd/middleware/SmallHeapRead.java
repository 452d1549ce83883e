package link.etcd.middleware;

import java.util.List;
import java.util.Map;
import link.etcd.EtcdSettings;

/**
 * Run by {@link ConcurrentTreeWriteTest} in a JVM with a small heap: reads a tree and prints its
 * leaf count and the heap's limit in bytes.
 */
final class SmallHeapRead {
  private SmallHeapRead() {}

  public static void main(String[] args) {
    EtcdSettings settings =
        EtcdSettings.builder().host(args[0]).port(Integer.parseInt(args[1])).build();
    try (EtcdMiddleware middleware = new EtcdMiddleware(settings)) {
      System.out.println(
          "leaves=" + leaves(middleware.get(args[2])) + " " + Runtime.getRuntime().maxMemory());
    }
  }

  private static int leaves(Object value) {
    if (value instanceof Map<?, ?> map) {
      return map.values().stream().mapToInt(SmallHeapRead::leaves).sum();
    }
    if (value instanceof List<?> list) {
      return list.stream().mapToInt(SmallHeapRead::leaves).sum();
    }
    return 1;
  }
}
