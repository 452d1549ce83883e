package link.etcd;

import org.jspecify.annotations.Nullable;

/**
 * The answer to a keys request, with the indexes etcd sent in its headers.
 *
 * @param action what etcd did: {@code get}, {@code set}, {@code create}, {@code update}, {@code
 *     compareAndSwap}, {@code delete}, {@code compareAndDelete}, {@code expire}
 * @param node the node read or written
 * @param prevNode the node as it was before a write, or {@code null} when there was none
 * @param etcdIndex {@code X-Etcd-Index}: the store's index when the answer was made ({@code 0} if
 *     absent)
 * @param raftIndex {@code X-Raft-Index} ({@code 0} if absent)
 * @param raftTerm {@code X-Raft-Term} ({@code 0} if absent)
 * @param clusterId {@code X-Etcd-Cluster-Id}, or {@code null} if absent
 */
public record EtcdResponse(
    String action,
    EtcdNode node,
    @Nullable EtcdNode prevNode,
    long etcdIndex,
    long raftIndex,
    long raftTerm,
    @Nullable String clusterId) {}
