/**
 * etcd's v2 keys API: its Retrofit service, the JSON reader that decodes answers as they arrive, v2
 * error bodies and the writes whose answers nobody reads. Not for users: public classes here are
 * not API and may change in any release.
 */
@NullMarked
package link.etcd.internal.v2;

import org.jspecify.annotations.NullMarked;
