package link.etcd.internal.v3;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import link.etcd.EtcdV3Client;
import link.etcd.EtcdV3Types.DeleteRangeOptions;
import link.etcd.EtcdV3Types.DeleteRangeResult;
import link.etcd.EtcdV3Types.Op;
import link.etcd.EtcdV3Types.OpResult;
import link.etcd.EtcdV3Types.PutOptions;
import link.etcd.EtcdV3Types.PutResult;
import link.etcd.EtcdV3Types.RangeOptions;
import link.etcd.EtcdV3Types.RangeResult;
import link.etcd.EtcdV3Types.TxnResult;
import link.etcd.internal.v3.pb.Compare;
import link.etcd.internal.v3.pb.DeleteRangeRequest;
import link.etcd.internal.v3.pb.DeleteRangeResponse;
import link.etcd.internal.v3.pb.KeyValue;
import link.etcd.internal.v3.pb.PutRequest;
import link.etcd.internal.v3.pb.PutResponse;
import link.etcd.internal.v3.pb.RangeRequest;
import link.etcd.internal.v3.pb.RangeResponse;
import link.etcd.internal.v3.pb.RequestOp;
import link.etcd.internal.v3.pb.ResponseHeader;
import link.etcd.internal.v3.pb.ResponseOp;
import link.etcd.internal.v3.pb.TxnRequest;
import link.etcd.internal.v3.pb.TxnResponse;
import org.jspecify.annotations.Nullable;

/**
 * The KV messages of {@link EtcdV3Client}: Wire requests built from keys and options (keys under
 * the client's {@code key_prefix}), and Wire answers turned into the client's results (keys without
 * the prefix, values as text).
 */
public final class KvMessages {
  private final KeyBytes keys;

  public KvMessages(KeyBytes keys) {
    this.keys = keys;
  }

  /** {@return the client's key codec} */
  public KeyBytes keys() {
    return keys;
  }

  public RangeRequest rangeRequest(String key, RangeOptions options) {
    RangeRequest.Builder request =
        new RangeRequest.Builder()
            .key(keys.key(key))
            .limit(options.limit())
            .revision(options.revision())
            .serializable(options.serializable())
            .keys_only(options.keysOnly())
            .count_only(options.countOnly());
    if (options.rangeEnd() != null) {
      request.range_end(keys.rangeEnd(options.rangeEnd()));
    }
    return request.build();
  }

  public RangeResult rangeResult(RangeResponse answer) {
    List<EtcdV3Client.KeyValue> kvs = new ArrayList<>(answer.kvs.size());
    for (KeyValue kv : answer.kvs) {
      kvs.add(keyValue(kv));
    }
    return new RangeResult(revision(answer.header), kvs, answer.more, answer.count);
  }

  public PutRequest putRequest(String key, String value, PutOptions options) {
    return new PutRequest.Builder()
        .key(keys.key(key))
        .value(KeyBytes.value(value))
        .lease(options.lease())
        .prev_kv(options.prevKv())
        .build();
  }

  public PutResult putResult(PutResponse answer) {
    return new PutResult(
        revision(answer.header), answer.prev_kv == null ? null : keyValue(answer.prev_kv));
  }

  public DeleteRangeRequest deleteRequest(String key, DeleteRangeOptions options) {
    DeleteRangeRequest.Builder request =
        new DeleteRangeRequest.Builder().key(keys.key(key)).prev_kv(options.prevKv());
    if (options.rangeEnd() != null) {
      request.range_end(keys.rangeEnd(options.rangeEnd()));
    }
    return request.build();
  }

  public DeleteRangeResult deleteResult(DeleteRangeResponse answer) {
    return new DeleteRangeResult(
        revision(answer.header),
        answer.deleted,
        answer.prev_kvs.stream().map(this::keyValue).toList());
  }

  public TxnRequest txnRequest(
      List<EtcdV3Client.Compare> compares, List<Op> success, List<Op> failure) {
    return new TxnRequest.Builder()
        .compare(compares.stream().map(this::compare).toList())
        .success(success.stream().map(this::requestOp).toList())
        .failure(failure.stream().map(this::requestOp).toList())
        .build();
  }

  Compare compare(EtcdV3Client.Compare compare) {
    Compare.Builder wire =
        new Compare.Builder()
            .key(keys.key(compare.key()))
            .target(Compare.CompareTarget.valueOf(compare.target().name()))
            .result(Compare.CompareResult.valueOf(compare.result().name()));
    if (compare.rangeEnd() != null) {
      wire.range_end(keys.rangeEnd(compare.rangeEnd()));
    }
    switch (compare.target()) {
      case VALUE -> wire.value(KeyBytes.value(requireNonNull(compare.value())));
      case VERSION -> wire.version(compare.number());
      case CREATE -> wire.create_revision(compare.number());
      case MOD -> wire.mod_revision(compare.number());
      case LEASE -> wire.lease(compare.number());
    }
    return wire.build();
  }

  RequestOp requestOp(Op op) {
    RequestOp.Builder wire = new RequestOp.Builder();
    if (op instanceof Op.Put put) {
      wire.request_put(putRequest(put.key(), put.value(), put.options()));
    } else if (op instanceof Op.Range range) {
      wire.request_range(rangeRequest(range.key(), range.options()));
    } else if (op instanceof Op.DeleteRange delete) {
      wire.request_delete_range(deleteRequest(delete.key(), delete.options()));
    }
    return wire.build();
  }

  public TxnResult txnResult(TxnResponse answer) {
    List<OpResult> results = new ArrayList<>(answer.responses.size());
    for (ResponseOp op : answer.responses) {
      if (op.response_range != null) {
        results.add(rangeResult(op.response_range));
      } else if (op.response_put != null) {
        results.add(putResult(op.response_put));
      } else if (op.response_delete_range != null) {
        results.add(deleteResult(op.response_delete_range));
      } else {
        throw new IllegalStateException(
            "a txn response that is neither range, put nor delete_range");
      }
    }
    return new TxnResult(revision(answer.header), answer.succeeded, results);
  }

  public EtcdV3Client.KeyValue keyValue(KeyValue kv) {
    String key = keys.fromWire(kv.key);
    return new EtcdV3Client.KeyValue(
        key,
        KeyBytes.value(kv.value, key),
        kv.create_revision,
        kv.mod_revision,
        kv.version,
        kv.lease);
  }

  /** {@return the revision of {@code header}, 0 when the answer had none} */
  public static long revision(@Nullable ResponseHeader header) {
    return header == null ? 0 : header.revision;
  }
}
