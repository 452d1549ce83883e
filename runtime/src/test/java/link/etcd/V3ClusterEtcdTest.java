package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import link.etcd.EtcdV3Types.Compare;
import link.etcd.EtcdV3Types.KeyValue;
import link.etcd.EtcdV3Types.Op;
import link.etcd.EtcdV3Types.TxnResult;
import link.etcd.middleware.EtcdMiddleware;
import link.etcd.testing.EtcdProcess;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

/**
 * {@code expected_cluster_id} in both forms against a real etcd, whose id is read both ways (v2's
 * hexadecimal header, v3's decimal {@code header.cluster_id}), {@code quorumReads} on v3, and a
 * guarded txn sent once more to a real etcd after its answer was lost at another endpoint.
 */
final class V3ClusterEtcdTest {
  private static final Pattern CLUSTER_ID = Pattern.compile("\"cluster_id\":\\s*\"(\\d+)\"");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

  @Test
  void theIdEtcdAnswersInHexOnV2AndInDecimalOnV3IsOneNumber() throws Exception {
    EtcdProcess etcd = SharedEtcd.v34();
    String hex = v2ClusterId(etcd);
    String decimal = v3ClusterId(etcd);
    System.out.println(
        "[cluster] etcd 3.4's cluster id: X-Etcd-Cluster-Id "
            + hex
            + ", v3 header.cluster_id "
            + decimal);
    assertEquals(Long.parseUnsignedLong(hex, 16), Long.parseUnsignedLong(decimal));
  }

  @Test
  void everyFormOfTheRightIdIsAcceptedByBothApis() throws Exception {
    EtcdProcess etcd = SharedEtcd.v34();
    String hex = v2ClusterId(etcd);
    for (String form : List.of(hex, "0x" + hex.toUpperCase(), v3ClusterId(etcd))) {
      try (EtcdClient v2 = new EtcdClient(settings(etcd).expectedClusterId(form).build());
          EtcdV3Client v3 =
              new EtcdV3Client(
                  settings(etcd).api(EtcdSettings.Api.V3).expectedClusterId(form).build())) {
        v2.write("/cluster-id/v2", form);
        v3.put("/cluster-id/v3", form);
        assertEquals(form, v2.read("/cluster-id/v2").node().value());
        assertEquals(form, v3.range("/cluster-id/v3").kvs().get(0).value());
      }
    }
  }

  @Test
  void aV3OnlyEtcdIsVerifiedThroughItsV3MemberList() throws Exception {
    EtcdProcess etcd = SharedEtcd.v35();
    String decimal = v3ClusterId(etcd);
    String hex = Long.toHexString(Long.parseUnsignedLong(decimal));
    String other = Long.toHexString(Long.parseUnsignedLong(decimal) + 1);
    try (EtcdV3Client right =
        new EtcdV3Client(settings(etcd).api(EtcdSettings.Api.V3).expectedClusterId(hex).build())) {
      right.put("/cluster-id/a", "1");
      assertEquals("1", right.range("/cluster-id/a").kvs().get(0).value());
    }
    try (EtcdV3Client wrong =
        new EtcdV3Client(
            settings(etcd).api(EtcdSettings.Api.V3).expectedClusterId(other).build())) {
      EtcdClusterIdChangedException e =
          assertThrows(EtcdClusterIdChangedException.class, () -> wrong.put("/cluster-id/a", "2"));
      assertEquals(
          "etcd at "
              + etcd.clientUrl()
              + " belongs to cluster "
              + hex
              + ", not "
              + other
              + " (expected_cluster_id); POST /etcdserverpb.KV/Put was not sent. That endpoint is no longer"
              + " used; check that every endpoint is a member of cluster "
              + other,
          e.getMessage());
    }
    try (EtcdV3Client check = new EtcdV3Client(settings(etcd).api(EtcdSettings.Api.V3).build())) {
      assertEquals("1", check.range("/cluster-id/a").kvs().get(0).value());
    }
  }

  @Test
  void serializableAndQuorumReadsBothSeeTheWrite() {
    EtcdProcess etcd = SharedEtcd.v35();
    for (boolean quorum : List.of(false, true)) {
      EtcdSettings settings = settings(etcd).api(EtcdSettings.Api.V3).quorumReads(quorum).build();
      try (EtcdV3Client client = new EtcdV3Client(settings);
          EtcdMiddleware middleware = new EtcdMiddleware(settings)) {
        String value = Boolean.toString(quorum);
        middleware.set("/quorum/tree", Map.of("q", value));
        assertEquals(value, client.range("/quorum/tree/q").kvs().get(0).value());
        assertEquals(Map.of("q", value), middleware.get("/quorum/tree"));
        assertEquals(!quorum, client.rangeDefaults().serializable());
      }
    }
  }

  @Test
  void aGuardedTxnWhoseAnswerIsLostIsSentOnceMoreToEtcdAndAppliesOnce() throws Exception {
    EtcdProcess etcd = SharedEtcd.v35();
    try (EtcdV3Client direct = new EtcdV3Client(settings(etcd).api(EtcdSettings.Api.V3).build())) {
      direct.put("/guarded/a", "0");
      long modRevision = direct.range("/guarded/a").kvs().get(0).modRevision();
      // The answer is lost at the first endpoint; the txn had not reached etcd there.
      try (MockWebServer front = answerLostFront(v3ClusterId(etcd));
          EtcdV3Client client = new EtcdV3Client(frontThenEtcd(front, etcd))) {
        TxnResult result = swap(client, modRevision, "1").commit();
        assertTrue(result.succeeded());
      }
      KeyValue once = direct.range("/guarded/a").kvs().get(0);
      assertEquals(List.of("1", 2L), List.of(once.value(), once.version()));

      // Now the lost send did apply (the test applies it), so the second send fails its compares.
      long applied = once.modRevision();
      assertTrue(swap(direct, applied, "2").commit().succeeded());
      try (MockWebServer front = answerLostFront(v3ClusterId(etcd));
          EtcdV3Client client = new EtcdV3Client(frontThenEtcd(front, etcd))) {
        EtcdIndeterminateException e =
            assertThrows(
                EtcdIndeterminateException.class, () -> swap(client, applied, "2").commit());
        assertTrue(e.getMessage().contains("its compares failed"), e.getMessage());
      }
      KeyValue twice = direct.range("/guarded/a").kvs().get(0);
      System.out.println(
          "[cluster] v3 guarded txn, answer lost: sent once more to etcd 3.5; not applied before:"
              + " succeeded, version 2; applied before: EtcdIndeterminateException, version "
              + twice.version());
      assertEquals(List.of("2", 3L), List.of(twice.value(), twice.version()));
    }
  }

  private static EtcdV3Client.Txn swap(EtcdV3Client client, long modRevision, String value) {
    return client
        .txn()
        .when(Compare.modRevision("/guarded/a", Compare.Result.EQUAL, modRevision))
        .then(Op.put("/guarded/a", value));
  }

  /** A first endpoint that verifies as the real cluster and cuts the connection of the txn. */
  private static MockWebServer answerLostFront(String clusterId) throws Exception {
    MockWebServer front = GrpcAnswers.h2c();
    front.enqueue(GrpcAnswers.ok(clusterId));
    front.enqueue(
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    front.start();
    return front;
  }

  private static EtcdSettings frontThenEtcd(MockWebServer front, EtcdProcess etcd) {
    return EtcdSettings.builder()
        .api(EtcdSettings.Api.V3)
        .endpoints(
            List.of(
                front.getHostName() + ":" + front.getPort(), etcd.host() + ":" + etcd.clientPort()))
        .allowReconnect(true)
        .useProxies(true)
        .build();
  }

  private static EtcdSettings.Builder settings(EtcdProcess etcd) {
    return EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort());
  }

  private static String v2ClusterId(EtcdProcess etcd) throws Exception {
    HttpResponse<String> members =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(etcd.clientUrl() + "/v2/members")).build(),
            HttpResponse.BodyHandlers.ofString());
    return members.headers().firstValue("X-Etcd-Cluster-Id").orElseThrow();
  }

  private static String v3ClusterId(EtcdProcess etcd) throws Exception {
    HttpResponse<String> members =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(etcd.clientUrl() + "/v3/cluster/member/list"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher id = CLUSTER_ID.matcher(members.body());
    if (!id.find()) {
      throw new AssertionError("no cluster_id in " + members.body());
    }
    return id.group(1);
  }
}
