package link.etcd.internal.http;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import link.etcd.EtcdSettings;
import link.etcd.internal.v2.V2Json.MembersJson;
import link.etcd.internal.v3.EtcdMethods;
import link.etcd.internal.v3.GrpcChannel;
import link.etcd.internal.v3.GrpcFrames;
import link.etcd.internal.v3.pb.MemberListRequest;
import link.etcd.internal.v3.pb.MemberListResponse;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * How to ask one endpoint for the cluster's members and id, in the API the client speaks: v2's
 * {@code GET /v2/members}, whose id is the hexadecimal {@code X-Etcd-Cluster-Id} header, or v3's
 * gRPC {@code Cluster/MemberList}, whose id is the {@code header.cluster_id} of the answer (a
 * v3-only etcd serves no {@code /v2} path). Learners are left out: they serve neither writes nor
 * linearizable reads.
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

  private final EtcdSettings.Api api;
  private final String versionPrefix;

  /** Asked for the adapter of an answer when one is read: most clients never ask for members. */
  private final Moshi moshi;

  /** Asks members in {@code api}, v2's under {@code versionPrefix} (such as {@code /v2}). */
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
              .url(url.encodedPath(EtcdMethods.MEMBER_LIST.path()).build())
              .header("te", "trailers")
              .tag(Resend.class, Resend.AFTER_FAILURE)
              .post(
                  RequestBody.create(
                      GrpcFrames.frame(MemberListRequest.ADAPTER, new MemberListRequest(false))
                          .readByteString(),
                      GrpcFrames.GRPC))
              .build();
    };
  }

  /**
   * {@return the cluster id and client URLs of {@code response}, whose body it reads}
   *
   * @throws IOException when a v3 member list was refused (such as {@code etcdserver: no leader}),
   *     or its answer is not gRPC: the endpoint is then neither verified nor taken to be a proxy,
   *     and counts as failed
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
        MemberListResponse answer = GrpcChannel.readUnary(response, EtcdMethods.MEMBER_LIST);
        yield new Answer(
            answer.header == null
                ? null
                : ClusterIds.fromDecimal(Long.toUnsignedString(answer.header.cluster_id)),
            answer.members.stream()
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
