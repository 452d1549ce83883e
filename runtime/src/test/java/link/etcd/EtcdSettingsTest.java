package link.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import link.etcd.conf.IniConfDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EtcdSettingsTest {
  @TempDir Path temp;

  @Test
  void defaultsAreTheSeeds() {
    EtcdSettings settings = EtcdSettings.defaults();
    assertEquals("localhost", settings.host());
    assertEquals(4001, settings.port());
    assertNull(settings.srvDomain());
    assertEquals("/v2", settings.versionPrefix());
    assertEquals(Duration.ofSeconds(60), settings.readTimeout());
    assertTrue(settings.allowRedirect());
    assertEquals("http", settings.protocol());
    assertNull(settings.cert());
    assertNull(settings.caCert());
    assertNull(settings.username());
    assertNull(settings.password());
    assertFalse(settings.allowReconnect());
    assertFalse(settings.useProxies());
    assertNull(settings.expectedClusterId());
    assertEquals(10, settings.perHostPoolSize());
  }

  @Test
  void anEmptyBuilderBuildsTheDefaults() {
    assertEquals(EtcdSettings.defaults(), EtcdSettings.builder().build());
  }

  @Test
  void newBuilderCopiesEveryOption() {
    EtcdSettings settings = everyOptionSet();
    assertEquals(settings, settings.newBuilder().build());
    assertEquals(settings.hashCode(), settings.newBuilder().build().hashCode());
  }

  @Test
  void theCanonicalConstructorChecksAndNormalizesAsTheBuilderDoes() {
    EtcdSettings d = EtcdSettings.defaults();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new EtcdSettings(
                    "a,b",
                    0,
                    d.srvDomain(),
                    d.api(),
                    "v2",
                    d.keyPrefix(),
                    d.maxTxnOps(),
                    d.maxRequestBytes(),
                    d.readTimeout(),
                    d.allowRedirect(),
                    d.protocol(),
                    d.cert(),
                    d.caCert(),
                    d.username(),
                    d.password(),
                    d.allowReconnect(),
                    d.useProxies(),
                    d.expectedClusterId(),
                    d.perHostPoolSize(),
                    d.quorumReads(),
                    Duration.ZERO,
                    "127.0.0.1"));
    assertEquals(
        "host lists several endpoints ('a,b') but allow_reconnect is off; set allow_reconnect ="
            + " True to use them all, or give one endpoint; port must be 1..65535 but was 0;"
            + " version_prefix must start with '/' and not end with one, like /v2, but was 'v2';"
            + " retry_deadline must be positive but was PT0S; dns_resolver must be host:port, like"
            + " 127.0.0.1:53, but was '127.0.0.1'",
        e.getMessage());
    EtcdSettings url =
        new EtcdSettings(
            "https://e1:2379",
            2379,
            d.srvDomain(),
            d.api(),
            d.versionPrefix(),
            d.keyPrefix(),
            d.maxTxnOps(),
            d.maxRequestBytes(),
            d.readTimeout(),
            d.allowRedirect(),
            "http",
            d.cert(),
            d.caCert(),
            d.username(),
            d.password(),
            d.allowReconnect(),
            d.useProxies(),
            d.expectedClusterId(),
            d.perHostPoolSize(),
            d.quorumReads(),
            d.retryDeadline(),
            d.dnsResolver());
    assertEquals(EtcdSettings.builder().host("https://e1:2379").port(2379).build(), url);
    assertEquals("e1:2379", url.host());
    assertEquals("https", url.protocol());
  }

  @Test
  void everyProblemNamesItsOptionAsMiddlewareConfSpellsIt() {
    EtcdSettings.Builder wrong =
        EtcdSettings.builder()
            .host("a b")
            .port(0)
            .srvDomain(" ")
            .versionPrefix("v2")
            .maxTxnOps(0)
            .maxRequestBytes(0)
            .readTimeout(Duration.ofSeconds(-1))
            .cert("/c.pem")
            .username("a\nb")
            .password("a\nb")
            .expectedClusterId("xyz")
            .perHostPoolSize(0)
            .retryDeadline(Duration.ZERO)
            .dnsResolver("x");
    List<EtcdSettings.Problem> problems = wrong.problems();
    assertEquals(
        List.of(
            "port",
            "srv_domain",
            "version_prefix",
            "max_txn_ops",
            "max_request_bytes",
            "read_timeout",
            "cert",
            "username",
            "password",
            "expected_cluster_id",
            "per_host_pool_size",
            "retry_deadline",
            "dns_resolver"),
        problems.stream().map(EtcdSettings.Problem::option).toList());
    for (EtcdSettings.Problem problem : problems) {
      assertTrue(
          problem.message().startsWith(problem.option() + " "), problem.option() + ": " + problem);
    }
  }

  @Test
  void builderRefusesPortZero() {
    assertBuildFails("port must be 1..65535 but was 0", EtcdSettings.builder().port(0));
  }

  @Test
  void builderRefusesAPortAbove65535() {
    assertBuildFails("port must be 1..65535 but was 65536", EtcdSettings.builder().port(65536));
  }

  @Test
  void builderAcceptsThePortBounds() {
    assertEquals(1, EtcdSettings.builder().port(1).build().port());
    assertEquals(65535, EtcdSettings.builder().port(65535).build().port());
  }

  @Test
  void builderRefusesNullHost() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> EtcdSettings.builder().host(null));
    assertEquals("host == null", e.getMessage());
  }

  @Test
  void builderRefusesABlankHost() {
    assertBuildFails(
        "host must be a host name or address but was ' '", EtcdSettings.builder().host(" "));
  }

  @Test
  void builderRefusesAHostWithAPath() {
    assertBuildFails(
        "host must be a host name or address but was 'etcd/v2'",
        EtcdSettings.builder().host("etcd/v2"));
  }

  @Test
  void builderRefusesSeveralEndpointsWithoutAllowReconnect() {
    assertBuildFails(
        "host lists several endpoints ('a,b') but allow_reconnect is off; set allow_reconnect = True"
            + " to use them all, or give one endpoint",
        EtcdSettings.builder().host("a,b"));
  }

  @Test
  void severalEndpointsTakeThePortWhereTheyHaveNone() {
    EtcdSettings settings =
        EtcdSettings.builder().host("a:2379,b,[::1]:4000").port(2380).allowReconnect(true).build();
    assertEquals(List.of("a:2379", "b:2380", "[::1]:4000"), settings.endpoints());
  }

  @Test
  void endpointsSetsTheHostList() {
    EtcdSettings settings =
        EtcdSettings.builder().endpoints(List.of("a:1", "b:2")).allowReconnect(true).build();
    assertEquals("a:1,b:2", settings.host());
    assertEquals(List.of("a:1", "b:2"), settings.endpoints());
  }

  @Test
  void builderRefusesNoEndpoints() {
    assertBuildFails(
        "host must be a host name or address but was ''",
        EtcdSettings.builder().endpoints(List.of()));
  }

  @Test
  void optionHostTakesAList() {
    EtcdSettings settings =
        EtcdSettings.builder().option("host", "a:1, b:2").option("allow_reconnect", "True").build();
    assertEquals(List.of("a:1", "b:2"), settings.endpoints());
  }

  @Test
  void builderRefusesABadEndpointInAList() {
    assertBuildFails(
        "host must list host or host:port items separated by commas, but 'a:1,b:x' has 'b:x'",
        EtcdSettings.builder().host("a:1,b:x").allowReconnect(true));
  }

  @Test
  void builderRefusesAnEmptyItemInAList() {
    assertBuildFails(
        "host must list host or host:port items separated by commas, but 'a:1,' has ':4001'",
        EtcdSettings.builder().host("a:1,").allowReconnect(true));
  }

  @Test
  void builderRefusesANonPositiveRetryDeadline() {
    assertBuildFails(
        "retry_deadline must be positive but was PT0S",
        EtcdSettings.builder().retryDeadline(Duration.ZERO));
  }

  @Test
  void builderRefusesADnsResolverWithoutPort() {
    assertBuildFails(
        "dns_resolver must be host:port, like 127.0.0.1:53, but was '127.0.0.1'",
        EtcdSettings.builder().dnsResolver("127.0.0.1"));
  }

  @Test
  void builderRefusesAVersionPrefixWithoutLeadingSlash() {
    assertBuildFails(
        "version_prefix must start with '/' and not end with one, like /v2, but was 'v2'",
        EtcdSettings.builder().versionPrefix("v2"));
  }

  @Test
  void builderRefusesAVersionPrefixWithTrailingSlash() {
    assertBuildFails(
        "version_prefix must start with '/' and not end with one, like /v2, but was '/v2/'",
        EtcdSettings.builder().versionPrefix("/v2/"));
  }

  @Test
  void builderRefusesANegativeReadTimeout() {
    assertBuildFails(
        "read_timeout must be 0 (none) or positive but was PT-1S",
        EtcdSettings.builder().readTimeout(Duration.ofSeconds(-1)));
  }

  @Test
  void builderAcceptsAZeroReadTimeoutAsNone() {
    assertEquals(
        Duration.ZERO, EtcdSettings.builder().readTimeout(Duration.ZERO).build().readTimeout());
  }

  @Test
  void builderRefusesAnUnknownProtocol() {
    assertBuildFails(
        "protocol must be http or https but was 'ftp'", EtcdSettings.builder().protocol("ftp"));
  }

  @Test
  void builderRefusesAnEmptyPool() {
    assertBuildFails(
        "per_host_pool_size must be at least 1 but was 0",
        EtcdSettings.builder().perHostPoolSize(0));
  }

  @Test
  void builderRefusesABlankSrvDomain() {
    assertBuildFails("srv_domain must not be blank", EtcdSettings.builder().srvDomain(" "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\rb", "a\nb", "a\r\nX-Injected: 1"})
  void builderRefusesCrOrLfInTheUsername(String username) {
    assertBuildFails(
        "username must not contain CR or LF", EtcdSettings.builder().username(username));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\rb", "a\nb"})
  void builderRefusesCrOrLfInThePassword(String password) {
    assertBuildFails(
        "password must not contain CR or LF", EtcdSettings.builder().password(password));
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "TRUE", "True", "tRuE", "1"})
  void optionReadsTrue(String text) {
    EtcdSettings settings =
        EtcdSettings.builder()
            .option("allow_redirect", "false")
            .option("allow_redirect", text)
            .option("allow_reconnect", text)
            .option("use_proxies", text)
            .build();
    assertTrue(settings.allowRedirect());
    assertTrue(settings.allowReconnect());
    assertTrue(settings.useProxies());
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "FALSE", "False", "fAlSe", "0", " False "})
  void optionReadsFalse(String text) {
    EtcdSettings settings =
        EtcdSettings.builder()
            .option("allow_redirect", text)
            .option("allow_reconnect", "true")
            .option("allow_reconnect", text)
            .option("use_proxies", text)
            .build();
    assertFalse(settings.allowRedirect());
    assertFalse(settings.allowReconnect());
    assertFalse(settings.useProxies());
  }

  @Test
  void optionRefusesABadBoolean() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EtcdSettings.builder().option("allow_redirect", "yes"));
    assertEquals("allow_redirect must be true, false, 1 or 0 but was 'yes'", e.getMessage());
  }

  @Test
  void optionRefusesABadInt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> EtcdSettings.builder().option("port", "23 79"));
    assertEquals("port must be an integer but was '23 79'", e.getMessage());
  }

  @Test
  void optionRefusesAnUnknownName() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> EtcdSettings.builder().option("hots", "x"));
    assertEquals(
        "unknown option 'hots'; the options are host, port, srv_domain, api, version_prefix, key_prefix,"
            + " max_txn_ops, max_request_bytes, read_timeout, allow_redirect, protocol, cert, ca_cert, username,"
            + " password, allow_reconnect, use_proxies, expected_cluster_id, per_host_pool_size",
        e.getMessage());
  }

  @Test
  void optionSetsEveryOptionFromItsText() {
    EtcdSettings settings =
        EtcdSettings.builder()
            .option("host", " etcd.internal ")
            .option("port", "2379")
            .option("srv_domain", "example.com")
            .option("version_prefix", "/v2beta")
            .option("read_timeout", "5")
            .option("allow_redirect", "False")
            .option("protocol", "https")
            .option("cert", "/c.pem")
            .option("ca_cert", "/ca.pem")
            .option("username", "root")
            .option("password", "s3cret")
            .option("allow_reconnect", "True")
            .option("use_proxies", "True")
            .option("expected_cluster_id", "d1cfaf999eb97a2a")
            .option("per_host_pool_size", "3")
            .build();
    assertEquals(everyOptionSet(), settings);
  }

  @Test
  void endpointUrlsSetTheProtocolAndLoseTheirScheme() {
    EtcdSettings one = EtcdSettings.builder().host("https://etcd.internal:2379/").build();
    assertEquals("https", one.protocol());
    assertEquals(List.of("etcd.internal:2379"), one.endpoints());
    EtcdSettings several =
        EtcdSettings.builder()
            .allowReconnect(true)
            .endpoints(List.of("http://e1:2379", "e2", "http://[::1]:2379"))
            .build();
    assertEquals("http", several.protocol());
    assertEquals(List.of("e1:2379", "e2:4001", "[::1]:2379"), several.endpoints());
  }

  @Test
  void endpointUrlsMustAgreeWithEachOtherAndWithProtocol() {
    assertBuildFails(
        "host mixes http:// and https:// endpoints ('http://e1:2379,https://e2:2379'); every"
            + " endpoint must use the same protocol",
        EtcdSettings.builder().allowReconnect(true).host("http://e1:2379,https://e2:2379"));
    assertBuildFails(
        "host gives http:// endpoints ('http://e1:2379') but protocol is https; give https:// URLs,"
            + " or set protocol = http",
        EtcdSettings.builder().protocol("https").host("http://e1:2379"));
    assertBuildFails(
        "host must give http:// or https:// URLs, but 'unix://sock' has 'unix://sock'",
        EtcdSettings.builder().host("unix://sock"));
  }

  @Test
  void apiV3MovesTheDefaultVersionPrefixToV3() {
    EtcdSettings v3 = EtcdSettings.builder().api(EtcdSettings.Api.V3).build();
    assertEquals("/v3", v3.versionPrefix());
    assertEquals("/v2", v3.newBuilder().api(EtcdSettings.Api.V2).build().versionPrefix());
    assertEquals(
        "/proxy",
        EtcdSettings.builder()
            .versionPrefix("/proxy")
            .api(EtcdSettings.Api.V3)
            .build()
            .versionPrefix());
    assertEquals(EtcdSettings.Api.V2, EtcdSettings.defaults().api());
    assertEquals("/v2", EtcdSettings.defaults().versionPrefix());
  }

  @Test
  void optionSetsTheV3OptionsFromTheirText() {
    EtcdSettings settings =
        EtcdSettings.builder()
            .option("api", "V3")
            .option("key_prefix", "/tenant1")
            .option("max_txn_ops", "1024")
            .option("max_request_bytes", "10485760")
            .build();
    assertEquals(
        EtcdSettings.builder()
            .api(EtcdSettings.Api.V3)
            .keyPrefix("/tenant1")
            .maxTxnOps(1024)
            .maxRequestBytes(10485760)
            .build(),
        settings);
    assertEquals("/v3", settings.versionPrefix());
    assertEquals(128, EtcdSettings.defaults().maxTxnOps());
    assertEquals(1572864, EtcdSettings.defaults().maxRequestBytes());
    assertEquals("", EtcdSettings.defaults().keyPrefix());
  }

  @Test
  void optionRefusesAnUnknownApi() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> EtcdSettings.builder().option("api", "v4"));
    assertEquals("api must be v2 or v3 but was 'v4'", e.getMessage());
  }

  @Test
  void builderRefusesNonPositiveLimits() {
    assertBuildFails(
        "max_txn_ops must be at least 1 but was 0", EtcdSettings.builder().maxTxnOps(0));
    assertBuildFails(
        "max_request_bytes must be at least 1 but was -1",
        EtcdSettings.builder().maxRequestBytes(-1));
  }

  @Test
  void theV3OptionsLoadBackFromTheirConfiguration() throws IOException {
    EtcdSettings settings =
        EtcdSettings.builder()
            .api(EtcdSettings.Api.V3)
            .keyPrefix("/ns")
            .maxTxnOps(64)
            .maxRequestBytes(1000)
            .build();
    Path dir = temp.resolve("conf-v3");
    new IniConfDriver(List.of(dir))
        .save(dir.resolve(EtcdSettings.CONF_PATH).toString(), settings.toConfiguration());
    assertEquals(settings, EtcdSettings.load(new IniConfDriver(List.of(dir))));
  }

  @Test
  void optionClearsAnOptionalOptionWithEmptyText() {
    EtcdSettings settings =
        everyOptionSet()
            .newBuilder()
            .option("srv_domain", "")
            .option("cert", "")
            .option("ca_cert", " ")
            .option("username", "")
            .option("password", "")
            .option("expected_cluster_id", "")
            .build();
    assertNull(settings.srvDomain());
    assertNull(settings.cert());
    assertNull(settings.caCert());
    assertNull(settings.username());
    assertNull(settings.password());
    assertNull(settings.expectedClusterId());
  }

  @Test
  void toStringNeverShowsThePassword() {
    EtcdSettings settings =
        everyOptionSet()
            .newBuilder()
            .quorumReads(true)
            .retryDeadline(Duration.ofMillis(2500))
            .dnsResolver("127.0.0.1:5353")
            .build();
    String text = settings.toString();
    assertFalse(text.contains("s3cret"), text);
    assertEquals(
        "EtcdSettings{host=etcd.internal, port=2379, srv_domain=example.com, api=v2,"
            + " version_prefix=/v2beta, key_prefix=, max_txn_ops=128, max_request_bytes=1572864, read_timeout=5,"
            + " allow_redirect=false, protocol=https, cert=/c.pem, ca_cert=/ca.pem, username=root,"
            + " password=██, allow_reconnect=true, use_proxies=true, expected_cluster_id=d1cfaf999eb97a2a,"
            + " per_host_pool_size=3, quorum_reads=true, retry_deadline=2500ms, dns_resolver=127.0.0.1:5353}",
        text);
  }

  @Test
  void toStringShowsAnAbsentPasswordAsNull() {
    assertTrue(EtcdSettings.defaults().toString().contains(", password=null,"));
  }

  @Test
  void toConfigurationLeavesThePasswordOut() {
    EtcdSettings settings = everyOptionSet();
    assertTrue(settings.toConfiguration().value("ETCD", "password").isEmpty());
    assertEquals("root", settings.toConfiguration().value("ETCD", "username").orElseThrow());
  }

  @Test
  void toConfigurationLoadsBackToTheSameSettings() throws IOException {
    EtcdSettings settings = everyOptionSet().newBuilder().password(null).build();
    Path dir = temp.resolve("conf");
    new IniConfDriver(List.of(dir))
        .save(dir.resolve(EtcdSettings.CONF_PATH).toString(), settings.toConfiguration());
    assertEquals(settings, EtcdSettings.load(new IniConfDriver(List.of(dir))));
  }

  @Test
  void loadWithoutFilesGivesTheDefaults() {
    EtcdSettings settings =
        EtcdSettings.load(new IniConfDriver(List.of(temp.resolve("a"), temp.resolve("b"))));
    assertEquals(EtcdSettings.defaults(), settings);
  }

  @Test
  void loadLetsTheLaterDirectoryWinPerOption() throws IOException {
    Path first = conf("first", "[ETCD]\nhost = first.example\nport = 1111\nread_timeout = 7\n");
    Path second = conf("second", "[ETCD]\nport : 2222\nallow_redirect = FALSE\n");
    EtcdSettings settings = EtcdSettings.load(new IniConfDriver(List.of(first, second)));
    assertEquals("first.example", settings.host());
    assertEquals(2222, settings.port());
    assertEquals(Duration.ofSeconds(7), settings.readTimeout());
    assertFalse(settings.allowRedirect());
    assertEquals(10, settings.perHostPoolSize());
  }

  @Test
  void loadSkipsMissingFilesBetweenPresentOnes() throws IOException {
    Path first = conf("first", "[ETCD]\nport = 1111\n");
    Path third = conf("third", "[ETCD]\nhost = third.example\n");
    EtcdSettings settings =
        EtcdSettings.load(new IniConfDriver(List.of(first, temp.resolve("missing"), third)));
    assertEquals(1111, settings.port());
    assertEquals("third.example", settings.host());
  }

  @Test
  void loadIgnoresOtherSections() throws IOException {
    Path dir = conf("dir", "[OTHER]\nport = nonsense\n[ETCD]\nport = 2379\n");
    assertEquals(2379, EtcdSettings.load(new IniConfDriver(List.of(dir))).port());
  }

  @Test
  void loadNamesTheFileAndOptionOfABadBoolean() throws IOException {
    Path good = conf("good", "[ETCD]\nuse_proxies = 1\n");
    Path bad = conf("bad", "[ETCD]\nallow_redirect = yes\n");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EtcdSettings.load(new IniConfDriver(List.of(good, bad))));
    assertEquals(
        file(bad) + ":2: [ETCD] allow_redirect must be true, false, 1 or 0 but was 'yes'",
        e.getMessage());
  }

  @Test
  void loadNamesTheFileAndOptionOfABadInt() throws IOException {
    Path bad = conf("bad", "[ETCD]\nread_timeout = 1.5\n");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EtcdSettings.load(new IniConfDriver(List.of(bad))));
    assertEquals(
        file(bad) + ":2: [ETCD] read_timeout must be an integer but was '1.5'", e.getMessage());
  }

  @Test
  void loadNamesTheFileOfAnUnknownOption() throws IOException {
    Path bad = conf("bad", "[ETCD]\nhots = x\n");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EtcdSettings.load(new IniConfDriver(List.of(temp.resolve("none"), bad))));
    assertTrue(
        e.getMessage()
            .startsWith(file(bad) + ":2: [ETCD] unknown option 'hots'; the options are host,"),
        e.getMessage());
  }

  @Test
  void loadNamesTheFileOfAnInvalidValue() throws IOException {
    Path bad = conf("bad", "[ETCD]\nport = 0\n");
    Path fix = conf("fix", "[ETCD]\nport = 2379\n");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EtcdSettings.load(new IniConfDriver(List.of(bad, fix))));
    assertEquals(file(bad) + ":2: [ETCD] port must be 1..65535 but was 0", e.getMessage());
  }

  @Test
  void loadReportsEveryMistakeOfEveryFileEachWithItsLine() throws IOException {
    Path first = conf("first", "[ETCD]\nport = x\nallow_redirect = yes\n\nhots = 1\n");
    Path second =
        conf("second", "# second\n[ETCD]\nread_timeout = 3000000\nprotocol = ftp\nport = 0\n");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EtcdSettings.load(new IniConfDriver(List.of(first, second))));
    assertEquals(
        file(first)
            + ":2: [ETCD] port must be an integer but was 'x'\n"
            + file(first)
            + ":3: [ETCD] allow_redirect must be true, false, 1 or 0 but was 'yes'\n"
            + file(first)
            + ":5: [ETCD] unknown option 'hots'; the options are host, port, srv_domain, api,"
            + " version_prefix, key_prefix, max_txn_ops, max_request_bytes, read_timeout, allow_redirect, protocol, cert,"
            + " ca_cert, username, password, allow_reconnect, use_proxies, expected_cluster_id, per_host_pool_size\n"
            + file(second)
            + ":5: [ETCD] port must be 1..65535 but was 0\n"
            + file(second)
            + ":3: [ETCD] read_timeout must be at most 86400 seconds (one day), or 0 for none, but was"
            + " 3000000 seconds\n"
            + file(second)
            + ":4: [ETCD] protocol must be http or https but was 'ftp'",
        e.getMessage());
  }

  @Test
  void noMistakeEverQuotesThePasswordOrTheUserInfoOfAHost() throws IOException {
    Path noEquals = conf("no-equals", "[ETCD]\npassword hunter2\n");
    Path beforeSection = conf("before-section", "password = hunter2\n[ETCD]\n");
    Path userInfo = conf("user-info", "[ETCD]\nhost = alice:hunter2@127.0.0.1\n");
    for (Path dir : List.of(noEquals, beforeSection, userInfo)) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> EtcdSettings.load(new IniConfDriver(List.of(dir))));
      assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }
    assertEquals(
        file(noEquals)
            + ":2: expected '[SECTION]' or 'name = value' but the line starting 'password'"
            + " has no '=' or ':'",
        message(noEquals));
    assertEquals(
        file(beforeSection) + ":1: 'password' comes before any [SECTION] header",
        message(beforeSection));
    assertEquals(
        file(userInfo)
            + ":2: [ETCD] host must be a host name or address, without user:password@ (set"
            + " username and password instead) but was '██@127.0.0.1'",
        message(userInfo));
  }

  @Test
  void aByteOrderMarkIsAcceptedAndLatin1IsRefusedWithItsLine() throws IOException {
    Path bom = conf("bom", "\uFEFF[ETCD]\nport = 2379\n");
    assertEquals(2379, EtcdSettings.load(new IniConfDriver(List.of(bom))).port());
    Path latin1 = temp.resolve("latin1");
    Path file = latin1.resolve(EtcdSettings.CONF_PATH);
    Files.createDirectories(file.getParent());
    Files.write(file, "[ETCD]\n# caf\u00e9\nport = 2379\n".getBytes(StandardCharsets.ISO_8859_1));
    assertEquals(file + ":2: byte 0xE9 is not UTF-8; save the file as UTF-8", message(latin1));
  }

  private String message(Path dir) {
    return assertThrows(
            IllegalArgumentException.class,
            () -> EtcdSettings.load(new IniConfDriver(List.of(dir))))
        .getMessage();
  }

  private Path conf(String dirName, String content) throws IOException {
    Path dir = temp.resolve(dirName);
    Path file = dir.resolve(EtcdSettings.CONF_PATH);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return dir;
  }

  private static String file(Path dir) {
    return dir.resolve(EtcdSettings.CONF_PATH).toString();
  }

  private static EtcdSettings everyOptionSet() {
    return EtcdSettings.builder()
        .host("etcd.internal")
        .port(2379)
        .srvDomain("example.com")
        .versionPrefix("/v2beta")
        .readTimeout(Duration.ofSeconds(5))
        .allowRedirect(false)
        .protocol("https")
        .cert("/c.pem")
        .caCert("/ca.pem")
        .username("root")
        .password("s3cret")
        .allowReconnect(true)
        .useProxies(true)
        .expectedClusterId("d1cfaf999eb97a2a")
        .perHostPoolSize(3)
        .build();
  }

  private static void assertBuildFails(String message, EtcdSettings.Builder builder) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
    assertEquals(message, e.getMessage());
  }
}
