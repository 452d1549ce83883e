package link.etcd.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A failure without a message still says what happened in the messages built from it (it read
 * "could not be read: null").
 */
final class ErrorDecoderWhatHappenedTest {
  @Test
  void aMessageIsKept() {
    assertEquals(
        "End of input at path $.node",
        ErrorDecoder.whatHappened(new EOFException("End of input at path $.node")));
  }

  @Test
  void anAnswerCutShortWithoutAMessageSaysSo() {
    assertEquals(
        "the answer ended before it was complete (java.io.EOFException)",
        ErrorDecoder.whatHappened(new EOFException()));
  }

  @Test
  void aTimeoutWithoutAMessageSaysSo() {
    assertEquals(
        "the read was interrupted or timed out (java.net.SocketTimeoutException)",
        ErrorDecoder.whatHappened(new SocketTimeoutException()));
  }

  @Test
  void anyOtherFailureWithoutAMessageIsNamedByItsKind() {
    assertEquals(
        "java.io.IOException, which gave no message", ErrorDecoder.whatHappened(new IOException()));
    assertEquals(
        "java.lang.IllegalStateException, which gave no message",
        ErrorDecoder.whatHappened(new IllegalStateException(" ")));
  }
}
