package link.etcd;

import org.jspecify.annotations.Nullable;

/** The body of a successful {@code /v2/keys} answer. */
record ResponseJson(
    @Nullable String action, @Nullable NodeJson node, @Nullable NodeJson prevNode) {}
