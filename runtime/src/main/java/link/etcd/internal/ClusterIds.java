package link.etcd.internal;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The forms of an etcd cluster id, a uint64: hexadecimal as etcdctl prints it and as the v2 API
 * sends it in {@code X-Etcd-Cluster-Id} ({@code cdf818194e3a8c32}), and decimal as the v3 gateway
 * sends it in {@code header.cluster_id} ({@code 14841639068965178418}). Every id is compared in one
 * canonical form: lowercase hexadecimal without leading zeros, the form etcd itself prints.
 */
public final class ClusterIds {
  /** The most hexadecimal digits of a uint64. */
  private static final int MAX_HEX_DIGITS = 16;

  private ClusterIds() {}

  /**
   * {@return the canonical form of {@code expected_cluster_id}} Hexadecimal when it starts with
   * {@code 0x} or holds a letter {@code a}–{@code f}; decimal when it has more digits than a
   * hexadecimal uint64 can (17 to 20); digits alone, 16 or fewer, read both ways and are refused.
   *
   * @throws IllegalArgumentException naming the option and both forms when the value is neither
   */
  public static String fromSetting(String value) {
    String text = value.strip().toLowerCase(Locale.ROOT);
    boolean prefixed = text.startsWith("0x");
    String digits = prefixed ? text.substring(2) : text;
    if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit) && !prefixed) {
      if (digits.length() <= MAX_HEX_DIGITS) {
        throw new IllegalArgumentException(
            "expected_cluster_id '"
                + value
                + "' reads both as hexadecimal and as decimal; write the hexadecimal id etcdctl"
                + " prints with 0x (0x"
                + digits
                + "), or give the decimal id of the v3 gateway's header.cluster_id in hexadecimal");
      }
      try {
        return Long.toHexString(Long.parseUnsignedLong(digits));
      } catch (NumberFormatException e) {
        throw invalid(value);
      }
    }
    if (digits.isEmpty()
        || digits.length() > MAX_HEX_DIGITS
        || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw invalid(value);
    }
    return Long.toHexString(Long.parseUnsignedLong(digits, 16));
  }

  private static IllegalArgumentException invalid(String value) {
    return new IllegalArgumentException(
        "expected_cluster_id must be the cluster id in hexadecimal, as etcdctl prints it"
            + " (cdf818194e3a8c32 or 0xcdf818194e3a8c32), or in decimal, as the v3 gateway sends it"
            + " (14841639068965178418), but was '"
            + value
            + "'");
  }

  /**
   * {@return the canonical form of a v2 {@code X-Etcd-Cluster-Id} header, or {@code null} when
   * there is none} A header that is not hexadecimal is compared as it is.
   */
  public static @Nullable String fromHex(@Nullable String header) {
    if (header == null || header.isEmpty()) {
      return null;
    }
    try {
      return Long.toHexString(Long.parseUnsignedLong(header, 16));
    } catch (NumberFormatException e) {
      return header;
    }
  }

  /**
   * {@return the canonical form of a v3 {@code header.cluster_id}, or {@code null} when it is
   * missing (etcd leaves out a zero)} A value that is not decimal is compared as it is.
   */
  public static @Nullable String fromDecimal(@Nullable String clusterId) {
    if (clusterId == null || clusterId.isEmpty() || clusterId.equals("0")) {
      return null;
    }
    try {
      return Long.toHexString(Long.parseUnsignedLong(clusterId));
    } catch (NumberFormatException e) {
      return clusterId;
    }
  }
}
