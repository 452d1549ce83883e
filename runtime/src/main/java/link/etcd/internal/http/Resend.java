package link.etcd.internal.http;

import okhttp3.Request;

/**
 * Whether a request may be sent again after it may have reached a server, declared where the
 * request is built as its OkHttp tag ({@code Request.Builder.tag(Resend.class, ...)}), so that
 * failover and hedging never guess it from a body or a URL. A request without the tag is {@link
 * #NEVER}.
 */
public enum Resend {
  /** Sent once: a second send could apply it twice, so a lost answer is an unknown outcome. */
  NEVER,
  /** Idempotent: after a failure, it is sent again to the next endpoint. */
  AFTER_FAILURE,
  /**
   * Idempotent and quick whatever the data (a read or write of one key): also sent to another
   * member while the first is slow to answer.
   */
  HEDGED;

  /** {@return whether a request with this tag may be sent again} */
  public boolean repeatable() {
    return this != NEVER;
  }

  /** {@return the tag of {@code request}, or {@link #NEVER} when it has none} */
  public static Resend of(Request request) {
    Resend resend = request.tag(Resend.class);
    return resend == null ? NEVER : resend;
  }
}
