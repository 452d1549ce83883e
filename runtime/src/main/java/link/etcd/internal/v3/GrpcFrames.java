package link.etcd.internal.v3;

import com.squareup.wire.ProtoAdapter;
import java.io.IOException;
import okhttp3.MediaType;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * gRPC's length-prefixed messages: a flag byte (0: not compressed; link-etcd never asks for
 * compression, so 1 is refused), a 4-byte big-endian length, then the protobuf bytes.
 */
public final class GrpcFrames {
  /** The content type of gRPC requests and answers. */
  public static final MediaType GRPC = MediaType.get("application/grpc");

  private GrpcFrames() {}

  /** Writes {@code message} as one length-prefixed message. */
  public static <M> void write(BufferedSink sink, ProtoAdapter<M> adapter, M message)
      throws IOException {
    sink.writeByte(0);
    sink.writeInt(adapter.encodedSize(message));
    adapter.encode(sink, message);
  }

  /** {@return {@code message} as one length-prefixed message} */
  public static <M> Buffer frame(ProtoAdapter<M> adapter, M message) {
    Buffer buffer = new Buffer();
    try {
      write(buffer, adapter, message);
    } catch (IOException e) {
      throw new IllegalStateException("a Buffer does not fail", e);
    }
    return buffer;
  }

  /**
   * Reads the next message from {@code source}, waiting for all of its bytes.
   *
   * @return the message, or null when {@code source} ended before its first byte
   * @throws java.io.EOFException when {@code source} ends inside a message
   * @throws GrpcProtocolException when the message is compressed, or its bytes are not {@code
   *     adapter}'s message
   */
  public static <M> @Nullable M read(BufferedSource source, ProtoAdapter<M> adapter)
      throws IOException {
    if (source.exhausted()) {
      return null;
    }
    byte flag = source.readByte();
    long length = source.readInt() & 0xffffffffL;
    if (flag != 0) {
      throw new GrpcProtocolException(
          "a gRPC message with flag " + flag + " (compressed), but none was asked for");
    }
    if (length > Integer.MAX_VALUE) {
      throw new GrpcProtocolException("a gRPC message of " + length + " bytes");
    }
    Buffer message = new Buffer();
    source.readFully(message, length);
    try {
      return adapter.decode(message);
    } catch (IOException | IllegalStateException | IllegalArgumentException e) {
      GrpcProtocolException bad =
          new GrpcProtocolException("a gRPC message of " + length + " bytes that does not decode");
      bad.initCause(e);
      throw bad;
    }
  }
}
