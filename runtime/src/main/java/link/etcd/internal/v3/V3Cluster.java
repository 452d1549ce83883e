package link.etcd.internal.v3;

import java.util.List;
import link.etcd.EtcdMember;
import link.etcd.internal.http.Resend;
import link.etcd.internal.http.Transport;
import link.etcd.internal.v3.pb.MemberListRequest;
import link.etcd.internal.v3.pb.MemberListResponse;

/** etcd's {@code Cluster} service, as {@code EtcdV3Client} calls it: the member list. */
public final class V3Cluster {
  private final Transport transport;

  public V3Cluster(Transport transport) {
    this.transport = transport;
  }

  /** {@return the call that lists the members; ids in hexadecimal, as etcdctl shows them} */
  public UnaryCall<?, List<EtcdMember>> members() {
    return UnaryCall.of(
        transport,
        EtcdMethods.MEMBER_LIST,
        new MemberListRequest(false),
        Resend.AFTER_FAILURE,
        (MemberListResponse answer) ->
            answer.members.stream()
                .map(
                    member ->
                        new EtcdMember(
                            Long.toHexString(member.ID),
                            member.name,
                            member.peerURLs,
                            member.clientURLs))
                .toList());
  }
}
