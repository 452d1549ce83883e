package link.etcd.internal.v3;

import java.net.ProtocolException;

/**
 * A gRPC answer that breaks gRPC's rules: no {@code grpc-status}, a compressed message that was not
 * asked for, bytes that do not decode as the method's message, more than one answer to a unary
 * call.
 */
public final class GrpcProtocolException extends ProtocolException {
  private static final long serialVersionUID = 1L;

  GrpcProtocolException(String message) {
    super(message);
  }
}
