package link.etcd.internal.v3;

import java.io.IOException;
import link.etcd.internal.ClusterIds;
import link.etcd.internal.http.MemberList;
import link.etcd.internal.http.Resend;
import link.etcd.internal.v3.pb.MemberListRequest;
import link.etcd.internal.v3.pb.MemberListResponse;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The members in v3: gRPC's {@code Cluster/MemberList}, whose cluster id is the {@code
 * header.cluster_id} of the answer (a v3-only etcd serves no {@code /v2} path).
 */
final class V3MemberList implements MemberList {
  @Override
  public Request request(HttpUrl target) {
    return new Request.Builder()
        .url(target.newBuilder().query(null).encodedPath(EtcdMethods.MEMBER_LIST.path()).build())
        .header("te", "trailers")
        .tag(Resend.class, Resend.AFTER_FAILURE)
        .post(
            RequestBody.create(
                GrpcFrames.frame(MemberListRequest.ADAPTER, new MemberListRequest(false))
                    .readByteString(),
                GrpcFrames.GRPC))
        .build();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IOException when the member list was refused (such as {@code etcdserver: no leader}),
   *     or its answer is not gRPC
   */
  @Override
  public Answer read(Response response) throws IOException {
    MemberListResponse answer = GrpcChannel.readUnary(response, EtcdMethods.MEMBER_LIST);
    return new Answer(
        answer.header == null
            ? null
            : ClusterIds.fromDecimal(Long.toUnsignedString(answer.header.cluster_id)),
        answer.members.stream()
            .filter(member -> !member.isLearner)
            .flatMap(member -> member.clientURLs.stream())
            .toList());
  }
}
