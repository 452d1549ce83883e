package link.etcd.internal.http;

import java.io.IOException;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * How to ask one endpoint for the cluster's members and id, in the API the client speaks (v2's
 * {@code GET /v2/members}, v3's gRPC {@code Cluster/MemberList}): the {@link FailoverInterceptor}
 * verifies an endpoint by the id and learns the endpoints to use from the client URLs. Learners are
 * left out: they serve neither writes nor linearizable reads.
 */
public interface MemberList {
  /**
   * What an endpoint answered.
   *
   * @param clusterId the cluster id in the form of {@link link.etcd.internal.ClusterIds}, or {@code
   *     null} when the answer had none (a proxy that drops it, or an error)
   * @param clientUrls the members' client URLs, empty when the answer was not a member list
   */
  record Answer(@Nullable String clusterId, List<String> clientUrls) {}

  /** {@return the request for the members, to the scheme, host and port of {@code target}} */
  Request request(HttpUrl target);

  /**
   * {@return the cluster id and client URLs of {@code response}, whose body it reads}
   *
   * @throws IOException when the endpoint refused the member list or answered in another protocol:
   *     it is then neither verified nor taken to be a proxy, and counts as failed
   */
  Answer read(Response response) throws IOException;
}
