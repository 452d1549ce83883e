package link.etcd.internal.v2;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import link.etcd.EtcdNode;
import link.etcd.EtcdResponse;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/** Turns etcd's JSON models and headers into the public records. */
public final class Nodes {
  private Nodes() {}

  static EtcdResponse response(ResponseJson body, Headers headers) {
    NodeJson node = body.node();
    if (node == null) {
      throw new IllegalStateException("etcd's answer has no node");
    }
    return new EtcdResponse(
        body.action() == null ? "" : body.action(),
        node(node),
        body.prevNode() == null ? null : node(body.prevNode()),
        headerLong(headers, "X-Etcd-Index"),
        headerLong(headers, "X-Raft-Index"),
        headerLong(headers, "X-Raft-Term"),
        headers.get("X-Etcd-Cluster-Id"));
  }

  static EtcdNode node(NodeJson json) {
    List<NodeJson> children = json.nodes();
    List<EtcdNode> nodes;
    if (children == null || children.isEmpty()) {
      nodes = List.of();
    } else {
      nodes = new ArrayList<>(children.size());
      for (NodeJson child : children) {
        nodes.add(node(child));
      }
    }
    return new EtcdNode(
        json.key() == null ? "/" : json.key(),
        json.value(),
        Boolean.TRUE.equals(json.dir()),
        json.createdIndex() == null ? 0 : json.createdIndex(),
        json.modifiedIndex() == null ? 0 : json.modifiedIndex(),
        instant(json.expiration()),
        json.ttl(),
        nodes);
  }

  public static long headerLong(Headers headers, String name) {
    String value = headers.get(name);
    if (value == null) {
      return 0;
    }
    try {
      return Long.parseUnsignedLong(value.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static @Nullable Instant instant(@Nullable String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
