package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The exact requests {@link EtcdClient} sends, and how it reads answers, redirects and headers. */
final class EtcdClientRequestTest {
  private static final String NODE =
      "{\"action\":\"get\",\"node\":{\"key\":\"/a\",\"value\":\"1\","
          + "\"modifiedIndex\":5,\"createdIndex\":5}}";

  @StartStop private final MockWebServer server = new MockWebServer();
  @StartStop private final MockWebServer otherServer = new MockWebServer();

  private EtcdClient client;
  private String lastContentType;

  @AfterEach
  void closeClient() {
    if (client != null) {
      client.close();
    }
  }

  // ---- read ----

  @Test
  void theV3SettingsAreRefusedByTheV2Client() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new EtcdClient(EtcdSettings.builder().api(EtcdSettings.Api.V3).build()));
    assertEquals(
        "EtcdClient speaks the v2 API, but the settings say api = v3; set api = v2, or use"
            + " EtcdV3Client for v3",
        e.getMessage());
  }

  @Test
  void readIsAPlainGet() throws Exception {
    enqueueNode();
    client().read("/a");
    assertRequest("GET", "/v2/keys/a", null);
  }

  @Test
  void readAddsTheLeadingSlash() throws Exception {
    enqueueNode();
    client().read("a/b");
    assertRequest("GET", "/v2/keys/a/b", null);
  }

  @Test
  void readOfTheRootGetsKeysSlash() throws Exception {
    enqueueNode();
    client().read("/");
    assertRequest("GET", "/v2/keys/", null);
  }

  @Test
  void readSendsRecursiveSortedAndQuorum() throws Exception {
    enqueueNode();
    client()
        .read("/a", ReadOptions.defaults().withRecursive(true).withSorted(true).withQuorum(true));
    assertRequest("GET", "/v2/keys/a?recursive=true&sorted=true&quorum=true", null);
  }

  @Test
  void readSendsOnlyTheOptionsThatAreSet() throws Exception {
    enqueueNode();
    client().read("/a", ReadOptions.defaults().withSorted(true));
    assertRequest("GET", "/v2/keys/a?sorted=true", null);
  }

  @Test
  void readAsyncSendsTheSameRequest() throws Exception {
    enqueueNode();
    EtcdResponse response =
        client()
            .readAsync("/a", ReadOptions.defaults().withRecursive(true))
            .get(10, TimeUnit.SECONDS);
    assertEquals("1", response.node().value());
    assertRequest("GET", "/v2/keys/a?recursive=true", null);
  }

  @Test
  void readUsesTheVersionPrefix() throws Exception {
    client = new EtcdClient(settings().versionPrefix("/v2beta").build());
    enqueueNode();
    client.read("/a");
    assertRequest("GET", "/v2beta/keys/a", null);
  }

  // ---- write ----

  @Test
  void writeIsAPutOfTheValueForm() throws Exception {
    enqueueNode();
    client().write("/a", "1");
    assertRequest("PUT", "/v2/keys/a", "value=1");
    assertEquals("application/x-www-form-urlencoded", lastContentType);
  }

  @Test
  void writeSendsTheTtlInSeconds() throws Exception {
    enqueueNode();
    client().write("/a", "1", WriteOptions.defaults().withTtl(Duration.ofMinutes(2)));
    assertRequest("PUT", "/v2/keys/a", "value=1&ttl=120");
  }

  @Test
  void writeOfADirectorySendsDirWithoutValue() throws Exception {
    enqueueNode();
    client().write("/a", null, WriteOptions.defaults().withDir(true));
    assertRequest("PUT", "/v2/keys/a", "dir=true");
  }

  @Test
  void writeSendsPrevExistTrue() throws Exception {
    enqueueNode();
    client().write("/a", "1", WriteOptions.defaults().withPrevExist(true));
    assertRequest("PUT", "/v2/keys/a", "value=1&prevExist=true");
  }

  @Test
  void writeSendsPrevExistFalse() throws Exception {
    enqueueNode();
    client().write("/a", "1", WriteOptions.defaults().withPrevExist(false));
    assertRequest("PUT", "/v2/keys/a", "value=1&prevExist=false");
  }

  @Test
  void writeSendsPrevValue() throws Exception {
    enqueueNode();
    client().write("/a", "2", WriteOptions.defaults().withPrevValue("1"));
    assertRequest("PUT", "/v2/keys/a", "value=2&prevValue=1");
  }

  @Test
  void writeSendsPrevIndex() throws Exception {
    enqueueNode();
    client().write("/a", "2", WriteOptions.defaults().withPrevIndex(42L));
    assertRequest("PUT", "/v2/keys/a", "value=2&prevIndex=42");
  }

  @Test
  void writeOfARefreshSendsTtlAndRefreshWithoutValue() throws Exception {
    enqueueNode();
    client()
        .write(
            "/a", null, WriteOptions.defaults().withTtl(Duration.ofSeconds(30)).withRefresh(true));
    assertRequest("PUT", "/v2/keys/a", "ttl=30&refresh=true");
  }

  @Test
  void writeSendsEveryOptionInOneForm() throws Exception {
    enqueueNode();
    client()
        .write(
            "/a",
            "2",
            WriteOptions.defaults()
                .withTtl(Duration.ofSeconds(5))
                .withPrevExist(true)
                .withPrevValue("1")
                .withPrevIndex(7L));
    assertRequest("PUT", "/v2/keys/a", "value=2&ttl=5&prevExist=true&prevValue=1&prevIndex=7");
  }

  @Test
  void writeAsyncSendsTheSameRequest() throws Exception {
    enqueueNode();
    client()
        .writeAsync("/a", "1", WriteOptions.defaults().withPrevExist(false))
        .get(10, TimeUnit.SECONDS);
    assertRequest("PUT", "/v2/keys/a", "value=1&prevExist=false");
  }

  @Test
  void writeRefusesAValueForADirectoryBeforeAnyIo() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> client().write("/a", "1", WriteOptions.defaults().withDir(true)));
    assertEquals("A directory has no value; pass null as the value of /a", e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void valuesWithAnUnpairedSurrogateAreRefusedBeforeAnyIo() {
    String message =
        "Unpaired surrogate U+D800 at index 1 of the value for key '/a' is not allowed; UTF-8 cannot"
            + " encode it, so etcd would store '?'";
    assertEquals(
        message,
        assertThrows(IllegalArgumentException.class, () -> client().write("a", "x\uD800"))
            .getMessage());
    assertEquals(
        message,
        assertThrows(IllegalArgumentException.class, () -> client().append("/a", "x\uD800y"))
            .getMessage());
    assertEquals(
        message,
        assertThrows(
                IllegalArgumentException.class,
                () -> client().compareAndSwap("/a", "new", "x\uD800"))
            .getMessage());
    assertEquals(
        message,
        assertThrows(
                IllegalArgumentException.class, () -> client().compareAndDelete("/a", "x\uD800"))
            .getMessage());
    enqueueNode();
    client().write("/a", "emoji \uD83D\uDE00");
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void writeRefusesANullValueForAKeyBeforeAnyIo() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> client().write("/a", null, WriteOptions.defaults()));
    assertEquals("value == null for /a; only directories and refreshes have none", e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void mkdirIsAPutOfDirThatMustNotExist() throws Exception {
    enqueueNode();
    client().mkdir("/d");
    assertRequest("PUT", "/v2/keys/d", "dir=true&prevExist=false");
  }

  @Test
  void formValuesRoundTripPlusAmpersandEqualsAndSpace() throws Exception {
    String value = "a+b & c=d e%f\u00e9\uD83D\uDE00\n";
    String prevValue = "x&y=z +";
    enqueueNode();
    client().write("/a", value, WriteOptions.defaults().withPrevValue(prevValue));
    RecordedRequest request = server.takeRequest();
    String body = request.getBody().utf8();
    assertFalse(body.contains(" "), body);
    assertEquals(Map.of("value", value, "prevValue", prevValue), decodeForm(body));
  }

  // ---- append ----

  @Test
  void appendIsAPostOfTheValueForm() throws Exception {
    enqueueNode();
    client().append("/queue", "job");
    assertRequest("POST", "/v2/keys/queue", "value=job");
  }

  @Test
  void appendSendsTheTtl() throws Exception {
    enqueueNode();
    client().append("/queue", "job", Duration.ofSeconds(9));
    assertRequest("POST", "/v2/keys/queue", "value=job&ttl=9");
  }

  @Test
  void appendAsyncSendsTheSameRequest() throws Exception {
    enqueueNode();
    client().appendAsync("/queue", "a b+c", Duration.ofSeconds(1)).get(10, TimeUnit.SECONDS);
    RecordedRequest request = server.takeRequest();
    assertEquals("POST", request.getMethod());
    assertEquals("/v2/keys/queue", request.getTarget());
    assertEquals(Map.of("value", "a b+c", "ttl", "1"), decodeForm(request.getBody().utf8()));
  }

  @Test
  void appendRefusesAFractionalTtlBeforeAnyIo() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> client().append("/queue", "job", Duration.ofMillis(1500)));
    assertEquals("ttl must be a positive number of whole seconds but was PT1.5S", e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  // ---- delete ----

  @Test
  void deleteIsAPlainDelete() throws Exception {
    enqueueNode();
    client().delete("/a");
    assertRequest("DELETE", "/v2/keys/a", null);
  }

  @Test
  void deleteSendsRecursive() throws Exception {
    enqueueNode();
    client().delete("/a", DeleteOptions.defaults().withRecursive(true));
    assertRequest("DELETE", "/v2/keys/a?recursive=true", null);
  }

  @Test
  void deleteSendsDir() throws Exception {
    enqueueNode();
    client().delete("/a", DeleteOptions.defaults().withDir(true));
    assertRequest("DELETE", "/v2/keys/a?dir=true", null);
  }

  @Test
  void deleteSendsPrevValueAndPrevIndex() throws Exception {
    enqueueNode();
    client().delete("/a", DeleteOptions.defaults().withPrevValue("1").withPrevIndex(3L));
    assertRequest("DELETE", "/v2/keys/a?prevValue=1&prevIndex=3", null);
  }

  @Test
  void deleteAsyncSendsTheSameRequest() throws Exception {
    enqueueNode();
    client()
        .deleteAsync("/a", DeleteOptions.defaults().withRecursive(true).withDir(true))
        .get(10, TimeUnit.SECONDS);
    assertRequest("DELETE", "/v2/keys/a?recursive=true&dir=true", null);
  }

  @Test
  void queryValuesRoundTripPlusAmpersandEqualsAndSpace() throws Exception {
    String prevValue = "a+b & c=d e%f#g?\u00e9";
    enqueueNode();
    client().compareAndDelete("/a", prevValue);
    RecordedRequest request = server.takeRequest();
    String query = request.getUrl().encodedQuery();
    assertTrue(!query.contains(" ") && !query.contains("+"), query);
    assertEquals(prevValue, request.getUrl().queryParameter("prevValue"));
  }

  // ---- compare-and-swap, compare-and-delete ----

  @Test
  void compareAndSwapByValueSendsPrevValue() throws Exception {
    enqueueNode();
    client().compareAndSwap("/a", "new", "old");
    assertRequest("PUT", "/v2/keys/a", "value=new&prevValue=old");
  }

  @Test
  void compareAndSwapByIndexSendsPrevIndex() throws Exception {
    enqueueNode();
    client().compareAndSwap("/a", "new", 12);
    assertRequest("PUT", "/v2/keys/a", "value=new&prevIndex=12");
  }

  @Test
  void compareAndSwapAsyncSendsTheSameRequest() throws Exception {
    enqueueNode();
    client().compareAndSwapAsync("/a", "new", "old").get(10, TimeUnit.SECONDS);
    assertRequest("PUT", "/v2/keys/a", "value=new&prevValue=old");
  }

  @Test
  void compareAndDeleteByValueSendsPrevValue() throws Exception {
    enqueueNode();
    client().compareAndDelete("/a", "old");
    assertRequest("DELETE", "/v2/keys/a?prevValue=old", null);
  }

  @Test
  void compareAndDeleteByIndexSendsPrevIndex() throws Exception {
    enqueueNode();
    client().compareAndDelete("/a", 12);
    assertRequest("DELETE", "/v2/keys/a?prevIndex=12", null);
  }

  @Test
  void mkdirAsyncSendsTheSameRequest() throws Exception {
    enqueueNode();
    client().mkdirAsync("/d").get(10, TimeUnit.SECONDS);
    assertRequest("PUT", "/v2/keys/d", "dir=true&prevExist=false");
  }

  @Test
  void compareAndSwapByIndexAsyncSendsTheSameRequest() throws Exception {
    enqueueNode();
    client().compareAndSwapAsync("/a", "new", 12).get(10, TimeUnit.SECONDS);
    assertRequest("PUT", "/v2/keys/a", "value=new&prevIndex=12");
  }

  @Test
  void compareAndDeleteByIndexAsyncSendsTheSameRequest() throws Exception {
    enqueueNode();
    client().compareAndDeleteAsync("/a", 12).get(10, TimeUnit.SECONDS);
    assertRequest("DELETE", "/v2/keys/a?prevIndex=12", null);
  }

  @Test
  void compareAndDeleteAsyncSendsTheSameRequest() throws Exception {
    enqueueNode();
    client().compareAndDeleteAsync("/a", "old").get(10, TimeUnit.SECONDS);
    assertRequest("DELETE", "/v2/keys/a?prevValue=old", null);
  }

  // ---- watch ----

  @Test
  void watchOnceFromNowSendsWaitOnly() throws Exception {
    enqueueNode();
    client().watchOnce("/a", 0, false);
    assertRequest("GET", "/v2/keys/a?wait=true", null);
  }

  @Test
  void watchOnceSendsWaitIndexAndRecursive() throws Exception {
    enqueueNode();
    client().watchOnce("/a", 17, true);
    assertRequest("GET", "/v2/keys/a?recursive=true&wait=true&waitIndex=17", null);
  }

  @Test
  void watchOnceAsyncSendsTheSameRequest() throws Exception {
    enqueueNode();
    client().watchOnceAsync("/a", 3, false).get(10, TimeUnit.SECONDS);
    assertRequest("GET", "/v2/keys/a?wait=true&waitIndex=3", null);
  }

  @Test
  void watchOnceIsNotBoundByTheReadTimeout() throws Exception {
    client = new EtcdClient(settings().readTimeout(Duration.ofMillis(200)).build());
    server.enqueue(
        new MockResponse.Builder().body(NODE).headersDelay(700, TimeUnit.MILLISECONDS).build());
    assertEquals("/a", client.watchOnce("/a", 0, false).node().key());
  }

  @Test
  void watchOnceRefusesANegativeIndexBeforeAnyIo() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> client().watchOnce("/a", -1, false));
    assertEquals("waitIndex must be 0 (from now) or positive but was -1", e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  // ---- cluster endpoints ----

  @Test
  void membersGetsV2Members() throws Exception {
    server.enqueue(
        json(
            "{\"members\":[{\"id\":\"8e9e05c52164694d\",\"name\":\"default\","
                + "\"peerURLs\":[\"http://localhost:2380\"],\"clientURLs\":[\"http://localhost:2379\","
                + "\"http://10.0.0.1:2379\"]},{\"id\":\"91bc3c398fb3c146\",\"peerURLs\":[\"http://10.0.0.2:2380\"]}]}"));
    List<EtcdMember> members = client().members();
    assertRequest("GET", "/v2/members", null);
    assertEquals(
        List.of(
            new EtcdMember(
                "8e9e05c52164694d",
                "default",
                List.of("http://localhost:2380"),
                List.of("http://localhost:2379", "http://10.0.0.1:2379")),
            new EtcdMember("91bc3c398fb3c146", "", List.of("http://10.0.0.2:2380"), List.of())),
        members);
  }

  @Test
  void membersAsyncGetsV2Members() throws Exception {
    server.enqueue(json("{\"members\":[]}"));
    assertEquals(List.of(), client().membersAsync().get(10, TimeUnit.SECONDS));
    assertRequest("GET", "/v2/members", null);
  }

  @Test
  void selfStatsGetsV2StatsSelf() throws Exception {
    server.enqueue(
        json(
            "{\"name\":\"x\",\"state\":\"StateLeader\",\"recvAppendRequestCnt\":0,"
                + "\"leaderInfo\":{\"leader\":\"bdae\"}}"));
    Map<String, Object> stats = client().selfStats();
    assertRequest("GET", "/v2/stats/self", null);
    assertEquals("StateLeader", stats.get("state"));
    assertEquals(0.0, stats.get("recvAppendRequestCnt"));
    assertEquals(Map.of("leader", "bdae"), stats.get("leaderInfo"));
  }

  @Test
  void selfStatsAsyncGetsV2StatsSelf() throws Exception {
    server.enqueue(json("{\"name\":\"x\"}"));
    assertEquals(Map.of("name", "x"), client().selfStatsAsync().get(10, TimeUnit.SECONDS));
    assertRequest("GET", "/v2/stats/self", null);
  }

  @Test
  void leaderStatsGetsV2StatsLeader() throws Exception {
    server.enqueue(json("{\"leader\":\"bdae\",\"followers\":{}}"));
    assertEquals(Map.of("leader", "bdae", "followers", Map.of()), client().leaderStats());
    assertRequest("GET", "/v2/stats/leader", null);
  }

  @Test
  void leaderStatsAsyncGetsV2StatsLeader() throws Exception {
    server.enqueue(json("{\"leader\":\"bdae\"}"));
    assertEquals(Map.of("leader", "bdae"), client().leaderStatsAsync().get(10, TimeUnit.SECONDS));
    assertRequest("GET", "/v2/stats/leader", null);
  }

  @Test
  void storeStatsGetsV2StatsStore() throws Exception {
    server.enqueue(json("{\"getsSuccess\":3,\"setsFail\":1}"));
    assertEquals(Map.of("getsSuccess", 3.0, "setsFail", 1.0), client().storeStats());
    assertRequest("GET", "/v2/stats/store", null);
  }

  @Test
  void storeStatsAsyncGetsV2StatsStore() throws Exception {
    server.enqueue(json("{}"));
    assertEquals(Map.of(), client().storeStatsAsync().get(10, TimeUnit.SECONDS));
    assertRequest("GET", "/v2/stats/store", null);
  }

  @Test
  void versionGetsVersionOutsideTheVersionPrefix() throws Exception {
    server.enqueue(json("{\"etcdserver\":\"3.4.23\",\"etcdcluster\":\"3.4.0\"}"));
    assertEquals(new EtcdVersion("3.4.23", "3.4.0"), client().version());
    assertRequest("GET", "/version", null);
  }

  @Test
  void versionAsyncGetsVersion() throws Exception {
    server.enqueue(json("{\"etcdserver\":\"3.4.23\",\"etcdcluster\":\"3.4.0\"}"));
    assertEquals(
        new EtcdVersion("3.4.23", "3.4.0"), client().versionAsync().get(10, TimeUnit.SECONDS));
    assertRequest("GET", "/version", null);
  }

  @Test
  void healthGetsHealthOutsideTheVersionPrefix() throws Exception {
    server.enqueue(json("{\"health\":\"true\",\"reason\":\"\"}"));
    assertTrue(client().health());
    assertRequest("GET", "/health", null);
  }

  @Test
  void healthIsFalseForAn503Unhealthy() throws Exception {
    server.enqueue(new MockResponse.Builder().code(503).body("{\"health\":\"false\"}").build());
    assertEquals(false, client().health());
  }

  @Test
  void healthAsyncGetsHealth() throws Exception {
    server.enqueue(json("{\"health\":\"true\"}"));
    assertEquals(true, client().healthAsync().get(10, TimeUnit.SECONDS));
    assertRequest("GET", "/health", null);
  }

  // ---- keys in the path ----

  @Test
  void keysArePercentEncodedInThePath() throws Exception {
    enqueueNode();
    client().write("/a b/c?d#e%f+g&h=i/\u00e9\u65e5\uD83D\uDE00/~x-y_z.w", "v");
    RecordedRequest request = server.takeRequest();
    assertEquals(
        "/v2/keys/a%20b/c%3Fd%23e%25f%2Bg%26h%3Di/%C3%A9%E6%97%A5%F0%9F%98%80/~x-y_z.w",
        request.getTarget());
    assertEquals(
        List.of("v2", "keys", "a b", "c?d#e%f+g&h=i", "\u00e9\u65e5\uD83D\uDE00", "~x-y_z.w"),
        request.getUrl().pathSegments());
  }

  @Test
  void aSpaceInAKeyIsNeverAPlus() throws Exception {
    enqueueNode();
    client().read("/my key", ReadOptions.defaults().withRecursive(true));
    assertRequest("GET", "/v2/keys/my%20key?recursive=true", null);
  }

  @Test
  void anInvalidKeyIsRefusedBeforeAnyIo() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> client().read("/a/../b"));
    assertEquals("Key segment '..' is not allowed in '/a/../b'", e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void anOverLongKeyIsRefusedBeforeAnyIo() {
    String key = "/" + "k".repeat(5000);
    assertThrows(IllegalArgumentException.class, () -> client().write(key, "v"));
    assertThrows(
        IllegalArgumentException.class, () -> client().readAsync(key, ReadOptions.defaults()));
    assertThrows(IllegalArgumentException.class, () -> client().watchOnceAsync(key, 0, true));
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void aPrevValueThatMakesTheRequestTargetTooLongIsRefusedBeforeAnyIo() {
    client = new EtcdClient(settings().readTimeout(Duration.ofSeconds(1)).build());
    enqueueNode();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> client.compareAndDelete("/a", "v".repeat(5000)));
    assertTrue(e.getMessage().contains("4096"), e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  // ---- answers ----

  @Test
  void responseExposesTheEtcdAndRaftHeaders() {
    server.enqueue(
        new MockResponse.Builder()
            .body(NODE)
            .addHeader("X-Etcd-Index", "12")
            .addHeader("X-Raft-Index", "340")
            .addHeader("X-Raft-Term", "2")
            .addHeader("X-Etcd-Cluster-Id", "cdf818194e3a8c32")
            .build());
    EtcdResponse response = client().read("/a");
    assertEquals(12, response.etcdIndex());
    assertEquals(340, response.raftIndex());
    assertEquals(2, response.raftTerm());
    assertEquals("cdf818194e3a8c32", response.clusterId());
  }

  @Test
  void absentHeadersAreZeroAndNull() {
    enqueueNode();
    EtcdResponse response = client().read("/a");
    assertEquals(0, response.etcdIndex());
    assertEquals(0, response.raftIndex());
    assertEquals(0, response.raftTerm());
    assertNull(response.clusterId());
  }

  @Test
  void responseMapsNodesChildrenTtlAndPrevNode() {
    server.enqueue(
        json(
            "{\"action\":\"compareAndSwap\","
                + "\"node\":{\"key\":\"/d\",\"dir\":true,\"createdIndex\":2,\"modifiedIndex\":3,"
                + "\"expiration\":\"2030-01-02T03:04:05.5Z\",\"ttl\":60,"
                + "\"nodes\":[{\"key\":\"/d/x\",\"value\":\"1\",\"createdIndex\":4,\"modifiedIndex\":4}]},"
                + "\"prevNode\":{\"key\":\"/d\",\"dir\":true,\"createdIndex\":2,\"modifiedIndex\":2}}"));
    EtcdResponse response = client().read("/d");
    assertEquals("compareAndSwap", response.action());
    assertEquals(
        new EtcdNode(
            "/d",
            null,
            true,
            2,
            3,
            Instant.parse("2030-01-02T03:04:05.5Z"),
            60L,
            List.of(new EtcdNode("/d/x", "1", false, 4, 4, null, null, List.of()))),
        response.node());
    assertEquals(new EtcdNode("/d", null, true, 2, 2, null, null, List.of()), response.prevNode());
  }

  @Test
  void theRootNodeWithoutKeyIsSlash() {
    server.enqueue(json("{\"action\":\"get\",\"node\":{\"dir\":true}}"));
    assertEquals(
        new EtcdNode("/", null, true, 0, 0, null, null, List.of()), client().read("/").node());
  }

  // ---- basic auth ----

  @Test
  void basicAuthIsSentWhenUsernameAndPasswordAreSet() throws Exception {
    client = new EtcdClient(settings().username("root").password("pa:ss\u00e9").build());
    enqueueNode();
    client.read("/a");
    assertEquals("Basic cm9vdDpwYTpzc8Op", server.takeRequest().getHeaders().get("Authorization"));
  }

  @Test
  void basicAuthIsSentOnWatches() throws Exception {
    client = new EtcdClient(settings().username("root").password("pw").build());
    enqueueNode();
    client.watchOnce("/a", 0, false);
    assertEquals("Basic cm9vdDpwdw==", server.takeRequest().getHeaders().get("Authorization"));
  }

  @Test
  void noAuthorizationWithOnlyAUsername() throws Exception {
    client = new EtcdClient(settings().username("root").build());
    enqueueNode();
    client.read("/a");
    assertNull(server.takeRequest().getHeaders().get("Authorization"));
  }

  @Test
  void noAuthorizationWithOnlyAPassword() throws Exception {
    client = new EtcdClient(settings().password("pw").build());
    enqueueNode();
    client.read("/a");
    assertNull(server.takeRequest().getHeaders().get("Authorization"));
  }

  // ---- redirects ----

  @Test
  void a307OnPutIsReplayedAsPutWithTheSameBody() throws Exception {
    server.enqueue(redirect(307, "/moved/v2/keys/a"));
    enqueueNode();
    client().write("/a", "x y+z", WriteOptions.defaults().withPrevExist(false));
    RecordedRequest first = server.takeRequest();
    RecordedRequest second = server.takeRequest();
    assertEquals("PUT /v2/keys/a", first.getMethod() + " " + first.getTarget());
    assertEquals("PUT /moved/v2/keys/a", second.getMethod() + " " + second.getTarget());
    assertEquals(first.getBody(), second.getBody());
    assertEquals(
        Map.of("value", "x y+z", "prevExist", "false"), decodeForm(second.getBody().utf8()));
  }

  @Test
  void a307OnDeleteIsReplayedAsDelete() throws Exception {
    server.enqueue(redirect(307, server.url("/leader/v2/keys/a?recursive=true").toString()));
    enqueueNode();
    client().delete("/a", DeleteOptions.defaults().withRecursive(true));
    server.takeRequest();
    RecordedRequest second = server.takeRequest();
    assertEquals(
        "DELETE /leader/v2/keys/a?recursive=true", second.getMethod() + " " + second.getTarget());
  }

  @Test
  void a307OnPostIsReplayedAsPostWithTheSameBody() throws Exception {
    server.enqueue(redirect(307, "/leader/v2/keys/q"));
    enqueueNode();
    client().append("/q", "job");
    server.takeRequest();
    RecordedRequest second = server.takeRequest();
    assertEquals("POST /leader/v2/keys/q", second.getMethod() + " " + second.getTarget());
    assertEquals("value=job", second.getBody().utf8());
  }

  @Test
  void a302OnPutIsNotFollowedNorTurnedIntoAGet() {
    server.enqueue(redirect(302, "/elsewhere"));
    enqueueNode();
    EtcdException e = assertThrows(EtcdException.class, () -> client().write("/a", "1"));
    assertEquals(
        "etcd answered PUT /v2/keys/a with a redirect (HTTP 302) to /elsewhere, which is not followed:"
            + " a PUT is never replayed as a GET",
        e.getMessage());
    assertEquals(EtcdError.UNKNOWN, e.error());
    assertEquals(EtcdException.NO_SERVER_CODE, e.serverCode());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void a303OnDeleteIsNotFollowed() {
    server.enqueue(redirect(303, "/elsewhere"));
    EtcdException e = assertThrows(EtcdException.class, () -> client().delete("/a"));
    assertTrue(e.getMessage().contains("redirect (HTTP 303)"), e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void a302OnGetIsFollowed() throws Exception {
    server.enqueue(redirect(302, "/other/v2/keys/a"));
    enqueueNode();
    assertEquals("1", client().read("/a").node().value());
    server.takeRequest();
    RecordedRequest second = server.takeRequest();
    assertEquals("GET /other/v2/keys/a", second.getMethod() + " " + second.getTarget());
  }

  @Test
  void a302OnGetIsFollowedAsynchronously() throws Exception {
    server.enqueue(redirect(302, "/other/v2/keys/a"));
    enqueueNode();
    assertEquals(
        "1",
        client().readAsync("/a", ReadOptions.defaults()).get(10, TimeUnit.SECONDS).node().value());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void a307IsNotFollowedWithoutAllowRedirect() {
    client = new EtcdClient(settings().allowRedirect(false).build());
    server.enqueue(redirect(307, "/moved/v2/keys/a"));
    enqueueNode();
    EtcdException e = assertThrows(EtcdException.class, () -> client.write("/a", "1"));
    assertEquals(
        "etcd answered PUT /v2/keys/a with a redirect (HTTP 307) to /moved/v2/keys/a, which is not"
            + " followed: allow_redirect is off",
        e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aRedirectOnGetIsNotFollowedWithoutAllowRedirect() {
    client = new EtcdClient(settings().allowRedirect(false).build());
    server.enqueue(redirect(302, "/moved"));
    enqueueNode();
    EtcdException e = assertThrows(EtcdException.class, () -> client.read("/a"));
    assertEquals(
        "etcd answered GET /v2/keys/a with a redirect (HTTP 302) to /moved, which is not followed:"
            + " allow_redirect is off",
        e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aRedirectLoopEndsAfterFiveHops() {
    for (int i = 0; i < 10; i++) {
      server.enqueue(redirect(307, "/loop"));
    }
    EtcdConnectionException e =
        assertThrows(EtcdConnectionException.class, () -> client().read("/a"));
    assertTrue(e.getMessage().contains("Too many redirects (over 5)"), e.getMessage());
    assertEquals(6, server.getRequestCount());
  }

  @Test
  void aRedirectToAnotherOriginDropsTheCredentials() throws Exception {
    client = new EtcdClient(settings().username("root").password("pw").build());
    server.enqueue(redirect(307, otherServer.url("/v2/keys/a").toString()));
    otherServer.enqueue(json(NODE));
    client.write("/a", "1");
    assertEquals("Basic cm9vdDpwdw==", server.takeRequest().getHeaders().get("Authorization"));
    RecordedRequest redirected = otherServer.takeRequest();
    assertEquals("PUT /v2/keys/a", redirected.getMethod() + " " + redirected.getTarget());
    assertNull(redirected.getHeaders().get("Authorization"));
  }

  @Test
  void aRedirectWithinTheOriginKeepsTheCredentials() throws Exception {
    client = new EtcdClient(settings().username("root").password("pw").build());
    server.enqueue(redirect(307, "/moved/v2/keys/a"));
    enqueueNode();
    client.write("/a", "1");
    server.takeRequest();
    assertEquals("Basic cm9vdDpwdw==", server.takeRequest().getHeaders().get("Authorization"));
  }

  // ---- helpers ----

  private EtcdClient client() {
    if (client == null) {
      client = new EtcdClient(settings().build());
    }
    return client;
  }

  private EtcdSettings.Builder settings() {
    return EtcdSettings.builder().host(server.getHostName()).port(server.getPort());
  }

  private void enqueueNode() {
    server.enqueue(json(NODE));
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder()
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  private static MockResponse redirect(int code, String location) {
    return new MockResponse.Builder().code(code).addHeader("Location", location).build();
  }

  /** Takes the next request and checks its method, target (path and query) and form body. */
  private void assertRequest(String method, String target, String form)
      throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertEquals(method + " " + target, request.getMethod() + " " + request.getTarget());
    if (form == null) {
      assertEquals(0, request.getBodySize(), "no body expected");
    } else {
      assertEquals(form, request.getBody().utf8());
      String contentType = request.getHeaders().get("Content-Type");
      lastContentType = contentType == null ? null : contentType.replaceAll(";.*", "");
    }
  }

  private static Map<String, String> decodeForm(String body) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int equals = pair.indexOf('=');
      fields.put(
          URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
    }
    return fields;
  }
}
