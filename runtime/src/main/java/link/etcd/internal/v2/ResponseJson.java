package link.etcd.internal.v2;

import org.jspecify.annotations.Nullable;

/** The body of a successful {@code /v2/keys} answer. */
public record ResponseJson(
    @Nullable String action, @Nullable NodeJson node, @Nullable NodeJson prevNode) {}
