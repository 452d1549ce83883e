/**
 * Implementation details: the etcd v2 HTTP API as a Retrofit interface, its JSON models and the key codec, and the
 * helpers that generated schema accessors call. Not for users: nothing here is a stable API, and it may change in
 * any release.
 */
@NullMarked
package link.etcd.internal;

import org.jspecify.annotations.NullMarked;
