package link.etcd.internal.v2;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A node of the key space as etcd v2 sends it; absent fields are {@code null}. */
public record NodeJson(
    @Nullable String key,
    @Nullable String value,
    @Nullable Boolean dir,
    @Nullable Long createdIndex,
    @Nullable Long modifiedIndex,
    @Nullable String expiration,
    @Nullable Long ttl,
    @Nullable List<NodeJson> nodes) {}
