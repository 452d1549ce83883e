package link.etcd.internal.v2;

import com.squareup.moshi.Moshi;
import java.nio.charset.StandardCharsets;
import link.etcd.EtcdException;
import link.etcd.EtcdSettings;
import link.etcd.internal.http.ApiWire;
import link.etcd.internal.http.ErrorDecoder;
import link.etcd.internal.http.MemberList;
import okhttp3.Credentials;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;
import retrofit2.Response;

/**
 * What the v2 API brings to the shared transport: HTTP/1.1 as OkHttp sets it up, HTTP basic auth,
 * {@code GET /v2/members}, and etcd's JSON errors read by their {@code errorCode}.
 */
final class V2Wire implements ApiWire {
  private final EtcdSettings settings;
  private final KeysErrors errors;

  V2Wire(EtcdSettings settings) {
    this.settings = settings;
    this.errors = new KeysErrors(ErrorJsonAdapter.INSTANCE, settings.versionPrefix());
  }

  @Override
  public void configure(OkHttpClient.Builder builder) {
    // OkHttp's defaults: HTTP/1.1 on http://, and HTTP/2 by ALPN where an https:// server offers
    // it.
  }

  @Override
  public @Nullable Interceptor credentials() {
    String username = settings.username();
    String password = settings.password();
    if (username == null || password == null) {
      return null;
    }
    String authorization = Credentials.basic(username, password, StandardCharsets.UTF_8);
    return chain ->
        chain.proceed(chain.request().newBuilder().header("Authorization", authorization).build());
  }

  @Override
  public MemberList memberList() {
    return new V2MemberList(settings.versionPrefix(), new Moshi.Builder().build());
  }

  @Override
  public EtcdException httpError(Response<?> response, ErrorDecoder shared) {
    return errors.httpError(response, shared);
  }

  @Override
  public @Nullable EtcdException failure(Request request, Exception failure, ErrorDecoder shared) {
    return null; // v2's wire raises nothing of its own: JSON and I/O failures are shared
  }
}
