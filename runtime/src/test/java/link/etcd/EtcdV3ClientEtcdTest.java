package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import link.etcd.EtcdV3Types.Compare;
import link.etcd.EtcdV3Types.DeleteRangeOptions;
import link.etcd.EtcdV3Types.DeleteRangeResult;
import link.etcd.EtcdV3Types.KeyValue;
import link.etcd.EtcdV3Types.Lease;
import link.etcd.EtcdV3Types.LeaseTimeToLive;
import link.etcd.EtcdV3Types.Op;
import link.etcd.EtcdV3Types.PutOptions;
import link.etcd.EtcdV3Types.PutResult;
import link.etcd.EtcdV3Types.RangeOptions;
import link.etcd.EtcdV3Types.RangeResult;
import link.etcd.EtcdV3Types.Status;
import link.etcd.EtcdV3Types.TxnResult;
import link.etcd.testing.Etcd;
import link.etcd.testing.EtcdBinary;
import link.etcd.testing.EtcdExtension;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link EtcdV3Client} against real etcd: 3.4 (the machine's, started with the v2 API too) and 3.5
 * started without {@code --enable-v2}. Each test works under its own {@code key_prefix}.
 */
final class EtcdV3ClientEtcdTest {
  private static final AtomicLong PREFIXES = new AtomicLong();

  @Nested
  @ExtendWith(EtcdExtension.class)
  final class Etcd34 extends Suite {
    Etcd34(EtcdProcess etcd) {
      super(etcd, "3.4.");
    }
  }

  @Nested
  @ExtendWith(EtcdExtension.class)
  final class Etcd35WithoutV2 extends Suite {
    Etcd35WithoutV2(@Etcd(binary = EtcdBinary.V3_5, v2 = false) EtcdProcess etcd) {
      super(etcd, "3.5.");
    }
  }

  abstract static class Suite {
    private final EtcdProcess etcd;
    private final String versionPrefix;
    private String prefix;
    private EtcdV3Client client;

    Suite(EtcdProcess etcd, String versionPrefix) {
      this.etcd = etcd;
      this.versionPrefix = versionPrefix;
    }

    EtcdSettings.Builder settings() {
      return EtcdSettings.builder()
          .api(EtcdSettings.Api.V3)
          .host(etcd.host())
          .port(etcd.clientPort());
    }

    @BeforeEach
    void open(TestInfo test) {
      prefix =
          "/v3-client-test/"
              + test.getTestMethod().orElseThrow().getName()
              + "-"
              + PREFIXES.incrementAndGet()
              + "-"
              + System.nanoTime();
      client = new EtcdV3Client(settings().keyPrefix(prefix).build());
    }

    @AfterEach
    void close() {
      client.close();
    }

    // ---- KV

    @Test
    void putThenRangeReadsTheKeyWithItsRevisions() {
      PutResult put = client.put("/a", "1");
      RangeResult read = client.range("/a");
      assertEquals(
          List.of(new KeyValue("/a", "1", put.revision(), put.revision(), 1, 0)), read.kvs());
      assertEquals(1, read.count());
      assertFalse(read.more());
      assertEquals(put.revision(), read.revision());
      assertNull(put.prevKv());
    }

    @Test
    void rangeOfAMissingKeyIsEmptyWithZeroCount() {
      RangeResult read = client.range("/missing");
      assertEquals(List.of(), read.kvs());
      assertEquals(0, read.count());
      assertFalse(read.more());
      assertTrue(read.revision() > 0);
    }

    @Test
    void aPrefixRangeEndingInSlashLeavesOutSiblingsThatShareTheText() {
      client.put("/a/1", "x");
      client.put("/a/2", "y");
      client.put("/ab/c", "z");
      client.put("/a", "self");
      RangeResult read =
          client.range("/a/", RangeOptions.defaults().withRangeEnd(EtcdV3Client.prefixEnd("/a/")));
      assertEquals(List.of("/a/1", "/a/2"), keys(read));
    }

    @Test
    void aLimitedRangeSaysThereIsMoreAndCountsAllAndPagesAtOneRevision() {
      for (int i = 0; i < 5; i++) {
        client.put("/p/" + i, "v" + i);
      }
      RangeOptions page =
          RangeOptions.defaults().withRangeEnd(EtcdV3Client.prefixEnd("/p/")).withLimit(2);
      RangeResult first = client.range("/p/", page);
      assertEquals(List.of("/p/0", "/p/1"), keys(first));
      assertTrue(first.more());
      assertEquals(5, first.count());
      client.put("/p/2", "changed after the first page");
      RangeResult second = client.range("/p/1\0", page.withRevision(first.revision()));
      assertEquals(List.of("/p/2", "/p/3"), keys(second));
      assertEquals("v2", second.kvs().get(0).value());
      assertEquals(first.revision(), second.revision() - 1);
    }

    @Test
    void keysOnlyLeavesValuesOutAndCountOnlyLeavesKeysOut() {
      client.put("/k/a", "value");
      client.put("/k/b", "value");
      RangeOptions all = RangeOptions.defaults().withRangeEnd(EtcdV3Client.prefixEnd("/k/"));
      RangeResult keysOnly = client.range("/k/", all.withKeysOnly(true));
      assertEquals(List.of("/k/a", "/k/b"), keys(keysOnly));
      assertEquals("", keysOnly.kvs().get(0).value());
      RangeResult countOnly = client.range("/k/", all.withCountOnly(true));
      assertEquals(List.of(), countOnly.kvs());
      assertEquals(2, countOnly.count());
    }

    @Test
    void aSerializableReadAndAReadAtAnOldRevisionSeeWhatWasThere() {
      PutResult first = client.put("/s", "old");
      client.put("/s", "new");
      assertEquals(
          "new",
          client.range("/s", RangeOptions.defaults().withSerializable(true)).kvs().get(0).value());
      KeyValue old =
          client.range("/s", RangeOptions.defaults().withRevision(first.revision())).kvs().get(0);
      assertEquals("old", old.value());
      assertEquals(1, old.version());
    }

    @Test
    void anEmptyValueAndUnicodeRoundTrip() {
      client.put("/ключ/ü €", "");
      client.put("/emoji/😀", "значение 😀");
      assertEquals("", client.range("/ключ/ü €").kvs().get(0).value());
      assertEquals(1, client.range("/ключ/ü €").count());
      assertEquals("значение 😀", client.range("/emoji/😀").kvs().get(0).value());
      assertEquals(
          List.of("/emoji/😀"),
          keys(
              client.range(
                  "/emoji/",
                  RangeOptions.defaults().withRangeEnd(EtcdV3Client.prefixEnd("/emoji/")))));
    }

    @Test
    void putWithPrevKvAndDeleteWithPrevKvReturnWhatWasThere() {
      client.put("/d", "1");
      PutResult put = client.put("/d", "2", PutOptions.defaults().withPrevKv(true));
      assertEquals("1", put.prevKv().value());
      DeleteRangeResult deleted =
          client.deleteRange("/d", DeleteRangeOptions.defaults().withPrevKv(true));
      assertEquals(1, deleted.deleted());
      assertEquals("2", deleted.prevKvs().get(0).value());
      assertEquals(0, client.deleteRange("/d").deleted());
    }

    @Test
    void aRangeDeleteOfAPrefixDeletesOnlyUnderIt() {
      client.put("/r/1", "x");
      client.put("/r/2/3", "x");
      client.put("/rr", "x");
      DeleteRangeResult deleted =
          client.deleteRange(
              "/r/", DeleteRangeOptions.defaults().withRangeEnd(EtcdV3Client.prefixEnd("/r/")));
      assertEquals(2, deleted.deleted());
      assertEquals(
          List.of("/rr"), keys(client.range("", RangeOptions.defaults().withRangeEnd("\0"))));
    }

    @Test
    void keyPrefixIsAddedOnTheWireAndTakenOffOnRead() {
      client.put("/x", "1");
      try (EtcdV3Client plain = new EtcdV3Client(settings().build())) {
        assertEquals("1", plain.range(prefix + "/x").kvs().get(0).value());
        plain.put(EtcdV3Client.prefixEnd(prefix), "just past the namespace");
        plain.put(prefix.substring(0, prefix.length() - 1), "just before it");
      }
      assertEquals(
          List.of("/x"), keys(client.range("", RangeOptions.defaults().withRangeEnd("\0"))));
    }

    // ---- txn

    @Test
    void aTxnRunsItsThenBranchWhenEveryCompareHolds() {
      PutResult put = client.put("/t", "1");
      TxnResult result =
          client
              .txn()
              .when(
                  Compare.value("/t", Compare.Result.EQUAL, "1"),
                  Compare.modRevision("/t", Compare.Result.EQUAL, put.revision()))
              .then(
                  Op.put("/t", "2", PutOptions.defaults().withPrevKv(true)),
                  Op.range("/t"),
                  Op.deleteRange("/none"))
              .otherwise(Op.range("/t"))
              .commit();
      assertTrue(result.succeeded());
      assertEquals(3, result.results().size());
      assertEquals(
          "1", assertInstanceOf(PutResult.class, result.results().get(0)).prevKv().value());
      assertEquals(
          "2", assertInstanceOf(RangeResult.class, result.results().get(1)).kvs().get(0).value());
      assertEquals(0, assertInstanceOf(DeleteRangeResult.class, result.results().get(2)).deleted());
      assertEquals(result.revision(), result.results().get(0).revision());
    }

    @Test
    void aValueCompareOnAMissingKeyFailsAndRunsTheOtherwiseBranch() {
      TxnResult result =
          client
              .txn()
              .when(Compare.value("/missing", Compare.Result.NOT_EQUAL, "anything"))
              .then(Op.put("/missing", "written"))
              .otherwise(Op.range("/missing"))
              .commit();
      assertFalse(result.succeeded());
      RangeResult read = assertInstanceOf(RangeResult.class, result.results().get(0));
      assertEquals(0, read.count());
    }

    @Test
    void createIfAbsentByVersionZeroSucceedsOnceAndARangeCompareGuardsAPrefix() {
      Compare absent = Compare.version("/lock", Compare.Result.EQUAL, 0);
      assertTrue(client.txn().when(absent).then(Op.put("/lock", "me")).commit().succeeded());
      assertFalse(client.txn().when(absent).then(Op.put("/lock", "you")).commit().succeeded());
      long revision = client.range("/lock").revision();
      Compare unchanged =
          Compare.modRevision("/", Compare.Result.LESS, revision + 1)
              .withRangeEnd(EtcdV3Client.prefixEnd("/"));
      assertTrue(client.txn().when(unchanged).then(Op.put("/a", "1")).commit().succeeded());
      assertFalse(client.txn().when(unchanged).then(Op.put("/a", "2")).commit().succeeded());
      assertEquals("me", client.range("/lock").kvs().get(0).value());
    }

    @Test
    void anEmptyTxnSucceeds() {
      TxnResult result = client.txn().commit();
      assertTrue(result.succeeded());
      assertEquals(List.of(), result.results());
    }

    @Test
    void aPutAndADeleteOfTheSameKeyInOneTxnIsRefusedByEtcd() {
      EtcdException e =
          assertThrows(
              EtcdException.class,
              () -> client.txn().then(Op.put("/dup", "1"), Op.deleteRange("/dup")).commit());
      assertEquals(EtcdError.INVALID_REQUEST, e.error());
      assertEquals(
          "etcdserver: duplicate key given in txn request (gRPC code 3, POST /etcdserverpb.KV/Txn)",
          e.getMessage());
    }

    @Test
    void aTxnOverEtcdsMaxTxnOpsNamesTheSetting() {
      try (EtcdV3Client loose =
          new EtcdV3Client(settings().keyPrefix(prefix).maxTxnOps(1000).build())) {
        Op[] ops = new Op[129];
        for (int i = 0; i < ops.length; i++) {
          ops[i] = Op.put("/many/" + i, "x");
        }
        EtcdException e = assertThrows(EtcdException.class, () -> loose.txn().then(ops).commit());
        assertEquals(EtcdError.TOO_LARGE, e.error());
        assertEquals(
            "etcdserver: too many operations in txn request (gRPC code 3, POST /etcdserverpb.KV/Txn); split the"
                + " txn, or raise etcd's --max-txn-ops and max_txn_ops (now 1000) to match",
            e.getMessage());
      }
    }

    @Test
    void aRequestOverEtcdsMaxRequestBytesNamesTheSetting() {
      EtcdException e =
          assertThrows(EtcdException.class, () -> client.put("/big", "x".repeat(1600 * 1024)));
      assertEquals(EtcdError.TOO_LARGE, e.error());
      assertEquals(
          "etcdserver: request is too large (gRPC code 3, POST /etcdserverpb.KV/Put); write less in one request, or"
              + " raise etcd's --max-request-bytes and max_request_bytes (now 1572864) to match",
          e.getMessage());
    }

    @Test
    void aRequestOverGrpcsMessageLimitNamesTheSettingToo() {
      EtcdException e;
      try (EtcdV3Client plain = new EtcdV3Client(settings().build())) {
        // A key of fixed length, so that the size etcd reports is known: the put is refused,
        // nothing is written.
        e =
            assertThrows(
                EtcdException.class,
                () -> plain.put("/v3-client-test/big", "x".repeat(2 * 1024 * 1024)));
      }
      assertEquals(EtcdError.TOO_LARGE, e.error());
      assertEquals(
          "grpc: received message larger than max (2097178 vs. 2097152) (gRPC code 8, POST /etcdserverpb.KV/Put);"
              + " write less in one request, or raise etcd's --max-request-bytes and max_request_bytes (now 1572864)"
              + " to match",
          e.getMessage());
    }

    @Test
    void aReadAtACompactedRevisionIsRefused() {
      PutResult first = client.put("/c", "1");
      PutResult second = client.put("/c", "2");
      client.compact(second.revision(), true);
      EtcdException e =
          assertThrows(
              EtcdException.class,
              () -> client.range("/c", RangeOptions.defaults().withRevision(first.revision())));
      assertEquals(EtcdError.COMPACTED, e.error());
      assertEquals(
          "etcdserver: mvcc: required revision has been compacted (gRPC code 11, POST /etcdserverpb.KV/Range);"
              + " read at a later revision, or at the latest (0)",
          e.getMessage());
    }

    // ---- leases

    @Test
    void aLeaseIsGrantedKeptAliveAndRevokedWithItsKeys() {
      Lease lease = client.grant(60);
      assertEquals(60, lease.ttlSeconds());
      client.put("/leased", "1", PutOptions.defaults().withLease(lease.id()));
      assertEquals(lease.id(), client.range("/leased").kvs().get(0).lease());
      Lease renewed = client.keepAliveOnce(lease.id());
      assertEquals(new Lease(lease.id(), 60), renewed);
      assertFalse(renewed.expired());
      LeaseTimeToLive left = client.timeToLive(lease.id(), true);
      assertEquals(60, left.grantedTtlSeconds());
      assertTrue(left.ttlSeconds() > 0 && left.ttlSeconds() <= 60, "ttl " + left.ttlSeconds());
      assertEquals(List.of("/leased"), left.keys());
      client.revoke(lease.id());
      assertEquals(0, client.range("/leased").count());
      assertTrue(client.keepAliveOnce(lease.id()).expired());
      assertEquals(
          new LeaseTimeToLive(lease.id(), -1, 0, List.of()), client.timeToLive(lease.id(), true));
    }

    @Test
    void revokingAnUnknownLeaseIsNotFound() {
      EtcdKeyNotFoundException e =
          assertThrows(EtcdKeyNotFoundException.class, () -> client.revoke(42));
      assertEquals(
          "etcdserver: requested lease not found (gRPC code 5, POST /etcdserverpb.Lease/LeaseRevoke)",
          e.getMessage());
    }

    // ---- cluster

    @Test
    void membersAndStatusDescribeTheOneMember() {
      List<EtcdMember> members = client.members();
      assertEquals(1, members.size());
      assertEquals(List.of(etcd.clientUrl()), members.get(0).clientUrls());
      Status status = client.status();
      assertTrue(status.version().startsWith(versionPrefix), status.version());
      assertEquals(members.get(0).id(), status.memberId());
      assertEquals(status.memberId(), status.leader());
      assertTrue(status.revision() > 0);
      assertTrue(status.dbSize() > 0);
      assertEquals(List.of(), status.errors());
    }

    // ---- async and streaming

    @Test
    void asyncFormsGiveWhatTheBlockingOnesDo() throws Exception {
      PutResult put =
          client.putAsync("/async", "1", PutOptions.defaults()).get(10, TimeUnit.SECONDS);
      assertEquals(
          "1",
          client
              .rangeAsync("/async", RangeOptions.defaults())
              .get(10, TimeUnit.SECONDS)
              .kvs()
              .get(0)
              .value());
      assertTrue(
          client
              .txn()
              .when(Compare.modRevision("/async", Compare.Result.EQUAL, put.revision()))
              .commitAsync()
              .get(10, TimeUnit.SECONDS)
              .succeeded());
      assertEquals(
          1,
          client
              .deleteRangeAsync("/async", DeleteRangeOptions.defaults())
              .get(10, TimeUnit.SECONDS)
              .deleted());
      ExecutionException e =
          assertThrows(
              ExecutionException.class, () -> client.revokeAsync(42).get(10, TimeUnit.SECONDS));
      assertInstanceOf(EtcdKeyNotFoundException.class, e.getCause());
      assertEquals(1, client.membersAsync().get(10, TimeUnit.SECONDS).size());
    }

    @Test
    void aStreamedRangeHandsOverEveryKeyInOrder() {
      List<String> written = new ArrayList<>();
      TxnResult txn = client.txn().then(manyPuts(100, written)).commit();
      List<String> seen = new ArrayList<>();
      RangeResult summary =
          client.rangeEach(
              "/many/",
              RangeOptions.defaults().withRangeEnd(EtcdV3Client.prefixEnd("/many/")),
              kv -> seen.add(kv.key()));
      assertEquals(written.stream().sorted().toList(), seen);
      assertEquals(100, summary.count());
      assertEquals(txn.revision(), summary.revision());
      assertEquals(List.of(), summary.kvs());
    }

    private static Op[] manyPuts(int count, List<String> keys) {
      Op[] ops = new Op[count];
      for (int i = 0; i < count; i++) {
        keys.add("/many/" + i);
        ops[i] = Op.put("/many/" + i, "value " + i);
      }
      return ops;
    }

    private static List<String> keys(RangeResult result) {
      return result.kvs().stream().map(KeyValue::key).toList();
    }
  }
}
