package link.etcd.internal.v3;

import com.squareup.wire.ProtoAdapter;

/**
 * One method of a gRPC service: the path it is called at and the Wire adapters of its request and
 * answer messages.
 *
 * @param path such as {@code /etcdserverpb.KV/Range}
 * @param request encodes the request message
 * @param answer decodes each answer message
 * @param <Q> the request message
 * @param <A> the answer message
 */
public record GrpcMethod<Q, A>(String path, ProtoAdapter<Q> request, ProtoAdapter<A> answer) {}
