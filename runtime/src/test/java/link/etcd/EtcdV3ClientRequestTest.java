package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import link.etcd.EtcdV3Client.Compare;
import link.etcd.EtcdV3Client.DeleteRangeOptions;
import link.etcd.EtcdV3Client.DeleteRangeResult;
import link.etcd.EtcdV3Client.KeyValue;
import link.etcd.EtcdV3Client.Lease;
import link.etcd.EtcdV3Client.LeaseTimeToLive;
import link.etcd.EtcdV3Client.Op;
import link.etcd.EtcdV3Client.PutOptions;
import link.etcd.EtcdV3Client.PutResult;
import link.etcd.EtcdV3Client.RangeOptions;
import link.etcd.EtcdV3Client.RangeResult;
import link.etcd.EtcdV3Client.Status;
import link.etcd.EtcdV3Client.TxnResult;
import link.etcd.internal.http.FailoverInterceptor;
import link.etcd.internal.v3.V3Keys;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The exact JSON {@link EtcdV3Client} sends, fields in name order as Moshi writes them (etcd
 * ignores unknown fields, so a misspelled one would go unnoticed against a real etcd), how it reads
 * answers that leave zero values out and uint64 ids past {@code long}, and both shapes of error
 * answer.
 */
final class EtcdV3ClientRequestTest {
  /** Seen from etcd 3.4.23: cluster and member ids past {@link Long#MAX_VALUE}. */
  private static final String HEADER =
      "\"header\":{\"cluster_id\":\"15118495548433857066\","
          + "\"member_id\":\"13668033151171901709\",\"revision\":\"9\",\"raft_term\":\"2\"}";

  @StartStop private final MockWebServer server = new MockWebServer();

  private EtcdV3Client client;

  @AfterEach
  void closeClient() {
    if (client != null) {
      client.close();
    }
  }

  // ---- requests

  @Test
  void aPlainRangeSendsTheKeyAsBase64AndIsSerializable() throws Exception {
    answer("{" + HEADER + "}");
    client().range("/a");
    assertRequest("/v3/kv/range", "{\"key\":\"L2E=\",\"serializable\":true}");
  }

  @Test
  void quorumReadsMakesPlainRangesAndTreeReadsLinearizable() throws Exception {
    EtcdV3Client quorum = client(settings().quorumReads(true));
    answer("{" + HEADER + "}");
    quorum.range("/a");
    assertRequest("/v3/kv/range", "{\"key\":\"L2E=\"}");
    answer("{" + HEADER + ",\"kvs\":[{\"key\":\"L2EvYg==\",\"value\":\"MQ==\"}]}");
    assertEquals(Map.of("b", "1"), quorum.readValues("/a"));
    assertRequest("/v3/kv/range", "{\"key\":\"L2Ev\",\"limit\":\"2000\",\"range_end\":\"L2Ew\"}");
  }

  @Test
  void treeReadsAreSerializableWithoutQuorumReads() throws Exception {
    answer("{" + HEADER + ",\"kvs\":[{\"key\":\"L2EvYg==\",\"value\":\"MQ==\"}]}");
    assertEquals(Map.of("b", "1"), client().readValues("/a"));
    assertRequest(
        "/v3/kv/range",
        "{\"key\":\"L2Ev\",\"limit\":\"2000\",\"range_end\":\"L2Ew\",\"serializable\":true}");
  }

  @Test
  void explicitOptionsAreSentAsGiven() throws Exception {
    answer("{" + HEADER + "}");
    client().range("/a", RangeOptions.defaults());
    assertRequest("/v3/kv/range", "{\"key\":\"L2E=\"}");
  }

  @Test
  void rangeSendsEveryOptionUnderItsProtoName() throws Exception {
    answer("{" + HEADER + "}");
    client()
        .range(
            "/a/",
            RangeOptions.defaults()
                .withRangeEnd("/a0")
                .withLimit(2)
                .withRevision(7)
                .withSerializable(true)
                .withKeysOnly(true)
                .withCountOnly(true));
    assertRequest(
        "/v3/kv/range",
        "{\"count_only\":true,\"key\":\"L2Ev\",\"keys_only\":true,\"limit\":\"2\","
            + "\"range_end\":\"L2Ew\",\"revision\":\"7\",\"serializable\":true}");
  }

  @Test
  void keyPrefixGoesBeforeKeysAndRangeEndsAndANulEndStaysInsideIt() throws Exception {
    answer("{" + HEADER + ",\"kvs\":[{\"key\":\"L25zL2E=\",\"value\":\"MQ==\"}],\"count\":\"1\"}");
    RangeResult read =
        client(settings().keyPrefix("/ns")).range("/a", RangeOptions.defaults().withRangeEnd("\0"));
    // "/ns" + "/a", and prefixEnd("/ns") = "/nt"
    assertRequest("/v3/kv/range", "{\"key\":\"L25zL2E=\",\"range_end\":\"L250\"}");
    assertEquals("/a", read.kvs().get(0).key());
  }

  @Test
  void aNulRangeEndWithoutPrefixIsTheZeroByte() throws Exception {
    answer("{" + HEADER + "}");
    client().range("", RangeOptions.defaults().withRangeEnd("\0"));
    assertRequest("/v3/kv/range", "{\"key\":\"\",\"range_end\":\"AA==\"}");
  }

  @Test
  void putSendsKeyValueLeaseAndPrevKv() throws Exception {
    answer("{" + HEADER + "}");
    client().put("/a", "ü", PutOptions.defaults().withLease(7587883211541286914L).withPrevKv(true));
    assertRequest(
        "/v3/kv/put",
        "{\"key\":\"L2E=\",\"lease\":\"7587883211541286914\",\"prev_kv\":true,"
            + "\"value\":\"w7w=\"}");
  }

  @Test
  void aPutOfTheEmptyValueLeavesValueOut() throws Exception {
    answer("{" + HEADER + "}");
    client().put("/a", "");
    assertRequest("/v3/kv/put", "{\"key\":\"L2E=\"}");
  }

  @Test
  void deleteRangeSendsRangeEndAndPrevKv() throws Exception {
    answer("{" + HEADER + "}");
    client().deleteRange("/a/", DeleteRangeOptions.defaults().withRangeEnd("/a0").withPrevKv(true));
    assertRequest(
        "/v3/kv/deleterange", "{\"key\":\"L2Ev\",\"prev_kv\":true,\"range_end\":\"L2Ew\"}");
  }

  @Test
  void txnSendsCompareSuccessAndFailureWithTheirProtoNames() throws Exception {
    answer("{" + HEADER + ",\"succeeded\":true}");
    client()
        .txn()
        .when(
            Compare.value("/a", Compare.Result.EQUAL, "1"),
            Compare.version("/a", Compare.Result.NOT_EQUAL, 2),
            Compare.createRevision("/a", Compare.Result.LESS, 3),
            Compare.modRevision("/d/", Compare.Result.GREATER, 4).withRangeEnd("/d0"),
            Compare.lease("/a", Compare.Result.EQUAL, 5))
        .then(
            Op.put("/a", "2", PutOptions.defaults().withLease(6)),
            Op.range("/a"),
            Op.deleteRange("/d/", DeleteRangeOptions.defaults().withRangeEnd("/d0")))
        .otherwise(Op.range("/a", RangeOptions.defaults().withKeysOnly(true)))
        .commit();
    assertRequest(
        "/v3/kv/txn",
        "{\"compare\":["
            + "{\"key\":\"L2E=\",\"result\":\"EQUAL\",\"target\":\"VALUE\",\"value\":\"MQ==\"},"
            + "{\"key\":\"L2E=\",\"result\":\"NOT_EQUAL\",\"target\":\"VERSION\",\"version\":\"2\"},"
            + "{\"create_revision\":\"3\",\"key\":\"L2E=\",\"result\":\"LESS\",\"target\":\"CREATE\"},"
            + "{\"key\":\"L2Qv\",\"mod_revision\":\"4\",\"range_end\":\"L2Qw\",\"result\":\"GREATER\","
            + "\"target\":\"MOD\"},"
            + "{\"key\":\"L2E=\",\"lease\":\"5\",\"result\":\"EQUAL\",\"target\":\"LEASE\"}],"
            + "\"failure\":[{\"request_range\":{\"key\":\"L2E=\",\"keys_only\":true}}],"
            + "\"success\":["
            + "{\"request_put\":{\"key\":\"L2E=\",\"lease\":\"6\",\"value\":\"Mg==\"}},"
            + "{\"request_range\":{\"key\":\"L2E=\"}},"
            + "{\"request_delete_range\":{\"key\":\"L2Qv\",\"range_end\":\"L2Qw\"}}]}");
  }

  @Test
  void aVersionCompareWithZeroSendsTheZero() throws Exception {
    answer("{" + HEADER + "}");
    client().txn().when(Compare.version("/a", Compare.Result.EQUAL, 0)).commit();
    assertRequest(
        "/v3/kv/txn",
        "{\"compare\":[{\"key\":\"L2E=\",\"result\":\"EQUAL\",\"target\":\"VERSION\",\"version\":\"0\"}]}");
  }

  @Test
  void compactionSendsRevisionAndPhysical() throws Exception {
    answer("{" + HEADER + "}");
    assertEquals(9, client().compact(5, true));
    assertRequest("/v3/kv/compaction", "{\"physical\":true,\"revision\":\"5\"}");
  }

  @Test
  void leaseCallsSendTtlAndIdUnderTheirProtoNames() throws Exception {
    answer("{" + HEADER + ",\"ID\":\"7587883211541286914\",\"TTL\":\"60\"}");
    assertEquals(new Lease(7587883211541286914L, 60), client().grant(60));
    assertRequest("/v3/lease/grant", "{\"TTL\":\"60\"}");
    answer("{" + HEADER + "}");
    client().revoke(7587883211541286914L);
    assertRequest("/v3/lease/revoke", "{\"ID\":\"7587883211541286914\"}");
    answer("{\"result\":{" + HEADER + ",\"ID\":\"7\",\"TTL\":\"60\"}}\n");
    assertEquals(new Lease(7, 60), client().keepAliveOnce(7));
    assertRequest("/v3/lease/keepalive", "{\"ID\":\"7\"}");
    answer(
        "{" + HEADER + ",\"ID\":\"7\",\"TTL\":\"41\",\"grantedTTL\":\"60\",\"keys\":[\"L2E=\"]}");
    assertEquals(new LeaseTimeToLive(7, 41, 60, List.of("/a")), client().timeToLive(7, true));
    assertRequest("/v3/lease/timetolive", "{\"ID\":\"7\",\"keys\":true}");
  }

  @Test
  void membersAndStatusSendAnEmptyObject() throws Exception {
    answer("{" + HEADER + "}");
    client().members();
    assertRequest("/v3/cluster/member/list", "{}");
    answer("{" + HEADER + "}");
    client().status();
    assertRequest("/v3/maintenance/status", "{}");
  }

  @Test
  void versionPrefixMovesEveryPath() throws Exception {
    answer("{" + HEADER + "}");
    client(settings().versionPrefix("/proxy/v3")).range("/a");
    assertRequest("/proxy/v3/kv/range", "{\"key\":\"L2E=\",\"serializable\":true}");
  }

  @Test
  void asyncFormsSendTheSameRequests() throws Exception {
    answer("{" + HEADER + "}");
    client().rangeAsync("/a", RangeOptions.defaults()).get(5, TimeUnit.SECONDS);
    assertRequest("/v3/kv/range", "{\"key\":\"L2E=\"}");
    answer("{" + HEADER + "}");
    client().txn().then(Op.put("/a", "1")).commitAsync().get(5, TimeUnit.SECONDS);
    assertRequest(
        "/v3/kv/txn", "{\"success\":[{\"request_put\":{\"key\":\"L2E=\",\"value\":\"MQ==\"}}]}");
  }

  // ---- refused before any I/O

  @Test
  void aTxnOverMaxTxnOpsIsRefusedBeforeAnyRequest() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                client(settings().maxTxnOps(2))
                    .txn()
                    .when(Compare.version("/a", Compare.Result.EQUAL, 0))
                    .then(Op.put("/a", "1"), Op.put("/b", "1"), Op.put("/c", "1"))
                    .commit());
    assertEquals(
        "A txn of 1 compares, 3 success and 0 failure operations is over max_txn_ops (2); split it, or"
            + " raise etcd's --max-txn-ops and max_txn_ops to match",
        e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void aKeyWithAnUnpairedSurrogateIsRefusedBeforeAnyRequest() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> client().put("/a\uD800", "1"));
    assertEquals(
        "The key '/a\\ud800' has an unpaired surrogate at index 2, which has no UTF-8 form",
        e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void theV2SettingsAreRefusedByTheV3Client() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new EtcdV3Client(EtcdSettings.defaults()));
    assertEquals(
        "EtcdV3Client needs api = v3, but the settings say api = v2; set api = v3, or use EtcdClient for"
            + " v2",
        e.getMessage());
  }

  @Test
  void aClosedClientRefusesCalls() {
    client().close();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> client.range("/a"));
    assertEquals("This EtcdV3Client is closed; create a new one", e.getMessage());
  }

  // ---- answers

  @Test
  void zeroValuesLeftOutReadAsZeroFalseAndEmpty() throws Exception {
    answer("{" + HEADER + ",\"kvs\":[{\"key\":\"L2E=\"}]}");
    assertEquals(
        new RangeResult(9, List.of(new KeyValue("/a", "", 0, 0, 0, 0)), false, 0),
        client().range("/a"));
    answer("{\"header\":{}}");
    assertEquals(new RangeResult(0, List.of(), false, 0), client().range("/a"));
    answer("{" + HEADER + "}");
    assertEquals(new PutResult(9, null), client().put("/a", "1"));
    answer("{" + HEADER + "}");
    assertEquals(new DeleteRangeResult(9, 0, List.of()), client().deleteRange("/a"));
    answer("{" + HEADER + "}");
    assertEquals(new TxnResult(9, false, List.of()), client().txn().commit());
    answer("{" + HEADER + ",\"ID\":\"7\",\"TTL\":\"-1\"}");
    assertEquals(new LeaseTimeToLive(7, -1, 0, List.of()), client().timeToLive(7, false));
  }

  @Test
  void aKeepAliveAnswerWithoutTtlIsAnExpiredLease() throws Exception {
    answer("{\"result\":{" + HEADER + ",\"ID\":\"7\"}}\n");
    Lease lease = client().keepAliveOnce(7);
    assertEquals(new Lease(7, 0), lease);
    assertTrue(lease.expired());
  }

  @Test
  void txnAnswersKeepTheOrderAndKindOfEachOperation() throws Exception {
    answer(
        "{"
            + HEADER
            + ",\"succeeded\":true,\"responses\":["
            + "{\"response_put\":{\"header\":{\"revision\":\"9\"},\"prev_kv\":{\"key\":\"L2E=\",\"create_revision\":\"2\","
            + "\"mod_revision\":\"3\",\"version\":\"2\",\"value\":\"MQ==\",\"lease\":\"7\"}}},"
            + "{\"response_range\":{\"header\":{\"revision\":\"9\"},\"kvs\":[{\"key\":\"L2E=\",\"value\":\"Mg==\"}],"
            + "\"count\":\"1\",\"more\":true}},"
            + "{\"response_delete_range\":{\"header\":{\"revision\":\"9\"},\"deleted\":\"3\"}}]}");
    TxnResult result = client().txn().commit();
    assertEquals(
        new TxnResult(
            9,
            true,
            List.of(
                new PutResult(9, new KeyValue("/a", "1", 2, 3, 2, 7)),
                new RangeResult(9, List.of(new KeyValue("/a", "2", 0, 0, 0, 0)), true, 1),
                new DeleteRangeResult(9, 3, List.of()))),
        result);
  }

  @Test
  void uint64IdsPastLongReadInHexadecimal() throws Exception {
    answer(
        "{\"header\":{\"cluster_id\":\"15118495548433857066\",\"member_id\":\"13668033151171901709\","
            + "\"raft_term\":\"2\"},\"members\":[{\"ID\":\"13668033151171901709\",\"name\":\"default\","
            + "\"peerURLs\":[\"http://127.0.0.1:2380\"],\"clientURLs\":[\"http://127.0.0.1:2379\"]},"
            + "{\"ID\":\"185828541645115251\",\"peerURLs\":[\"http://127.0.0.1:2382\"]}]}");
    assertEquals(
        List.of(
            new EtcdMember(
                "bdae9bbc11dd390d",
                "default",
                List.of("http://127.0.0.1:2380"),
                List.of("http://127.0.0.1:2379")),
            new EtcdMember("2943212f5e2cf73", "", List.of("http://127.0.0.1:2382"), List.of())),
        client().members());
    answer(
        "{"
            + HEADER
            + ",\"version\":\"3.4.23\",\"dbSize\":\"24576\",\"leader\":\"13668033151171901709\","
            + "\"raftIndex\":\"7\",\"raftTerm\":\"2\",\"raftAppliedIndex\":\"7\",\"dbSizeInUse\":\"16384\"}");
    assertEquals(
        new Status(
            "3.4.23",
            "d1cfaf999eb97a2a",
            "bdae9bbc11dd390d",
            "bdae9bbc11dd390d",
            9,
            7,
            2,
            24576,
            16384,
            false,
            List.of()),
        client().status());
  }

  @Test
  void unknownAnswerFieldsAreIgnored() throws Exception {
    answer(
        "{"
            + HEADER
            + ",\"kvs\":[{\"key\":\"L2E=\",\"value\":\"MQ==\",\"new_field\":{\"x\":[1]}}],"
            + "\"count\":\"1\",\"future\":true}");
    assertEquals("1", client().range("/a").kvs().get(0).value());
  }

  @Test
  void aStreamedRangeReadsEveryKeyWhateverTheFieldOrder() throws Exception {
    answer(
        "{\"count\":\"2\",\"kvs\":[{\"key\":\"L2E=\",\"value\":\"MQ==\"},{\"key\":\"L2I=\",\"value\":\"Mg==\"}],"
            + "\"more\":true,"
            + HEADER
            + "}");
    List<KeyValue> seen = new java.util.ArrayList<>();
    RangeResult summary =
        client().rangeEach("/", RangeOptions.defaults().withRangeEnd("/0"), seen::add);
    assertEquals(
        List.of(new KeyValue("/a", "1", 0, 0, 0, 0), new KeyValue("/b", "2", 0, 0, 0, 0)), seen);
    assertEquals(new RangeResult(9, List.of(), true, 2), summary);
    assertRequest("/v3/kv/range", "{\"key\":\"Lw==\",\"range_end\":\"LzA=\"}");
  }

  // ---- errors

  @Test
  void bothErrorShapesMapToTheSameException() {
    server.enqueue(
        new MockResponse.Builder()
            .code(404)
            .body(
                "{\"error\":\"etcdserver: requested lease not found\","
                    + "\"message\":\"etcdserver: requested lease not found\",\"code\":5}")
            .build());
    EtcdKeyNotFoundException v34 =
        assertThrows(EtcdKeyNotFoundException.class, () -> client().revoke(5));
    server.enqueue(
        new MockResponse.Builder()
            .code(404)
            .body(
                "{\"code\":5, \"message\":\"etcdserver: requested lease"
                    + " not found\", \"details\":[]}")
            .build());
    EtcdKeyNotFoundException v36 =
        assertThrows(EtcdKeyNotFoundException.class, () -> client().revoke(5));
    assertEquals(
        "etcdserver: requested lease not found (gRPC code 5, POST /v3/lease/revoke)",
        v34.getMessage());
    assertEquals(EtcdError.NOT_FOUND, v34.error());
    assertEquals(5, v34.serverCode());
    assertEquals("etcdserver: requested lease not found", v34.serverMessage());
    assertEquals(v34.getMessage(), v36.getMessage());
  }

  @Test
  void errorsFollowTheGrpcCodeNotTheHttpStatus() {
    server.enqueue(
        new MockResponse.Builder()
            .code(500)
            .body("{\"code\":5,\"message\":\"etcdserver: requested lease" + " not found\"}")
            .build());
    assertThrows(EtcdKeyNotFoundException.class, () -> client().revoke(5));
    server.enqueue(
        new MockResponse.Builder()
            .code(400)
            .body("{\"code\":7,\"message\":\"etcdserver: permission" + " denied\"}")
            .build());
    EtcdException e = assertThrows(EtcdException.class, () -> client().range("/a"));
    assertEquals(EtcdError.PERMISSION_DENIED, e.error());
    assertEquals(7, e.serverCode());
    assertEquals(
        "etcdserver: permission denied (gRPC code 7, POST /v3/kv/range); grant the user a role that"
            + " allows it",
        e.getMessage());
  }

  @Test
  void anErrorInsideTheKeepAliveStreamIsMapped() {
    answer(
        "{\"error\":{\"grpc_code\":14,\"http_code\":503,\"message\":\"etcdserver: no leader\","
            + "\"http_status\":\"Service Unavailable\"}}\n");
    EtcdException e = assertThrows(EtcdException.class, () -> client().keepAliveOnce(7));
    assertEquals(EtcdError.UNAVAILABLE, e.error());
    assertTrue(e.retryable());
    assertEquals(
        "etcdserver: no leader (gRPC code 14, POST /v3/lease/keepalive); the cluster may be electing a"
            + " leader or have lost its quorum: retry later",
        e.getMessage());
  }

  @Test
  void aServerWithoutTheV3ApiIsNamedWithItsVersion() {
    server.enqueue(new MockResponse.Builder().code(404).body("404 page not found\n").build());
    server.enqueue(
        new MockResponse.Builder()
            .body("{\"etcdserver\":\"2.3.8\",\"etcdcluster\":\"2.3.0\"}")
            .build());
    EtcdException e = assertThrows(EtcdException.class, () -> client().range("/a"));
    assertEquals(EtcdError.UNSUPPORTED, e.error());
    assertEquals(
        "etcd 2.3.8 at http://"
            + server.getHostName()
            + ":"
            + server.getPort()
            + " does not serve the v3"
            + " API at /v3 (POST /v3/kv/range answered 404 page not found); etcd serves it from 3.4 on at /v3: check"
            + " version_prefix, or set api = v2 for an etcd older than 3.4",
        e.getMessage());
  }

  @Test
  void theGatewaysOwnNotFoundIsAMissingApiNotAMissingKey() {
    server.enqueue(
        new MockResponse.Builder()
            .code(404)
            .body("{\"code\":5, \"message\":\"Not Found\"}")
            .build());
    server.enqueue(
        new MockResponse.Builder()
            .body("{\"etcdserver\":\"3.5.16\",\"etcdcluster\":\"3.5.0\"}")
            .build());
    EtcdException e =
        assertThrows(
            EtcdException.class, () -> client(settings().versionPrefix("/v3beta")).range("/a"));
    assertEquals(EtcdError.UNSUPPORTED, e.error());
    assertEquals(
        "etcd 3.5.16 at http://"
            + server.getHostName()
            + ":"
            + server.getPort()
            + " does not serve the"
            + " v3 API at /v3beta (POST /v3beta/kv/range answered 404 {\"code\":5, \"message\":\"Not Found\"}); etcd"
            + " serves it from 3.4 on at /v3: check version_prefix, or set api = v2 for an etcd older than 3.4",
        e.getMessage());
  }

  // ---- auth

  @Test
  void authenticatesOnceThenSendsTheTokenWithoutBearer() throws Exception {
    answer("{" + HEADER + ",\"token\":\"tok.1\"}");
    answer("{" + HEADER + "}");
    answer("{" + HEADER + "}");
    EtcdV3Client authed = client(settings().username("root").password("s3cret"));
    authed.range("/a");
    authed.range("/b");
    RecordedRequest authenticate = server.takeRequest();
    assertEquals("/v3/auth/authenticate", authenticate.getUrl().encodedPath());
    assertEquals("{\"name\":\"root\",\"password\":\"s3cret\"}", authenticate.getBody().utf8());
    assertEquals("tok.1", server.takeRequest().getHeaders().get("Authorization"));
    assertEquals("tok.1", server.takeRequest().getHeaders().get("Authorization"));
  }

  @Test
  void anInvalidTokenIsRenewedOnceAndTheCallRetried() throws Exception {
    answer("{" + HEADER + ",\"token\":\"tok.1\"}");
    server.enqueue(
        new MockResponse.Builder()
            .code(401)
            .body("{\"code\":16,\"message\":\"etcdserver: invalid auth" + " token\"}")
            .build());
    answer("{" + HEADER + ",\"token\":\"tok.2\"}");
    answer("{" + HEADER + ",\"kvs\":[{\"key\":\"L2E=\",\"value\":\"MQ==\"}]}");
    RangeResult read = client(settings().username("root").password("s3cret")).range("/a");
    assertEquals("1", read.kvs().get(0).value());
    server.takeRequest();
    assertEquals("tok.1", server.takeRequest().getHeaders().get("Authorization"));
    assertEquals("/v3/auth/authenticate", server.takeRequest().getUrl().encodedPath());
    RecordedRequest retried = server.takeRequest();
    assertEquals("tok.2", retried.getHeaders().get("Authorization"));
    assertEquals("{\"key\":\"L2E=\",\"serializable\":true}", retried.getBody().utf8());
  }

  @Test
  void anOldAuthStoreRevisionIsRenewedOnceAndASecondRefusalReachesTheCaller() throws Exception {
    answer("{" + HEADER + ",\"token\":\"tok.1\"}");
    server.enqueue(
        new MockResponse.Builder()
            .code(400)
            .body("{\"code\":3,\"message\":\"etcdserver: revision of" + " auth store is old\"}")
            .build());
    answer("{" + HEADER + ",\"token\":\"tok.2\"}");
    server.enqueue(
        new MockResponse.Builder()
            .code(401)
            .body("{\"code\":16,\"message\":\"etcdserver: invalid auth" + " token\"}")
            .build());
    EtcdException e =
        assertThrows(
            EtcdException.class,
            () -> client(settings().username("root").password("s3cret")).put("/a", "1"));
    assertEquals(EtcdError.UNAUTHORIZED, e.error());
    assertEquals(
        "etcdserver: invalid auth token (gRPC code 16, POST /v3/kv/put); check the username and password",
        e.getMessage());
    assertEquals(4, server.getRequestCount());
  }

  @Test
  void aRefusedAuthenticationSaysSoWithoutThePassword() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(400)
            .body(
                "{\"code\":3,\"message\":\"etcdserver: authentication"
                    + " failed, invalid user ID or password\"}")
            .build());
    EtcdException e =
        assertThrows(
            EtcdException.class,
            () -> client(settings().username("root").password("s3cret")).put("/a", "1"));
    assertEquals(EtcdError.UNAUTHORIZED, e.error());
    assertEquals(
        "etcd refused to authenticate at http://"
            + server.getHostName()
            + ":"
            + server.getPort()
            + " (POST /v3/auth/authenticate): etcdserver: authentication failed, invalid user ID or password"
            + " (gRPC code 3); check the username and password",
        e.getMessage());
    assertEquals(1, server.getRequestCount());
    assertFalse(client.toString().contains("s3cret"), client.toString());
  }

  // ---- retries

  @Test
  void onlyTheV3CallsThatReadMayBeRepeated() {
    for (String read :
        List.of(
            "/v3/kv/range",
            "/v3/maintenance/status",
            "/v3/cluster/member/list",
            "/v3/lease/timetolive",
            "/v3/auth/authenticate")) {
      assertTrue(FailoverInterceptor.isIdempotent(post(read)), read);
    }
    for (String write :
        List.of(
            "/v3/kv/put",
            "/v3/kv/txn",
            "/v3/kv/deleterange",
            "/v3/kv/compaction",
            "/v3/lease/grant",
            "/v3/lease/revoke",
            "/v3/lease/keepalive")) {
      assertFalse(FailoverInterceptor.isIdempotent(post(write)), write);
    }
  }

  private static okhttp3.Request post(String path) {
    return new okhttp3.Request.Builder()
        .url("http://127.0.0.1:2379" + path)
        .post(okhttp3.RequestBody.create("{}", okhttp3.MediaType.get("application/json")))
        .build();
  }

  // ---- prefixEnd

  @Test
  void prefixEndIncrementsTheLastCharacter() {
    assertEquals("/a0", EtcdV3Client.prefixEnd("/a/"));
    assertEquals("\0", EtcdV3Client.prefixEnd(""));
    assertEquals("\0", EtcdV3Client.prefixEnd("\uDBFF\uDFFF"));
    assertEquals("b", EtcdV3Client.prefixEnd("a\uDBFF\uDFFF"));
    assertEquals("\uE000", EtcdV3Client.prefixEnd("\uD7FF"));
    assertEquals("/\u0100", EtcdV3Client.prefixEnd("/\u00FF"));
    assertEquals("/é", EtcdV3Client.prefixEnd("/è"));
    assertEquals("\uD83D\uDE01", EtcdV3Client.prefixEnd("\uD83D\uDE00"));
  }

  @Test
  void prefixEndOnBytesFollowsEtcdsRule() {
    assertEquals(
        "AQ==", java.util.Base64.getEncoder().encodeToString(V3Keys.prefixEnd(new byte[] {0})));
    assertEquals(
        "Ag==",
        java.util.Base64.getEncoder().encodeToString(V3Keys.prefixEnd(new byte[] {1, -1, -1})));
    assertEquals(
        "AA==",
        java.util.Base64.getEncoder().encodeToString(V3Keys.prefixEnd(new byte[] {-1, -1})));
  }

  // ---- plumbing

  private void answer(String body) {
    server.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "application/json")
            .body(body)
            .build());
  }

  private void assertRequest(String path, String json) throws InterruptedException {
    RecordedRequest request = server.takeRequest();
    assertEquals("POST", request.getMethod());
    assertEquals(path, request.getUrl().encodedPath());
    assertEquals("application/json; charset=UTF-8", request.getHeaders().get("Content-Type"));
    assertNull(request.getHeaders().get("Authorization"));
    assertEquals(json, request.getBody().utf8());
  }

  private EtcdSettings.Builder settings() {
    return EtcdSettings.builder()
        .api(EtcdSettings.Api.V3)
        .host(server.getHostName())
        .port(server.getPort());
  }

  private EtcdV3Client client() {
    if (client == null) {
      client = new EtcdV3Client(settings().build());
    }
    return client;
  }

  private EtcdV3Client client(EtcdSettings.Builder settings) {
    client = new EtcdV3Client(settings.build());
    return client;
  }
}
