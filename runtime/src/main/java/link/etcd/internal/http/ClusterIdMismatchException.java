package link.etcd.internal.http;

import java.io.IOException;

/**
 * An endpoint answered with another cluster's {@code X-Etcd-Cluster-Id}; carried through OkHttp to
 * the client, which reports it as {@code EtcdClusterIdChangedException}.
 */
public final class ClusterIdMismatchException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String endpoint;
  private final String expected;
  private final String actual;
  private final boolean pinned;
  private final boolean requestSent;

  ClusterIdMismatchException(
      Endpoint endpoint, ClusterView.Mismatch mismatch, boolean requestSent) {
    super(endpoint + " is in cluster " + mismatch.actual() + ", not " + mismatch.expected());
    this.endpoint = endpoint.toString();
    this.expected = mismatch.expected();
    this.actual = mismatch.actual();
    this.pinned = mismatch.pinned();
    this.requestSent = requestSent;
  }

  /** Returns the endpoint that answered. */
  public String endpoint() {
    return endpoint;
  }

  /** Returns the cluster id expected: {@code expected_cluster_id}, or the one learned before. */
  public String expected() {
    return expected;
  }

  /** Returns the cluster id the endpoint answered with. */
  public String actual() {
    return actual;
  }

  /** Returns whether {@code expected} is {@code expected_cluster_id} (else it was learned). */
  public boolean pinned() {
    return pinned;
  }

  /**
   * Returns whether the request itself was sent (a read); a write is never sent to an unverified
   * cluster.
   */
  public boolean requestSent() {
    return requestSent;
  }
}
