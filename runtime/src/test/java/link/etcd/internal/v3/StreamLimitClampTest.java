package link.etcd.internal.v3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

final class StreamLimitClampTest {
  private static final int SETTINGS = 0x4;
  private static final int DATA = 0x0;

  @Test
  void aStreamLimitAboveTheLargestIntIsLoweredToIt() throws IOException {
    byte[] in = frames(settings(0, entry(3, 0xffffffffL), entry(4, 0xffffffffL)));
    byte[] out = frames(settings(0, entry(3, 0x7fffffffL), entry(4, 0xffffffffL)));
    assertArrayEquals(out, readInPieces(in, 1));
    assertArrayEquals(out, readInPieces(in, 7));
    assertArrayEquals(out, readInPieces(in, 4096));
  }

  @Test
  void everythingElsePassesUnchanged() throws IOException {
    byte[] data = concat(entry(3, 0xffffffffL), entry(3, 0xfffffffeL));
    byte[] in =
        frames(
            settings(0, entry(3, 1000)),
            settings(1),
            frame(DATA, 0, 1, data),
            settings(0, entry(1, 0x80000000L)),
            frame(DATA, 0, 3, new byte[0]));
    assertArrayEquals(in, readInPieces(in, 1));
    assertArrayEquals(in, readInPieces(in, 5));
  }

  @Test
  void aLimitAfterOtherFramesIsLoweredToo() throws IOException {
    byte[] before = frame(DATA, 0, 1, new byte[] {1, 2, 3});
    byte[] in = frames(before, settings(0, entry(2, 0), entry(3, 0x80000000L)));
    byte[] out = frames(before, settings(0, entry(2, 0), entry(3, 0x7fffffffL)));
    assertArrayEquals(out, readInPieces(in, 3));
  }

  private static byte[] readInPieces(byte[] bytes, int piece) throws IOException {
    try (InputStream clamp = new StreamLimitClamp(new ByteArrayInputStream(bytes))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[piece];
      for (int n; (n = clamp.read(buffer, 0, piece)) >= 0; ) {
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    }
  }

  private static byte[] settings(int flags, byte[]... entries) {
    return frame(SETTINGS, flags, 0, concat(entries));
  }

  private static byte[] entry(int id, long value) {
    return new byte[] {
      (byte) (id >> 8),
      (byte) id,
      (byte) (value >> 24),
      (byte) (value >> 16),
      (byte) (value >> 8),
      (byte) value
    };
  }

  private static byte[] frame(int type, int flags, int stream, byte[] payload) {
    byte[] header = {
      (byte) (payload.length >> 16),
      (byte) (payload.length >> 8),
      (byte) payload.length,
      (byte) type,
      (byte) flags,
      (byte) (stream >> 24),
      (byte) (stream >> 16),
      (byte) (stream >> 8),
      (byte) stream
    };
    return concat(header, payload);
  }

  private static byte[] frames(byte[]... frames) {
    return concat(frames);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
