package link.etcd.internal;

import org.jspecify.annotations.Nullable;

/**
 * The body of an etcd v2 error: {@code {"errorCode":100,"message":"Key not found","cause":"/a","index":7}}. The
 * auth layer answers {@code {"message":"Insufficient credentials"}} without an error code.
 */
public record ErrorJson(
    @Nullable Integer errorCode, @Nullable String message, @Nullable String cause, @Nullable Long index) {}
