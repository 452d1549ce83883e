package link.etcd.internal.http;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import link.etcd.EtcdSettings;
import link.etcd.internal.v2.V2Json.MembersJson;
import link.etcd.internal.v3.V3Json;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * How to ask one endpoint for the cluster's members and id, in the API the client speaks: v2's
 * {@code GET /v2/members}, whose id is the hexadecimal {@code X-Etcd-Cluster-Id} header, or v3's
 * {@code POST /v3/cluster/member/list} with {@code {}}, whose id is the decimal {@code
 * header.cluster_id} of the body (a v3-only etcd serves no {@code /v2} path). Learners are left
 * out: they serve neither writes nor linearizable reads.
 */
public final class MemberList {
  /**
   * What an endpoint answered.
   *
   * @param clusterId the cluster id in the form of {@link ClusterIds}, or {@code null} when the
   *     answer had none (a proxy that drops it, or an error)
   * @param clientUrls the members' client URLs, empty when the answer was not a member list
   */
  record Answer(@Nullable String clusterId, List<String> clientUrls) {}

  private static final MediaType JSON = MediaType.get("application/json");

  private final EtcdSettings.Api api;
  private final String versionPrefix;

  /** Asked for the adapter of an answer when one is read: most clients never ask for members. */
  private final Moshi moshi;

  /**
   * Asks members in {@code api}, under {@code versionPrefix} (such as {@code /v2} or {@code /v3}).
   */
  MemberList(EtcdSettings.Api api, String versionPrefix, Moshi moshi) {
    this.api = api;
    this.versionPrefix = versionPrefix.equals("/") ? "" : versionPrefix;
    this.moshi = moshi;
  }

  /** {@return the request for the members, to the scheme, host and port of {@code target}} */
  Request request(HttpUrl target) {
    HttpUrl.Builder url = target.newBuilder().query(null);
    return switch (api) {
      case V2 ->
          new Request.Builder().url(url.encodedPath(versionPrefix + "/members").build()).build();
      case V3 ->
          new Request.Builder()
              .url(url.encodedPath(versionPrefix + "/cluster/member/list").build())
              .post(RequestBody.create("{}", JSON))
              .build();
    };
  }

  /**
   * {@return the cluster id and client URLs of {@code response}, whose body it reads}
   *
   * @throws IOException when a v3 member list was refused (such as {@code etcdserver: no leader}):
   *     the endpoint is then neither verified nor taken to be a proxy, and counts as failed
   */
  Answer read(Response response) throws IOException {
    return switch (api) {
      case V2 -> {
        String id = ClusterIds.fromHex(response.header("X-Etcd-Cluster-Id"));
        MembersJson json =
            response.isSuccessful() ? parse(moshi.adapter(MembersJson.class), response) : null;
        List<String> urls =
            json == null || json.members() == null
                ? List.of()
                : json.members().stream()
                    .flatMap(
                        member ->
                            member.clientURLs() == null
                                ? Stream.empty()
                                : member.clientURLs().stream())
                    .toList();
        yield new Answer(id, urls);
      }
      case V3 -> {
        if (!response.isSuccessful()) {
          throw new IOException(
              response.request().url().encodedPath() + " answered HTTP " + response.code());
        }
        V3Json.MemberListResponse json =
            parse(moshi.adapter(V3Json.MemberListResponse.class), response);
        yield json == null
            ? new Answer(null, List.of())
            : new Answer(
                ClusterIds.fromDecimal(json.header.clusterId),
                json.members.stream()
                    .filter(member -> !member.isLearner)
                    .flatMap(member -> member.clientURLs.stream())
                    .toList());
      }
    };
  }

  private static <T> @Nullable T parse(JsonAdapter<T> adapter, Response response) {
    try {
      return adapter.fromJson(response.body().source());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
