package link.etcd.internal.v3;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import link.etcd.EtcdMember;
import link.etcd.EtcdV3Client.Compare;
import link.etcd.EtcdV3Client.DeleteRangeOptions;
import link.etcd.EtcdV3Client.DeleteRangeResult;
import link.etcd.EtcdV3Client.KeyValue;
import link.etcd.EtcdV3Client.LeaseTimeToLive;
import link.etcd.EtcdV3Client.Op;
import link.etcd.EtcdV3Client.OpResult;
import link.etcd.EtcdV3Client.PutOptions;
import link.etcd.EtcdV3Client.PutResult;
import link.etcd.EtcdV3Client.RangeOptions;
import link.etcd.EtcdV3Client.RangeResult;
import link.etcd.EtcdV3Client.Status;
import link.etcd.EtcdV3Client.TxnResult;
import link.etcd.internal.v2.EtcdJsonReader;
import org.jspecify.annotations.Nullable;

/**
 * The v3 gateway's JSON for {@link EtcdV3Client}: its requests built from keys and options (keys
 * under the client's {@code key_prefix}, zero values left out, int64 values as strings), and its
 * answers turned into the client's results (keys without the prefix, ids of members and clusters in
 * hexadecimal), including ranges decoded as they stream in.
 */
public final class V3Messages {
  private final V3Keys keys;

  public V3Messages(V3Keys keys) {
    this.keys = keys;
  }

  public RangeResult streamRange(EtcdJsonReader json, Consumer<KeyValue> each) throws IOException {
    long revision = 0;
    boolean more = false;
    long count = 0;
    json.beginObject();
    while (json.hasNext()) {
      switch (json.nextName()) {
        case "header" -> revision = streamRevision(json);
        case "kvs" -> {
          json.beginArray();
          while (json.hasNext()) {
            each.accept(streamKeyValue(json));
          }
          json.endArray();
        }
        case "more" -> more = json.nextBoolean();
        case "count" -> count = json.nextLong();
        default -> json.skipValue();
      }
    }
    json.endObject();
    return new RangeResult(revision, List.of(), more, count);
  }

  static long streamRevision(EtcdJsonReader json) throws IOException {
    long revision = 0;
    json.beginObject();
    while (json.hasNext()) {
      if (json.nextName().equals("revision")) {
        revision = json.nextLong();
      } else {
        json.skipValue();
      }
    }
    json.endObject();
    return revision;
  }

  /** One key of a streamed range, read field by field; a field left out holds its zero value. */
  KeyValue streamKeyValue(EtcdJsonReader json) throws IOException {
    V3Json.KeyValue kv = new V3Json.KeyValue();
    json.beginObject();
    while (json.hasNext()) {
      switch (json.nextName()) {
        case "key" -> kv.key = json.nextString();
        case "value" -> kv.value = json.nextString();
        case "create_revision" -> kv.createRevision = json.nextLong();
        case "mod_revision" -> kv.modRevision = json.nextLong();
        case "version" -> kv.version = json.nextLong();
        case "lease" -> kv.lease = json.nextLong();
        default -> json.skipValue();
      }
    }
    json.endObject();
    return keyValue(kv);
  }

  public V3Json.RangeRequest rangeRequest(String key, RangeOptions options) {
    V3Json.RangeRequest request = new V3Json.RangeRequest();
    request.key = keys.key(key);
    request.rangeEnd = options.rangeEnd() == null ? null : keys.rangeEnd(options.rangeEnd());
    request.limit = int64(options.limit());
    request.revision = int64(options.revision());
    request.serializable = flag(options.serializable());
    request.keysOnly = flag(options.keysOnly());
    request.countOnly = flag(options.countOnly());
    return request;
  }

  public RangeResult rangeResult(V3Json.RangeResponse body) {
    return new RangeResult(
        body.header.revision,
        body.kvs.stream().map(this::keyValue).toList(),
        body.more,
        body.count);
  }

  public V3Json.PutRequest putRequest(String key, String value, PutOptions options) {
    V3Json.PutRequest request = new V3Json.PutRequest();
    request.key = keys.key(key);
    request.value = value.isEmpty() ? null : V3Keys.base64(value);
    request.lease = int64(options.lease());
    request.prevKv = flag(options.prevKv());
    return request;
  }

  public PutResult putResult(V3Json.PutResponse body) {
    return new PutResult(body.header.revision, body.prevKv == null ? null : keyValue(body.prevKv));
  }

  public V3Json.DeleteRangeRequest deleteRequest(String key, DeleteRangeOptions options) {
    V3Json.DeleteRangeRequest request = new V3Json.DeleteRangeRequest();
    request.key = keys.key(key);
    request.rangeEnd = options.rangeEnd() == null ? null : keys.rangeEnd(options.rangeEnd());
    request.prevKv = flag(options.prevKv());
    return request;
  }

  public DeleteRangeResult deleteResult(V3Json.DeleteRangeResponse body) {
    return new DeleteRangeResult(
        body.header.revision, body.deleted, body.prevKvs.stream().map(this::keyValue).toList());
  }

  public V3Json.Compare compare(Compare compare) {
    V3Json.Compare json = new V3Json.Compare();
    json.key = keys.key(compare.key());
    json.rangeEnd = compare.rangeEnd() == null ? null : keys.rangeEnd(compare.rangeEnd());
    json.target = compare.target().name();
    json.result = compare.result().name();
    switch (compare.target()) {
      case VALUE -> json.value = V3Keys.base64(requireNonNull(compare.value()));
      case VERSION -> json.version = Long.toString(compare.number());
      case CREATE -> json.createRevision = Long.toString(compare.number());
      case MOD -> json.modRevision = Long.toString(compare.number());
      case LEASE -> json.lease = Long.toString(compare.number());
    }
    return json;
  }

  public V3Json.RequestOp requestOp(Op op) {
    V3Json.RequestOp json = new V3Json.RequestOp();
    if (op instanceof Op.Put put) {
      json.requestPut = putRequest(put.key(), put.value(), put.options());
    } else if (op instanceof Op.Range range) {
      json.requestRange = rangeRequest(range.key(), range.options());
    } else if (op instanceof Op.DeleteRange delete) {
      json.requestDeleteRange = deleteRequest(delete.key(), delete.options());
    }
    return json;
  }

  public TxnResult txnResult(V3Json.TxnResponse body) {
    List<OpResult> results = new ArrayList<>();
    for (V3Json.ResponseOp op : body.responses) {
      if (op.responseRange != null) {
        results.add(rangeResult(op.responseRange));
      } else if (op.responsePut != null) {
        results.add(putResult(op.responsePut));
      } else if (op.responseDeleteRange != null) {
        results.add(deleteResult(op.responseDeleteRange));
      } else {
        throw new IllegalStateException(
            "a txn response that is neither range, put nor delete_range");
      }
    }
    return new TxnResult(body.header.revision, body.succeeded, results);
  }

  public static V3Json.CompactionRequest compactionRequest(long revision, boolean physical) {
    V3Json.CompactionRequest request = new V3Json.CompactionRequest();
    request.revision = int64(revision);
    request.physical = flag(physical);
    return request;
  }

  public static V3Json.LeaseGrantRequest grantRequest(long ttlSeconds) {
    if (ttlSeconds < 1) {
      throw new IllegalArgumentException(
          "A lease's TTL must be at least 1 second but was " + ttlSeconds);
    }
    V3Json.LeaseGrantRequest request = new V3Json.LeaseGrantRequest();
    request.ttl = Long.toString(ttlSeconds);
    return request;
  }

  public static V3Json.LeaseTimeToLiveRequest timeToLiveRequest(long id, boolean keys) {
    V3Json.LeaseTimeToLiveRequest request = new V3Json.LeaseTimeToLiveRequest();
    request.id = Long.toString(id);
    request.keys = flag(keys);
    return request;
  }

  public LeaseTimeToLive toTimeToLive(V3Json.LeaseTimeToLiveResponse body) {
    return new LeaseTimeToLive(
        body.id, body.ttl, body.grantedTTL, body.keys.stream().map(keys::fromWire).toList());
  }

  public static V3Json.LeaseIdRequest leaseId(long id) {
    V3Json.LeaseIdRequest request = new V3Json.LeaseIdRequest();
    request.id = Long.toString(id);
    return request;
  }

  public static List<EtcdMember> toMembers(V3Json.MemberListResponse body) {
    return body.members.stream()
        .map(
            member ->
                new EtcdMember(hex(member.id), member.name, member.peerURLs, member.clientURLs))
        .toList();
  }

  public static Status toStatus(V3Json.StatusResponse body) {
    return new Status(
        body.version,
        hex(body.header.clusterId),
        hex(body.header.memberId),
        hex(body.leader),
        body.header.revision,
        body.raftIndex,
        body.raftTerm,
        body.dbSize,
        body.dbSizeInUse,
        body.isLearner,
        body.errors);
  }

  /** An id is a uint64, which may not fit a {@code long}; it is shown in hexadecimal. */
  static String hex(String unsignedDecimal) {
    return Long.toHexString(Long.parseUnsignedLong(unsignedDecimal));
  }

  KeyValue keyValue(V3Json.KeyValue kv) {
    String key = keys.fromWire(kv.key);
    return new KeyValue(
        key, V3Keys.value(kv.value, key), kv.createRevision, kv.modRevision, kv.version, kv.lease);
  }

  static @Nullable String int64(long value) {
    return value == 0 ? null : Long.toString(value);
  }

  static @Nullable Boolean flag(boolean value) {
    return value ? Boolean.TRUE : null;
  }
}
