package link.etcd.internal.v3;

import link.etcd.EtcdException;
import link.etcd.EtcdSettings;
import link.etcd.internal.http.ApiWire;
import link.etcd.internal.http.ErrorBodies;
import link.etcd.internal.http.ErrorDecoder;
import link.etcd.internal.http.MemberList;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;
import retrofit2.Response;

/**
 * What the v3 API brings to the shared transport: gRPC's HTTP/2 with PINGs, the token of {@code
 * Auth/Authenticate}, {@code Cluster/MemberList}, and the outcome of a call read from its gRPC
 * status.
 */
final class V3Wire implements ApiWire {
  private final EtcdSettings settings;
  private final @Nullable V3TokenInterceptor token;
  private final V3ErrorDecoder errors;

  V3Wire(EtcdSettings settings) {
    this.settings = settings;
    this.errors = new V3ErrorDecoder(settings);
    String username = settings.username();
    String password = settings.password();
    this.token =
        username != null && password != null ? new V3TokenInterceptor(username, password) : null;
  }

  @Override
  public void configure(OkHttpClient.Builder builder) {
    // etcd's gRPC: HTTP/2 only, and PINGs that find a dead connection within read_timeout.
    GrpcChannel.http2(
        builder, settings.protocol().equals("https"), settings.readTimeout().dividedBy(2));
  }

  @Override
  public @Nullable Interceptor credentials() {
    return token;
  }

  /**
   * Drops the auth token, so the next call authenticates again: for answers that say the token is
   * stale inside a successful HTTP answer (a watch stream's {@code cancel_reason}), which the token
   * interceptor cannot see. Does nothing without credentials.
   */
  void forgetToken() {
    if (token != null) {
      token.forget();
    }
  }

  @Override
  public MemberList memberList() {
    return new V3MemberList();
  }

  /**
   * {@inheritDoc} Every v3 call reads its whole answer as gRPC, so only a plain HTTP exchange
   * through the shared transport gets here: it gets the shared words.
   */
  @Override
  public EtcdException httpError(Response<?> response, ErrorDecoder shared) {
    return shared.statusError(response.raw(), ErrorBodies.text(response.errorBody()), null);
  }

  @Override
  public @Nullable EtcdException failure(Request request, Exception failure, ErrorDecoder shared) {
    if (failure instanceof GrpcStatusException status) {
      return errors.grpcError(status);
    }
    if (failure instanceof NotGrpcException notGrpc) {
      return errors.notEtcd(notGrpc, request.url(), shared.serverVersion());
    }
    if (failure instanceof GrpcProtocolException) {
      return ErrorDecoder.badAnswer(request, failure);
    }
    return null;
  }
}
