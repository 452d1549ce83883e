package link.etcd.internal.v3;

import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.POST;
import retrofit2.http.Streaming;
import retrofit2.http.Tag;

/**
 * etcd's v3 API through its JSON gateway: every call is a {@code POST} of a JSON body. The base URL
 * ends with the version prefix ({@code http://host:port/v3/}).
 */
public interface V3Api {
  @POST("kv/range")
  Call<V3Json.RangeResponse> range(@Body V3Json.RangeRequest request);

  /** Like {@link #range}, but the body is handed over unread, to be decoded as it arrives. */
  @Streaming
  @POST("kv/range")
  Call<ResponseBody> rangeStreaming(@Body V3Json.RangeRequest request);

  @POST("kv/put")
  Call<V3Json.PutResponse> put(
      @Body V3Json.PutRequest request, @Tag V3RetryRule.@Nullable Tag repeatable);

  @POST("kv/deleterange")
  Call<V3Json.DeleteRangeResponse> deleteRange(@Body V3Json.DeleteRangeRequest request);

  @POST("kv/txn")
  Call<V3Json.TxnResponse> txn(
      @Body V3Json.TxnRequest request, @Tag V3RetryRule.@Nullable Tag repeatable);

  @POST("kv/compaction")
  Call<V3Json.CompactionResponse> compaction(@Body V3Json.CompactionRequest request);

  @POST("lease/grant")
  Call<V3Json.LeaseGrantResponse> leaseGrant(@Body V3Json.LeaseGrantRequest request);

  @POST("lease/revoke")
  Call<V3Json.LeaseRevokeResponse> leaseRevoke(@Body V3Json.LeaseIdRequest request);

  @POST("lease/keepalive")
  Call<V3Json.LeaseKeepAliveStream> leaseKeepAlive(@Body V3Json.LeaseIdRequest request);

  @POST("lease/timetolive")
  Call<V3Json.LeaseTimeToLiveResponse> leaseTimeToLive(@Body V3Json.LeaseTimeToLiveRequest request);

  @POST("cluster/member/list")
  Call<V3Json.MemberListResponse> memberList(@Body V3Json.Empty request);

  @POST("maintenance/status")
  Call<V3Json.StatusResponse> status(@Body V3Json.Empty request);
}
