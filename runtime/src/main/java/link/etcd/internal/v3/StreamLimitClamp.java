package link.etcd.internal.v3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a server's HTTP/2 frames (on an h2c connection) and lowers a {@code
 * SETTINGS_MAX_CONCURRENT_STREAMS} above {@code 2^31 - 1} to {@code 2^31 - 1}, changing nothing
 * else. etcd 3.4.21+ and 3.5.4+ announce {@code 2^32 - 1} (its {@code --max-concurrent-streams}
 * default); OkHttp keeps the setting in an {@code int}, reads it as -1, and then never puts a
 * second call on the connection: every gRPC call opened a new TCP connection. HTTP/2 itself says
 * the setting is "initially unlimited", so {@code 2^31 - 1} means the same to etcd.
 *
 * <p>The frames are followed as they pass: a 9-byte header (24-bit length, type, flags, stream),
 * then the payload; in a SETTINGS frame that is not an ACK, each 6-byte entry is an identifier and
 * a 32-bit value, whose first byte tells whether it is above {@code 2^31 - 1}. The payload of every
 * other frame is passed over whole, not byte by byte.
 */
final class StreamLimitClamp extends FilterInputStream {
  private static final int HEADER = 9;
  private static final int TYPE_SETTINGS = 0x4;
  private static final int FLAG_ACK = 0x1;
  private static final int MAX_CONCURRENT_STREAMS = 0x3;

  private final byte[] header = new byte[HEADER];
  private int inHeader;
  private int payloadLeft;
  private boolean settings;
  private int entryOffset;
  private int entryId;
  private boolean clamp;

  StreamLimitClamp(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    return b < 0 ? b : pass(b);
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int read = in.read(buffer, offset, length);
    int i = 0;
    while (i < read) {
      if (payloadLeft > 0 && !settings) {
        int skipped = Math.min(payloadLeft, read - i);
        payloadLeft -= skipped;
        i += skipped;
      } else {
        buffer[offset + i] = (byte) pass(buffer[offset + i] & 0xff);
        i++;
      }
    }
    return read;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = 0;
    while (skipped < n && read() >= 0) {
      skipped++;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** Takes one byte of the stream through the frame reader; returns it, lowered where needed. */
  private int pass(int b) {
    if (payloadLeft == 0) {
      header[inHeader++] = (byte) b;
      if (inHeader == HEADER) {
        inHeader = 0;
        payloadLeft = (header[0] & 0xff) << 16 | (header[1] & 0xff) << 8 | (header[2] & 0xff);
        settings = header[3] == TYPE_SETTINGS && (header[4] & FLAG_ACK) == 0;
        entryOffset = 0;
      }
      return b;
    }
    payloadLeft--;
    if (!settings) {
      return b;
    }
    int at = entryOffset;
    entryOffset = (entryOffset + 1) % 6;
    switch (at) {
      case 0 -> entryId = b << 8;
      case 1 -> entryId |= b;
      case 2 -> {
        clamp = entryId == MAX_CONCURRENT_STREAMS && b >= 0x80;
        return clamp ? 0x7f : b;
      }
      default -> {
        return clamp ? 0xff : b;
      }
    }
    return b;
  }
}
