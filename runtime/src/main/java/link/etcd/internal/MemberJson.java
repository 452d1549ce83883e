package link.etcd.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One cluster member of {@code GET /v2/members}. */
public record MemberJson(
    @Nullable String id,
    @Nullable String name,
    @Nullable List<String> peerURLs,
    @Nullable List<String> clientURLs) {}
