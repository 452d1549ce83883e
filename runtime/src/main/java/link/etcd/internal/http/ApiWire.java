package link.etcd.internal.http;

import link.etcd.EtcdException;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;
import retrofit2.Response;

/**
 * What one etcd API brings to the shared {@link Transport}, which knows neither: how the client is
 * set up for its wire, how it authenticates, how it asks for the members, and what its answers and
 * failures mean. The client that builds the transport hands in its API's implementation.
 */
public interface ApiWire {
  /**
   * Sets {@code builder} up for this API's wire (protocols, pings), after the failover interceptor
   * and before the credentials are added.
   *
   * @param builder the builder of the client every call goes through
   */
  void configure(OkHttpClient.Builder builder);

  /**
   * {@return the interceptor that adds the credentials to each attempt, or {@code null} without
   * credentials}
   */
  @Nullable Interceptor credentials();

  /** {@return how failover asks an endpoint for the members and the cluster id} */
  MemberList memberList();

  /**
   * {@return the exception of an answer that is not successful}
   *
   * @param response the answer, its error body unread
   * @param errors the shared messages (status, redirects, the server's version)
   */
  EtcdException httpError(Response<?> response, ErrorDecoder errors);

  /**
   * {@return the exception of {@code failure}, when it is one this API's wire raises (a status it
   * read, an answer in another protocol), or {@code null} to leave it to the shared mapping}
   *
   * @param request the request that failed
   * @param failure what the call raised
   * @param errors the shared messages (bad answers, the server's version)
   */
  @Nullable EtcdException failure(Request request, Exception failure, ErrorDecoder errors);
}
