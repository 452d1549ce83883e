package link.etcd.internal.v3;

import java.io.IOException;
import link.etcd.internal.http.Resend;
import link.etcd.internal.v3.pb.AuthenticateRequest;
import link.etcd.internal.v3.pb.AuthenticateResponse;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * etcd's {@code Auth} service, as the client uses it: {@code Authenticate} trades the name and
 * password for a token, which {@link V3TokenInterceptor} sends on every call. Neither the password
 * nor the token is put in a message.
 */
final class V3Auth {
  private V3Auth() {}

  /**
   * {@return the {@code Authenticate} call to the member of {@code request}} It may be sent again:
   * authenticating twice only gives two tokens.
   */
  static Request authenticate(Request request, String username, String password) {
    HttpUrl url =
        request.url().newBuilder().encodedPath(EtcdMethods.AUTHENTICATE.path()).query(null).build();
    return new Request.Builder()
        .url(url)
        .header("te", "trailers")
        .tag(Resend.class, Resend.AFTER_FAILURE)
        .post(
            RequestBody.create(
                GrpcFrames.frame(
                        AuthenticateRequest.ADAPTER,
                        new AuthenticateRequest.Builder().name(username).password(password).build())
                    .readByteString(),
                GrpcFrames.GRPC))
        .build();
  }

  /**
   * {@return the token of etcd's answer to {@link #authenticate}}
   *
   * @throws V3AuthenticationException when etcd refused the name and password, or gave no token
   */
  static String token(Request authenticate, Response response) throws IOException {
    AuthenticateResponse answer;
    try {
      answer = GrpcChannel.readUnary(response, EtcdMethods.AUTHENTICATE);
    } catch (GrpcStatusException refused) {
      throw new V3AuthenticationException(
          authenticate.url(),
          refused.status().message() + " (gRPC code " + refused.status().code() + ")");
    }
    if (answer.token.isEmpty()) {
      throw new V3AuthenticationException(authenticate.url(), "(no token)");
    }
    return answer.token;
  }
}
