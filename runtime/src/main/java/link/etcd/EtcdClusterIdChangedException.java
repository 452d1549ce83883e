package link.etcd;

/**
 * An endpoint answered with another cluster id (v2's {@code X-Etcd-Cluster-Id}, v3's {@code
 * header.cluster_id}) than {@code expected_cluster_id}, or than the id this client learned from its
 * first answer: the endpoint now belongs to another cluster ({@link EtcdError#CLUSTER_CHANGED}). A
 * write is never sent to it: the id is checked with the member list ({@code GET /v2/members}, or
 * gRPC {@code Cluster/MemberList}) before the first write to each endpoint. Ids are shown in
 * hexadecimal, as etcd prints them.
 *
 * <p>Raised once per change. When the id was learned, the client then holds to the new id. When it
 * was set by {@code expected_cluster_id}, the endpoint is set aside and later calls use the other
 * endpoints.
 */
public final class EtcdClusterIdChangedException extends EtcdException {
  private static final long serialVersionUID = 1L;

  /** The endpoint that answered. */
  private final String endpoint;

  /** The cluster id expected. */
  private final String expectedClusterId;

  /** The cluster id the endpoint answered with. */
  private final String actualClusterId;

  /**
   * Creates the exception; the engine raises it when an endpoint answers for another cluster.
   *
   * @param message what happened and what to do
   * @param endpoint the endpoint that answered
   * @param expectedClusterId the cluster id expected
   * @param actualClusterId the cluster id the endpoint answered with
   * @param cause the failure that revealed it
   */
  public EtcdClusterIdChangedException(
      String message,
      String endpoint,
      String expectedClusterId,
      String actualClusterId,
      Throwable cause) {
    super(EtcdError.CLUSTER_CHANGED, message, cause);
    this.endpoint = endpoint;
    this.expectedClusterId = expectedClusterId;
    this.actualClusterId = actualClusterId;
  }

  /** {@return the endpoint that answered, such as {@code http://10.0.0.1:2379}} */
  public String endpoint() {
    return endpoint;
  }

  /** {@return the cluster id expected: {@code expected_cluster_id}, or the one learned before} */
  public String expectedClusterId() {
    return expectedClusterId;
  }

  /** {@return the cluster id the endpoint answered with} */
  public String actualClusterId() {
    return actualClusterId;
  }
}
