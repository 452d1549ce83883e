package link.etcd.internal;

import org.jspecify.annotations.Nullable;

/** The body of {@code GET /health}: {@code {"health":"true"}} (etcd 3.4 also sends a {@code reason}). */
public record HealthJson(@Nullable String health, @Nullable String reason) {}
