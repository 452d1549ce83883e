package link.etcd;

/**
 * The versions an etcd server reports on {@code GET /version}.
 *
 * @param server the server's version, such as {@code 3.4.23}
 * @param cluster the version the cluster runs at, such as {@code 3.4.0}
 */
public record EtcdVersion(String server, String cluster) {}
