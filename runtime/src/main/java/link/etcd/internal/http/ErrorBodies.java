package link.etcd.internal.http;

import com.squareup.moshi.JsonAdapter;
import java.io.IOException;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * Reads the body of an error answer for a message, the same way for both APIs: at most 64 KiB of
 * it, a short excerpt to quote, and its JSON when it is an object of the expected shape.
 */
public final class ErrorBodies {
  private static final int MAX_EXCERPT = 200;
  private static final long MAX_READ = 64 * 1024;

  private ErrorBodies() {}

  /**
   * {@return the first 64 KiB of {@code body} as text, or "" when there is none or it cannot be
   * read}
   */
  public static String text(@Nullable ResponseBody body) {
    if (body == null) {
      return "";
    }
    try (body) {
      BufferedSource source = body.source();
      source.request(MAX_READ);
      return source.getBuffer().readUtf8(Math.min(source.getBuffer().size(), MAX_READ));
    } catch (IOException e) {
      return "";
    }
  }

  /** {@return {@code body} on one line, cut to 200 characters, or "(empty body)"} */
  public static String excerpt(String body) {
    String text = body.strip().replaceAll("\\s+", " ");
    if (text.isEmpty()) {
      return "(empty body)";
    }
    return text.length() > MAX_EXCERPT ? text.substring(0, MAX_EXCERPT) + "..." : text;
  }

  /**
   * {@return {@code body} read by {@code adapter} when it is a JSON object that fits, otherwise
   * {@code null}}
   */
  public static <T> @Nullable T json(JsonAdapter<T> adapter, String body) {
    String trimmed = body.strip();
    if (!trimmed.startsWith("{")) {
      return null;
    }
    try {
      return adapter.fromJson(trimmed);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
