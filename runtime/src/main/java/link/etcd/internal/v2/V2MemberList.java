package link.etcd.internal.v2;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import link.etcd.internal.ClusterIds;
import link.etcd.internal.http.MemberList;
import link.etcd.internal.v2.V2Json.MembersJson;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The members in v2: {@code GET /v2/members}, whose cluster id is the hexadecimal {@code
 * X-Etcd-Cluster-Id} header of the answer.
 */
final class V2MemberList implements MemberList {
  private final String versionPrefix;

  /** Asked for the adapter of an answer when one is read: most clients never ask for members. */
  private final Moshi moshi;

  /** Asks under {@code versionPrefix}, such as {@code /v2}. */
  V2MemberList(String versionPrefix, Moshi moshi) {
    this.versionPrefix = versionPrefix.equals("/") ? "" : versionPrefix;
    this.moshi = moshi;
  }

  @Override
  public Request request(HttpUrl target) {
    return new Request.Builder()
        .url(target.newBuilder().query(null).encodedPath(versionPrefix + "/members").build())
        .build();
  }

  @Override
  public Answer read(Response response) {
    String id = ClusterIds.fromHex(response.header("X-Etcd-Cluster-Id"));
    MembersJson json =
        response.isSuccessful() ? parse(moshi.adapter(MembersJson.class), response) : null;
    List<String> urls =
        json == null || json.members() == null
            ? List.of()
            : json.members().stream()
                .flatMap(
                    member ->
                        member.clientURLs() == null ? Stream.empty() : member.clientURLs().stream())
                .toList();
    return new Answer(id, urls);
  }

  private static <T> @Nullable T parse(JsonAdapter<T> adapter, Response response) {
    try {
      return adapter.fromJson(response.body().source());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
