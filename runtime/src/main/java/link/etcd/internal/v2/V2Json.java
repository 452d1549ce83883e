package link.etcd.internal.v2;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The bodies of etcd's v2 answers that Moshi reads by reflection. The records are public so that
 * Moshi can call their constructors and accessors; this class is package-private so that users
 * never see them.
 */
public final class V2Json {
  private V2Json() {}

  /**
   * The body of an etcd v2 error: {@code {"errorCode":100,"message":"Key not
   * found","cause":"/a","index":7}}. The auth layer answers {@code {"message":"Insufficient
   * credentials"}} without an error code.
   */
  public record ErrorJson(
      @Nullable Integer errorCode,
      @Nullable String message,
      @Nullable String cause,
      @Nullable Long index) {}

  /** The body of {@code GET /v2/members}. */
  public record MembersJson(@Nullable List<MemberJson> members) {}

  /** One cluster member of {@code GET /v2/members}. */
  public record MemberJson(
      @Nullable String id,
      @Nullable String name,
      @Nullable List<String> peerURLs,
      @Nullable List<String> clientURLs) {}

  /** The body of {@code GET /version}: {@code {"etcdserver":"3.4.23","etcdcluster":"3.4.0"}}. */
  public record VersionJson(@Nullable String etcdserver, @Nullable String etcdcluster) {}

  /**
   * The body of {@code GET /health}: {@code {"health":"true"}} (etcd 3.4 also sends a {@code
   * reason}).
   */
  public record HealthJson(@Nullable String health, @Nullable String reason) {}
}
