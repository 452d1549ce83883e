package link.etcd.internal.v3;

import com.squareup.moshi.Json;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The JSON of etcd's v3 gateway ({@code rpc.proto} through grpc-gateway). etcd leaves out every
 * field holding its zero value, so every answer field is optional and starts at that zero. int64
 * fields arrive as JSON strings (Moshi reads them into {@code long}); uint64 ids overflow {@code
 * long}, so they stay strings. {@code key}, {@code value} and {@code range_end} are standard
 * base64. Requests leave out what is {@code null}; their int64 fields are strings, as etcd writes
 * them.
 */
public final class V3Json {
  private V3Json() {}

  public static final class Header {
    @Json(name = "cluster_id")
    public String clusterId = "0";

    @Json(name = "member_id")
    String memberId = "0";

    public long revision;

    @Json(name = "raft_term")
    long raftTerm;
  }

  static final class KeyValue {
    String key = "";

    @Json(name = "create_revision")
    long createRevision;

    @Json(name = "mod_revision")
    long modRevision;

    long version;
    String value = "";
    long lease;
  }

  public static final class RangeRequest {
    @Nullable String key;

    @Json(name = "range_end")
    public @Nullable String rangeEnd;

    @Nullable String limit;
    public @Nullable String revision;
    @Nullable Boolean serializable;

    @Json(name = "keys_only")
    @Nullable Boolean keysOnly;

    @Json(name = "count_only")
    @Nullable Boolean countOnly;
  }

  public static final class RangeResponse {
    public Header header = new Header();
    List<KeyValue> kvs = List.of();
    boolean more;
    long count;
  }

  static final class PutRequest {
    @Nullable String key;
    @Nullable String value;
    @Nullable String lease;

    @Json(name = "prev_kv")
    @Nullable Boolean prevKv;
  }

  public static final class PutResponse {
    public Header header = new Header();

    @Json(name = "prev_kv")
    @Nullable KeyValue prevKv;
  }

  static final class DeleteRangeRequest {
    @Nullable String key;

    @Json(name = "range_end")
    public @Nullable String rangeEnd;

    @Json(name = "prev_kv")
    @Nullable Boolean prevKv;
  }

  public static final class DeleteRangeResponse {
    public Header header = new Header();
    long deleted;

    @Json(name = "prev_kvs")
    List<KeyValue> prevKvs = List.of();
  }

  public static final class Compare {
    @Nullable String key;

    @Json(name = "range_end")
    public @Nullable String rangeEnd;

    @Nullable String target;
    public @Nullable String result;
    @Nullable String value;
    @Nullable String version;

    @Json(name = "create_revision")
    @Nullable String createRevision;

    @Json(name = "mod_revision")
    @Nullable String modRevision;

    @Nullable String lease;
  }

  public static final class RequestOp {
    @Json(name = "request_range")
    @Nullable RangeRequest requestRange;

    @Json(name = "request_put")
    @Nullable PutRequest requestPut;

    @Json(name = "request_delete_range")
    @Nullable DeleteRangeRequest requestDeleteRange;
  }

  public static final class TxnRequest {
    public @Nullable List<Compare> compare;
    public @Nullable List<RequestOp> success;
    public @Nullable List<RequestOp> failure;
  }

  static final class ResponseOp {
    @Json(name = "response_range")
    @Nullable RangeResponse responseRange;

    @Json(name = "response_put")
    @Nullable PutResponse responsePut;

    @Json(name = "response_delete_range")
    @Nullable DeleteRangeResponse responseDeleteRange;
  }

  public static final class TxnResponse {
    public Header header = new Header();
    boolean succeeded;
    List<ResponseOp> responses = List.of();
  }

  static final class CompactionRequest {
    public @Nullable String revision;
    @Nullable Boolean physical;
  }

  public static final class CompactionResponse {
    public Header header = new Header();
  }

  static final class LeaseGrantRequest {
    @Json(name = "TTL")
    public @Nullable String ttl;

    @Json(name = "ID")
    public @Nullable String id;
  }

  public static final class LeaseGrantResponse {
    public Header header = new Header();

    @Json(name = "ID")
    public long id;

    @Json(name = "TTL")
    public long ttl;

    public String error = "";
  }

  static final class LeaseIdRequest {
    @Json(name = "ID")
    public @Nullable String id;
  }

  public static final class LeaseRevokeResponse {
    public Header header = new Header();
  }

  public static final class LeaseKeepAliveResponse {
    public Header header = new Header();

    @Json(name = "ID")
    public long id;

    @Json(name = "TTL")
    public long ttl;
  }

  /**
   * keepalive is a gRPC stream: the gateway wraps each answer as {@code {"result":{...}}}, or a
   * failure as {@code {"error":{...}}}.
   */
  public static final class LeaseKeepAliveStream {
    public @Nullable LeaseKeepAliveResponse result;
    public @Nullable Error error;
  }

  static final class LeaseTimeToLiveRequest {
    @Json(name = "ID")
    public @Nullable String id;

    @Nullable Boolean keys;
  }

  public static final class LeaseTimeToLiveResponse {
    public Header header = new Header();

    @Json(name = "ID")
    public long id;

    @Json(name = "TTL")
    public long ttl;

    long grantedTTL;
    List<String> keys = List.of();
  }

  /** The body of the requests that take no fields: {@code {}}. */
  public static final class Empty {}

  public static final class Member {
    @Json(name = "ID")
    public String id = "0";

    String name = "";
    List<String> peerURLs = List.of();
    public List<String> clientURLs = List.of();
    public boolean isLearner;
  }

  public static final class MemberListResponse {
    public Header header = new Header();
    public List<Member> members = List.of();
  }

  public static final class StatusResponse {
    public Header header = new Header();
    String version = "";
    long dbSize;
    String leader = "0";
    long raftIndex;
    long raftTerm;
    long raftAppliedIndex;
    List<String> errors = List.of();
    long dbSizeInUse;
    public boolean isLearner;
  }

  static final class AuthenticateRequest {
    @Nullable String name;
    @Nullable String password;

    @Override
    public String toString() {
      return "AuthenticateRequest{name=" + name + ", password=██}";
    }
  }

  static final class AuthenticateResponse {
    public Header header = new Header();
    String token = "";
  }

  /**
   * An error answer: {@code {"error","code","message"}} from etcd 3.4 and upstream 3.5, {@code
   * {"code","message", "details"}} from Debian's 3.5 and 3.6+; inside a stream's answer, etcd 3.4
   * says {@code {"grpc_code", "http_code","message","http_status"}}. The code is the gRPC status
   * code.
   */
  public static final class Error {
    int code;

    @Json(name = "grpc_code")
    int grpcCode;

    String message = "";
    public String error = "";

    /**
     * {@return the gRPC code: {@code code}, or {@code grpc_code} in the error of a stream (etcd
     * 3.4)}
     */
    int grpcCode() {
      return code != 0 ? code : grpcCode;
    }

    /** {@return etcd's message: {@code message}, or {@code error} when only that is set} */
    String text() {
      return message.isEmpty() ? error : message;
    }
  }

  public static final class Version {
    public String etcdserver = "";
    String etcdcluster = "";
  }
}
