/**
 * How the clients reach etcd over HTTP: one OkHttp client per etcd client, its endpoints, failover,
 * hedging, TLS and SRV discovery, the cluster view and id checks, and the error decoding both APIs
 * share. Not for users: public classes here are not API and may change in any release.
 */
@NullMarked
package link.etcd.internal.http;

import org.jspecify.annotations.NullMarked;
