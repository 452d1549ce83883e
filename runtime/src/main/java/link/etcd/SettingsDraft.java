package link.etcd;

import java.time.Duration;
import java.util.List;
import link.etcd.EtcdSettings.Api;
import link.etcd.EtcdSettings.Problem;
import org.jspecify.annotations.Nullable;

/**
 * The options an {@link EtcdSettings.Builder} holds before they are checked: each at its default
 * until set. The rules of {@link SettingsRule} read them to say what is wrong, option by option.
 */
abstract class SettingsDraft {
  String host = "localhost";
  int port = 4001;
  @Nullable String srvDomain;
  Api api = Api.V2;

  /** Null until set: the default follows {@link #api}. */
  @Nullable String versionPrefix;

  String keyPrefix = "";
  int maxTxnOps = 128;
  int maxRequestBytes = 1572864;
  Duration readTimeout = Duration.ofSeconds(60);
  boolean allowRedirect = true;
  String protocol = "http";
  @Nullable String cert;
  @Nullable String caCert;
  @Nullable String username;
  @Nullable String password;
  boolean allowReconnect;
  boolean useProxies;
  @Nullable String expectedClusterId;
  int perHostPoolSize = 10;
  boolean quorumReads;
  Duration retryDeadline = Duration.ofSeconds(10);
  @Nullable String dnsResolver;

  /** Sets every option to {@code settings}' value. */
  final void copy(EtcdSettings settings) {
    host = settings.host();
    port = settings.port();
    srvDomain = settings.srvDomain();
    api = settings.api();
    versionPrefix =
        settings.versionPrefix().equals(defaultVersionPrefix(settings.api()))
            ? null
            : settings.versionPrefix();
    keyPrefix = settings.keyPrefix();
    maxTxnOps = settings.maxTxnOps();
    maxRequestBytes = settings.maxRequestBytes();
    readTimeout = settings.readTimeout();
    allowRedirect = settings.allowRedirect();
    protocol = settings.protocol();
    cert = settings.cert();
    caCert = settings.caCert();
    username = settings.username();
    password = settings.password();
    allowReconnect = settings.allowReconnect();
    useProxies = settings.useProxies();
    expectedClusterId = settings.expectedClusterId();
    perHostPoolSize = settings.perHostPoolSize();
    quorumReads = settings.quorumReads();
    retryDeadline = settings.retryDeadline();
    dnsResolver = settings.dnsResolver();
  }

  static String defaultVersionPrefix(Api api) {
    return api == Api.V3 ? "/v3" : "/v2";
  }

  /** {@return the settings of these options, checked by their canonical constructor} */
  final EtcdSettings settings() {
    return new EtcdSettings(
        host,
        port,
        srvDomain,
        api,
        versionPrefix != null ? versionPrefix : defaultVersionPrefix(api),
        keyPrefix,
        maxTxnOps,
        maxRequestBytes,
        readTimeout,
        allowRedirect,
        protocol,
        cert,
        caCert,
        username,
        password,
        allowReconnect,
        useProxies,
        expectedClusterId,
        perHostPoolSize,
        quorumReads,
        retryDeadline,
        dnsResolver);
  }

  /** {@return every reason the options cannot be built, in the order of the rules} */
  final List<Problem> problems() {
    return SettingsRule.problems(this);
  }
}
