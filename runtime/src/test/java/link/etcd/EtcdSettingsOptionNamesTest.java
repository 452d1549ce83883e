package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EtcdSettingsOptionNamesTest {
  @Test
  void optionNamesListEveryOptionOfMiddlewareConfInOrder() {
    assertEquals(
        List.of(
            "host",
            "port",
            "srv_domain",
            "api",
            "version_prefix",
            "key_prefix",
            "max_txn_ops",
            "max_request_bytes",
            "read_timeout",
            "allow_redirect",
            "protocol",
            "cert",
            "ca_cert",
            "username",
            "password",
            "allow_reconnect",
            "use_proxies",
            "expected_cluster_id",
            "per_host_pool_size"),
        EtcdSettings.optionNames());
  }
}
