package link.etcd.internal.v3;

import link.etcd.internal.v3.pb.AuthenticateRequest;
import link.etcd.internal.v3.pb.AuthenticateResponse;
import link.etcd.internal.v3.pb.CompactionRequest;
import link.etcd.internal.v3.pb.CompactionResponse;
import link.etcd.internal.v3.pb.DeleteRangeRequest;
import link.etcd.internal.v3.pb.DeleteRangeResponse;
import link.etcd.internal.v3.pb.LeaseGrantRequest;
import link.etcd.internal.v3.pb.LeaseGrantResponse;
import link.etcd.internal.v3.pb.LeaseKeepAliveRequest;
import link.etcd.internal.v3.pb.LeaseKeepAliveResponse;
import link.etcd.internal.v3.pb.LeaseLeasesRequest;
import link.etcd.internal.v3.pb.LeaseLeasesResponse;
import link.etcd.internal.v3.pb.LeaseRevokeRequest;
import link.etcd.internal.v3.pb.LeaseRevokeResponse;
import link.etcd.internal.v3.pb.LeaseTimeToLiveRequest;
import link.etcd.internal.v3.pb.LeaseTimeToLiveResponse;
import link.etcd.internal.v3.pb.MemberListRequest;
import link.etcd.internal.v3.pb.MemberListResponse;
import link.etcd.internal.v3.pb.PutRequest;
import link.etcd.internal.v3.pb.PutResponse;
import link.etcd.internal.v3.pb.RangeRequest;
import link.etcd.internal.v3.pb.RangeResponse;
import link.etcd.internal.v3.pb.StatusRequest;
import link.etcd.internal.v3.pb.StatusResponse;
import link.etcd.internal.v3.pb.TxnRequest;
import link.etcd.internal.v3.pb.TxnResponse;
import link.etcd.internal.v3.pb.WatchRequest;
import link.etcd.internal.v3.pb.WatchResponse;

/** The methods of etcd's gRPC services that link-etcd calls, by etcd's service and method names. */
public final class EtcdMethods {
  public static final GrpcMethod<RangeRequest, RangeResponse> RANGE =
      new GrpcMethod<>("/etcdserverpb.KV/Range", RangeRequest.ADAPTER, RangeResponse.ADAPTER);
  public static final GrpcMethod<PutRequest, PutResponse> PUT =
      new GrpcMethod<>("/etcdserverpb.KV/Put", PutRequest.ADAPTER, PutResponse.ADAPTER);
  public static final GrpcMethod<DeleteRangeRequest, DeleteRangeResponse> DELETE_RANGE =
      new GrpcMethod<>(
          "/etcdserverpb.KV/DeleteRange", DeleteRangeRequest.ADAPTER, DeleteRangeResponse.ADAPTER);
  public static final GrpcMethod<TxnRequest, TxnResponse> TXN =
      new GrpcMethod<>("/etcdserverpb.KV/Txn", TxnRequest.ADAPTER, TxnResponse.ADAPTER);
  public static final GrpcMethod<CompactionRequest, CompactionResponse> COMPACT =
      new GrpcMethod<>(
          "/etcdserverpb.KV/Compact", CompactionRequest.ADAPTER, CompactionResponse.ADAPTER);

  public static final GrpcMethod<WatchRequest, WatchResponse> WATCH =
      new GrpcMethod<>("/etcdserverpb.Watch/Watch", WatchRequest.ADAPTER, WatchResponse.ADAPTER);

  public static final GrpcMethod<LeaseGrantRequest, LeaseGrantResponse> LEASE_GRANT =
      new GrpcMethod<>(
          "/etcdserverpb.Lease/LeaseGrant", LeaseGrantRequest.ADAPTER, LeaseGrantResponse.ADAPTER);
  public static final GrpcMethod<LeaseRevokeRequest, LeaseRevokeResponse> LEASE_REVOKE =
      new GrpcMethod<>(
          "/etcdserverpb.Lease/LeaseRevoke",
          LeaseRevokeRequest.ADAPTER,
          LeaseRevokeResponse.ADAPTER);
  public static final GrpcMethod<LeaseKeepAliveRequest, LeaseKeepAliveResponse> LEASE_KEEP_ALIVE =
      new GrpcMethod<>(
          "/etcdserverpb.Lease/LeaseKeepAlive",
          LeaseKeepAliveRequest.ADAPTER,
          LeaseKeepAliveResponse.ADAPTER);
  public static final GrpcMethod<LeaseTimeToLiveRequest, LeaseTimeToLiveResponse>
      LEASE_TIME_TO_LIVE =
          new GrpcMethod<>(
              "/etcdserverpb.Lease/LeaseTimeToLive",
              LeaseTimeToLiveRequest.ADAPTER,
              LeaseTimeToLiveResponse.ADAPTER);
  public static final GrpcMethod<LeaseLeasesRequest, LeaseLeasesResponse> LEASE_LEASES =
      new GrpcMethod<>(
          "/etcdserverpb.Lease/LeaseLeases",
          LeaseLeasesRequest.ADAPTER,
          LeaseLeasesResponse.ADAPTER);

  public static final GrpcMethod<MemberListRequest, MemberListResponse> MEMBER_LIST =
      new GrpcMethod<>(
          "/etcdserverpb.Cluster/MemberList",
          MemberListRequest.ADAPTER,
          MemberListResponse.ADAPTER);

  public static final GrpcMethod<StatusRequest, StatusResponse> STATUS =
      new GrpcMethod<>(
          "/etcdserverpb.Maintenance/Status", StatusRequest.ADAPTER, StatusResponse.ADAPTER);

  public static final GrpcMethod<AuthenticateRequest, AuthenticateResponse> AUTHENTICATE =
      new GrpcMethod<>(
          "/etcdserverpb.Auth/Authenticate",
          AuthenticateRequest.ADAPTER,
          AuthenticateResponse.ADAPTER);

  private EtcdMethods() {}
}
