package link.etcd.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import link.etcd.EtcdSettings;
import link.etcd.EtcdV3Client;
import link.etcd.EtcdVersion;
import link.etcd.middleware.EtcdMiddleware;

/**
 * What the Actuator health contributor {@code etcd} shows: the endpoints, and etcd's answer to a
 * status request (v3) or a version request (v2). Shared by the contributors of Spring Boot 3
 * (spring-boot-actuator) and Spring Boot 4 (spring-boot-health).
 */
public final class EtcdHealthDetails {
  private EtcdHealthDetails() {}

  /**
   * Asks etcd how it is.
   *
   * @param etcd the middleware
   * @return the details to show when etcd answers
   * @throws link.etcd.EtcdException when it does not
   */
  public static Map<String, Object> check(EtcdMiddleware etcd) {
    EtcdSettings settings = etcd.settings();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("endpoints", settings.endpoints());
    details.put("api", settings.api().name().toLowerCase(java.util.Locale.ROOT));
    if (settings.api() == EtcdSettings.Api.V3) {
      EtcdV3Client.Status status = etcd.v3Client().status();
      details.put("version", status.version());
      details.put("clusterId", status.clusterId());
      details.put("memberId", status.memberId());
      details.put("leader", status.leader());
      details.put("revision", status.revision());
    } else {
      EtcdVersion version = etcd.client().version();
      details.put("version", version.server());
      details.put("clusterVersion", version.cluster());
    }
    return details;
  }
}
