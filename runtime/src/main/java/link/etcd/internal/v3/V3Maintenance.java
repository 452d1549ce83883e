package link.etcd.internal.v3;

import link.etcd.EtcdV3Types.Status;
import link.etcd.internal.http.Resend;
import link.etcd.internal.http.Transport;
import link.etcd.internal.v3.pb.StatusRequest;
import link.etcd.internal.v3.pb.StatusResponse;

/** etcd's {@code Maintenance} service, as {@code EtcdV3Client} calls it: a member's status. */
public final class V3Maintenance {
  private final Transport transport;

  public V3Maintenance(Transport transport) {
    this.transport = transport;
  }

  /** {@return the call that asks the member this client talks to for its status} */
  public UnaryCall<?, Status> status() {
    return UnaryCall.of(
        transport,
        EtcdMethods.STATUS,
        new StatusRequest(),
        Resend.AFTER_FAILURE,
        (StatusResponse answer) ->
            new Status(
                answer.version,
                Long.toHexString(answer.header == null ? 0 : answer.header.cluster_id),
                Long.toHexString(answer.header == null ? 0 : answer.header.member_id),
                Long.toHexString(answer.leader),
                KvMessages.revision(answer.header),
                answer.raftIndex,
                answer.raftTerm,
                answer.dbSize,
                answer.dbSizeInUse,
                answer.isLearner,
                answer.errors));
  }
}
