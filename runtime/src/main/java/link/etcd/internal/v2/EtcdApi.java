package link.etcd.internal.v2;

import java.util.Map;
import java.util.function.LongConsumer;
import link.etcd.internal.v2.V2Json.HealthJson;
import link.etcd.internal.v2.V2Json.MembersJson;
import link.etcd.internal.v2.V2Json.VersionJson;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.http.DELETE;
import retrofit2.http.Field;
import retrofit2.http.FormUrlEncoded;
import retrofit2.http.GET;
import retrofit2.http.POST;
import retrofit2.http.PUT;
import retrofit2.http.Path;
import retrofit2.http.Query;
import retrofit2.http.Streaming;
import retrofit2.http.Tag;

/**
 * The etcd v2 HTTP API. The base URL ends with the version prefix ({@code http://host:port/v2/});
 * {@code key} arguments are already normalised and percent-encoded by {@link Keys#encode} and start
 * with {@code /}. A {@code null} argument leaves its parameter out of the request.
 */
public interface EtcdApi {
  @GET("keys{key}")
  Call<ResponseJson> get(
      @Path(value = "key", encoded = true) String key,
      @Query("recursive") @Nullable Boolean recursive,
      @Query("sorted") @Nullable Boolean sorted,
      @Query("quorum") @Nullable Boolean quorum,
      @Query("wait") @Nullable Boolean wait,
      @Query("waitIndex") @Nullable Long waitIndex);

  /**
   * A watch's long poll: like {@link #get} with {@code wait} true; {@code onIndex} hears the
   * answer's {@code X-Etcd-Index} as soon as its headers arrive (etcd sends them before it waits
   * for a change), through {@link IndexHeaderInterceptor}.
   */
  @GET("keys{key}")
  Call<ResponseJson> poll(
      @Path(value = "key", encoded = true) String key,
      @Query("recursive") @Nullable Boolean recursive,
      @Query("wait") Boolean wait,
      @Query("waitIndex") @Nullable Long waitIndex,
      @Tag LongConsumer onIndex);

  /** Like {@link #get}, but the body is handed over unread, to be decoded as it arrives. */
  @Streaming
  @GET("keys{key}")
  Call<ResponseBody> getStreaming(
      @Path(value = "key", encoded = true) String key,
      @Query("recursive") @Nullable Boolean recursive,
      @Query("sorted") @Nullable Boolean sorted,
      @Query("quorum") @Nullable Boolean quorum);

  @FormUrlEncoded
  @PUT("keys{key}")
  Call<ResponseJson> put(
      @Path(value = "key", encoded = true) String key,
      @Field("value") @Nullable String value,
      @Field("ttl") @Nullable Long ttl,
      @Field("dir") @Nullable Boolean dir,
      @Field("prevExist") @Nullable Boolean prevExist,
      @Field("prevValue") @Nullable String prevValue,
      @Field("prevIndex") @Nullable Long prevIndex,
      @Field("refresh") @Nullable Boolean refresh);

  @FormUrlEncoded
  @POST("keys{key}")
  Call<ResponseJson> post(
      @Path(value = "key", encoded = true) String key,
      @Field("value") @Nullable String value,
      @Field("ttl") @Nullable Long ttl,
      @Field("dir") @Nullable Boolean dir);

  @DELETE("keys{key}")
  Call<ResponseJson> delete(
      @Path(value = "key", encoded = true) String key,
      @Query("recursive") @Nullable Boolean recursive,
      @Query("dir") @Nullable Boolean dir,
      @Query("prevValue") @Nullable String prevValue,
      @Query("prevIndex") @Nullable Long prevIndex);

  @GET("members")
  Call<MembersJson> members();

  @GET("stats/self")
  Call<Map<String, Object>> selfStats();

  @GET("stats/leader")
  Call<Map<String, Object>> leaderStats();

  @GET("stats/store")
  Call<Map<String, Object>> storeStats();

  @GET("/version")
  Call<VersionJson> version();

  @GET("/health")
  Call<HealthJson> health();
}
