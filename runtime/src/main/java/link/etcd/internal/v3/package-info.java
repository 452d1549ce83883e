/**
 * etcd's v3 API: requests and answers, key and prefix rules, errors, auth tokens and the v3
 * watcher. Not for users: public classes here are not API and may change in any release.
 */
@NullMarked
package link.etcd.internal.v3;

import org.jspecify.annotations.NullMarked;
