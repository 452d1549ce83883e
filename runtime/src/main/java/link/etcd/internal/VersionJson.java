package link.etcd.internal;

import org.jspecify.annotations.Nullable;

/** The body of {@code GET /version}: {@code {"etcdserver":"3.4.23","etcdcluster":"3.4.0"}}. */
public record VersionJson(@Nullable String etcdserver, @Nullable String etcdcluster) {}
