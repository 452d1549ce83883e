package link.etcd;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import link.etcd.conf.ConfDriver;
import link.etcd.conf.Configuration;
import link.etcd.conf.IniConfDriver;
import link.etcd.internal.http.ClusterIds;
import link.etcd.internal.http.Endpoint;
import org.jspecify.annotations.Nullable;

/**
 * How to reach etcd: every option of the seed's {@code middleware.conf}, with its defaults.
 * Immutable; make one with {@link #builder()}, or read {@code middleware.conf} with {@link
 * #load()}.
 *
 * <pre>{@code
 * EtcdSettings settings = EtcdSettings.builder()
 *     .host("etcd.internal")
 *     .port(2379)
 *     .readTimeout(Duration.ofSeconds(5))
 *     .build();
 * }</pre>
 *
 * <p>A cluster is reached through several endpoints, with {@code allow_reconnect} on:
 *
 * <pre>{@code
 * EtcdSettings cluster = EtcdSettings.builder()
 *     .endpoints(List.of("etcd1:2379", "etcd2:2379", "etcd3:2379"))
 *     .allowReconnect(true)
 *     .build();
 * }</pre>
 *
 * <p>{@link #toString()} never shows the password.
 */
public final class EtcdSettings {
  /**
   * The configuration path of the middleware's settings, looked up under each configuration
   * directory.
   */
  public static final String CONF_PATH = "link/etcd/middleware.conf";

  /** The INI section holding the settings. */
  public static final String CONF_CATEGORY = "ETCD";

  /** The longest {@code read_timeout} accepted (OkHttp takes no more than about 24 days). */
  private static final Duration MAX_READ_TIMEOUT = Duration.ofDays(1);

  private static final EtcdSettings DEFAULTS = new Builder().build();

  /**
   * Which etcd API a client speaks, chosen by the {@code api} option; the library never switches by
   * itself.
   */
  public enum Api {
    /**
     * The v2 keys API ({@code /v2/keys}): etcd 3.4 and 3.5 started with {@code --enable-v2=true}.
     */
    V2,
    /** The v3 API: etcd 3.4 and later, the only API from 3.6 on. */
    V3
  }

  private final Api api;
  private final String keyPrefix;
  private final int maxTxnOps;
  private final int maxRequestBytes;

  private final String host;
  private final int port;
  private final @Nullable String srvDomain;
  private final String versionPrefix;
  private final Duration readTimeout;
  private final boolean allowRedirect;
  private final String protocol;
  private final @Nullable String cert;
  private final @Nullable String caCert;
  private final @Nullable String username;
  private final @Nullable String password;
  private final boolean allowReconnect;
  private final boolean useProxies;
  private final @Nullable String expectedClusterId;
  private final int perHostPoolSize;
  private final boolean quorumReads;
  private final Duration retryDeadline;
  private final @Nullable String dnsResolver;

  /** What {@link #load} read and ignored, when a connection error should say it; not an option. */
  private final @Nullable String filesNote;

  private EtcdSettings(Builder builder) {
    this.host = builder.host;
    this.port = builder.port;
    this.srvDomain = builder.srvDomain;
    this.api = builder.api;
    this.versionPrefix =
        builder.versionPrefix != null ? builder.versionPrefix : defaultVersionPrefix(builder.api);
    this.keyPrefix = builder.keyPrefix;
    this.maxTxnOps = builder.maxTxnOps;
    this.maxRequestBytes = builder.maxRequestBytes;
    this.filesNote = builder.filesNote;
    this.readTimeout = builder.readTimeout;
    this.allowRedirect = builder.allowRedirect;
    this.protocol = builder.protocol;
    this.cert = builder.cert;
    this.caCert = builder.caCert;
    this.username = builder.username;
    this.password = builder.password;
    this.allowReconnect = builder.allowReconnect;
    this.useProxies = builder.useProxies;
    this.expectedClusterId = builder.expectedClusterId;
    this.perHostPoolSize = builder.perHostPoolSize;
    this.quorumReads = builder.quorumReads;
    this.retryDeadline = builder.retryDeadline;
    this.dnsResolver = builder.dnsResolver;
  }

  /** {@return a builder holding the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return the seed's defaults: {@code http://localhost:4001/v2}, 60 s read timeout, pool of 10}
   */
  public static EtcdSettings defaults() {
    return DEFAULTS;
  }

  /**
   * Reads {@code link/etcd/middleware.conf} from {@code /etc}, then {@code ~/.config}, then {@code
   * $B3J0F_CONF_DIR}, each file's options overriding the earlier ones, over the defaults. Missing
   * files are skipped.
   *
   * @return the settings read, or the defaults when no file exists
   * @throws IllegalArgumentException listing every mistake, one a line, each with its file, line
   *     and option
   */
  public static EtcdSettings load() {
    return load(IniConfDriver.standard());
  }

  /**
   * Reads the settings from the {@link #CONF_CATEGORY} category of every resource {@code driver}
   * lists for {@link #CONF_PATH}, later resources overriding earlier ones, over the defaults.
   *
   * @param driver where the configuration resources are read from
   * @return the settings read, or the defaults when no resource holds the category
   * @throws IllegalArgumentException listing every mistake, one a line, each with its resource (and
   *     line, for INI files) and option: a line that does not parse, an unknown option, a value
   *     that is invalid
   */
  public static EtcdSettings load(ConfDriver driver) {
    return SettingsFile.load(driver);
  }

  /**
   * {@return the names of the options of {@code middleware.conf}, as {@link Builder#option} takes
   * them ({@code host}, {@code port}, ..., {@code read_timeout}, ...), in the order of {@link
   * #toString()}} Integrations that take the options from their own properties (the Spring Boot
   * starter's {@code link.etcd.*}) list them from here.
   */
  public static List<String> optionNames() {
    return SettingsOption.FILE_OPTIONS;
  }

  /** {@return a builder holding these settings} */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /**
   * {@return these settings as the {@code [ETCD]} category of a {@code middleware.conf}, without
   * the password}
   */
  public Configuration toConfiguration() {
    Configuration conf = Configuration.empty();
    for (SettingsOption option : SettingsOption.ALL) {
      String text = option.conf().apply(this);
      if (text != null) {
        conf = conf.with(CONF_CATEGORY, option.name(), text);
      }
    }
    return conf;
  }

  /**
   * {@return {@code host}: the etcd host name or address, or a comma-separated list of endpoints
   * ({@code h1:p1,h2:p2})} Default {@code localhost}.
   */
  public String host() {
    return host;
  }

  /**
   * {@return the endpoints listed by {@code host}, each as {@code host:port}: an item without a
   * port takes {@link #port()}} One item unless {@code host} lists several.
   */
  public List<String> endpoints() {
    return Endpoint.list(host, port);
  }

  /**
   * {@return {@code port}: etcd's client port} Default {@code 4001} (etcd 3 listens on 2379 by
   * default).
   */
  public int port() {
    return port;
  }

  /**
   * {@return {@code srv_domain}: the DNS domain whose SRV records list the cluster, or {@code
   * null}}
   */
  public @Nullable String srvDomain() {
    return srvDomain;
  }

  private static String defaultVersionPrefix(Api api) {
    return api == Api.V3 ? "/v3" : "/v2";
  }

  /** {@return {@code api}: which etcd API to speak, {@code v2} (the default) or {@code v3}} */
  public Api api() {
    return api;
  }

  /**
   * {@return {@code version_prefix}: the path of the API} Default {@code /v2}, or {@code /v3} with
   * {@code api = v3}.
   */
  public String versionPrefix() {
    return versionPrefix;
  }

  /**
   * {@return {@code key_prefix}: on the v3 API, the text put before every key (a namespace, such as
   * {@code /tenant1}), taken off again when keys are read} Default {@code ""}. The v2 API does not
   * use it. Built without a trailing slash ({@code /tenant1/} is {@code /tenant1}, {@code /} is no
   * prefix); one with an empty segment ({@code /a//b}) is refused. A prefix nested in another
   * ({@code /tenant1/b} in {@code /tenant1}) is the subtree {@code /b} of the outer one.
   */
  public String keyPrefix() {
    return keyPrefix;
  }

  /**
   * {@return {@code max_txn_ops}: the most operations etcd takes on one side of a v3 txn (its
   * {@code --max-txn-ops})} Default 128. Set it to match the server; the API cannot tell it.
   */
  public int maxTxnOps() {
    return maxTxnOps;
  }

  /**
   * {@return {@code max_request_bytes}: the largest v3 request etcd takes (its {@code
   * --max-request-bytes}, counting raw key and value bytes)} Default 1572864 (1.5 MiB). Set it to
   * match the server.
   */
  public int maxRequestBytes() {
    return maxRequestBytes;
  }

  /**
   * {@return {@code read_timeout}: how long to wait for an answer; {@link Duration#ZERO} waits
   * forever}
   */
  public Duration readTimeout() {
    return readTimeout;
  }

  /**
   * {@return {@code allow_redirect}: whether to follow redirects etcd sends} Default {@code true}.
   */
  public boolean allowRedirect() {
    return allowRedirect;
  }

  /** {@return {@code protocol}: {@code http} (the default) or {@code https}} */
  public String protocol() {
    return protocol;
  }

  /**
   * {@return {@code cert}: the client certificate (PEM file, or {@code cert,key}), or {@code null}}
   */
  public @Nullable String cert() {
    return cert;
  }

  /**
   * {@return {@code ca_cert}: the CA certificate to trust (PEM file), or {@code null} for the
   * JVM's}
   */
  public @Nullable String caCert() {
    return caCert;
  }

  /**
   * {@return {@code username} for etcd's auth (v2: HTTP basic auth; v3: a token got with it), or
   * {@code null}}
   */
  public @Nullable String username() {
    return username;
  }

  /**
   * {@return {@code password} for etcd's auth, or {@code null}} Never printed by {@link
   * #toString()}.
   */
  public @Nullable String password() {
    return password;
  }

  /**
   * {@return {@code allow_reconnect}: whether to move to other endpoints on failure, retrying what
   * is safe to retry (see docs/operations.md), and to learn the cluster's members from {@code
   * /v2/members} (v3: {@code /v3/cluster/member/list})} Required when {@code host} lists several
   * endpoints. Default false: one endpoint, no retries.
   */
  public boolean allowReconnect() {
    return allowReconnect;
  }

  /**
   * {@return {@code use_proxies}: whether the endpoints are proxies} When true, only the configured
   * endpoints are used (the members etcd lists are not learned), and the JVM's HTTP proxy settings
   * apply. Default {@code false}: learn the members and connect directly.
   */
  public boolean useProxies() {
    return useProxies;
  }

  /**
   * {@return {@code expected_cluster_id}: the id of the cluster every endpoint must belong to, or
   * {@code null} to accept the first one seen and then hold to it} Given in hexadecimal as etcdctl
   * prints it and v2's {@code X-Etcd-Cluster-Id} carries it ({@code cdf818194e3a8c32}, or with
   * {@code 0x}), or in decimal as the v3 gateway's {@code header.cluster_id} carries it ({@code
   * 14841639068965178418}); returned as given.
   */
  public @Nullable String expectedClusterId() {
    return expectedClusterId;
  }

  /**
   * {@return {@code per_host_pool_size}: connections kept and requests in flight per host} Default
   * 10.
   */
  public int perHostPoolSize() {
    return perHostPoolSize;
  }

  /**
   * {@return whether every read is a quorum read ({@code quorum=true}: it goes through the raft
   * leader and sees every acknowledged write), including the reads of {@code EtcdMiddleware}} Not a
   * {@code middleware.conf} option. Default false: a read's {@code ReadOptions.quorum()} decides.
   * On v3, false makes plain reads {@code serializable} (answered from the member's own copy) and
   * true linearizable; see {@code EtcdV3Client.rangeDefaults()}.
   */
  public boolean quorumReads() {
    return quorumReads;
  }

  /**
   * {@return how long, in all, a call may spend retrying on other endpoints with {@code
   * allow_reconnect}; an attempt started before it runs to its end ({@code read_timeout})} Not a
   * {@code middleware.conf} option. Default 10 seconds.
   */
  public Duration retryDeadline() {
    return retryDeadline;
  }

  /**
   * {@return the DNS server ({@code host:port}) asked for the SRV records of {@code srv_domain} and
   * for the addresses of host names (a name it does not know goes to the system's resolvers), or
   * {@code null} for the system's resolvers} Not a {@code middleware.conf} option.
   */
  public @Nullable String dnsResolver() {
    return dnsResolver;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof EtcdSettings other
        && host.equals(other.host)
        && port == other.port
        && Objects.equals(srvDomain, other.srvDomain)
        && api == other.api
        && versionPrefix.equals(other.versionPrefix)
        && keyPrefix.equals(other.keyPrefix)
        && maxTxnOps == other.maxTxnOps
        && maxRequestBytes == other.maxRequestBytes
        && readTimeout.equals(other.readTimeout)
        && allowRedirect == other.allowRedirect
        && protocol.equals(other.protocol)
        && Objects.equals(cert, other.cert)
        && Objects.equals(caCert, other.caCert)
        && Objects.equals(username, other.username)
        && Objects.equals(password, other.password)
        && allowReconnect == other.allowReconnect
        && useProxies == other.useProxies
        && Objects.equals(expectedClusterId, other.expectedClusterId)
        && perHostPoolSize == other.perHostPoolSize
        && quorumReads == other.quorumReads
        && retryDeadline.equals(other.retryDeadline)
        && Objects.equals(dnsResolver, other.dnsResolver);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        host,
        port,
        srvDomain,
        versionPrefix,
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
        dnsResolver,
        api,
        keyPrefix,
        maxTxnOps,
        maxRequestBytes);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("EtcdSettings{");
    for (SettingsOption option : SettingsOption.ALL) {
      text.append(text.length() > "EtcdSettings{".length() ? ", " : "")
          .append(option.name())
          .append('=')
          .append(option.shown().apply(this));
    }
    return text.append('}').toString();
  }

  /**
   * {@return which {@code middleware.conf} files {@link #load} read and what it ignored, when no
   * file gave an option or something that looks meant for these settings was ignored; otherwise
   * {@code null}} A connection error adds it, since it may explain why the endpoint is wrong.
   */
  @Nullable String filesNote() {
    return filesNote;
  }

  /** A reason {@link Builder#build()} refuses the options, and the option it is about. */
  record Problem(String option, String message) {}

  /**
   * Builds {@link EtcdSettings}; every option starts at its default, and {@link #build()} checks
   * them.
   */
  public static final class Builder {
    private String host = "localhost";
    private int port = 4001;
    private @Nullable String srvDomain;
    private Api api = Api.V2;
    private @Nullable String versionPrefix;
    private String keyPrefix = "";
    private int maxTxnOps = 128;
    private int maxRequestBytes = 1572864;
    private Duration readTimeout = Duration.ofSeconds(60);
    private boolean allowRedirect = true;
    private String protocol = "http";
    private @Nullable String cert;
    private @Nullable String caCert;
    private @Nullable String username;
    private @Nullable String password;
    private boolean allowReconnect;
    private boolean useProxies;
    private @Nullable String expectedClusterId;
    private int perHostPoolSize = 10;
    private boolean quorumReads;
    private Duration retryDeadline = Duration.ofSeconds(10);
    private @Nullable String dnsResolver;
    private @Nullable String filesNote;

    private Builder() {}

    private Builder(EtcdSettings settings) {
      host = settings.host;
      port = settings.port;
      srvDomain = settings.srvDomain;
      api = settings.api;
      versionPrefix =
          settings.versionPrefix.equals(defaultVersionPrefix(settings.api))
              ? null
              : settings.versionPrefix;
      keyPrefix = settings.keyPrefix;
      maxTxnOps = settings.maxTxnOps;
      maxRequestBytes = settings.maxRequestBytes;
      readTimeout = settings.readTimeout;
      allowRedirect = settings.allowRedirect;
      protocol = settings.protocol;
      cert = settings.cert;
      caCert = settings.caCert;
      username = settings.username;
      password = settings.password;
      allowReconnect = settings.allowReconnect;
      useProxies = settings.useProxies;
      expectedClusterId = settings.expectedClusterId;
      perHostPoolSize = settings.perHostPoolSize;
      quorumReads = settings.quorumReads;
      retryDeadline = settings.retryDeadline;
      dnsResolver = settings.dnsResolver;
    }

    /**
     * Sets {@code host}: a host name or address, or endpoints separated by commas ({@code
     * h1:p1,h2:p2}). An endpoint may be a URL ({@code http://h:2379}, {@code https://h:2379}, as
     * etcd prints them): its scheme sets {@code protocol}.
     *
     * @param host the host name or address, or a comma-separated list of endpoints
     * @return this builder
     */
    public Builder host(String host) {
      this.host = requireNonNull(host, "host == null");
      return this;
    }

    /**
     * Sets {@code host} to these endpoints, each {@code host} or {@code host:port} (an IPv6 address
     * in brackets) or a URL ({@code https://host:port}, whose scheme sets {@code protocol}); an
     * endpoint without a port takes {@code port}. Several endpoints need {@code allow_reconnect}.
     *
     * @param endpoints the endpoints, at least one
     * @return this builder
     */
    public Builder endpoints(List<String> endpoints) {
      this.host = String.join(",", requireNonNull(endpoints, "endpoints == null"));
      return this;
    }

    /**
     * Sets {@code port}, 1 to 65535.
     *
     * @param port etcd's client port, checked by {@link #build()}
     * @return this builder
     */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * Sets {@code srv_domain}, or clears it with {@code null}.
     *
     * @param srvDomain the DNS domain whose SRV records list the cluster, or {@code null} for none
     * @return this builder
     */
    public Builder srvDomain(@Nullable String srvDomain) {
      this.srvDomain = srvDomain;
      return this;
    }

    /**
     * Sets {@code version_prefix}, which must start with {@code /}.
     *
     * @param versionPrefix the path of the v2 API, such as {@code /v2}
     * @return this builder
     */
    public Builder versionPrefix(String versionPrefix) {
      this.versionPrefix = requireNonNull(versionPrefix, "versionPrefix == null");
      return this;
    }

    /**
     * Sets {@code read_timeout}; {@link Duration#ZERO} waits forever.
     *
     * @param readTimeout how long to wait for an answer, or {@link Duration#ZERO} for no limit
     * @return this builder
     */
    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = requireNonNull(readTimeout, "readTimeout == null");
      return this;
    }

    /**
     * Sets {@code allow_redirect}.
     *
     * @param allowRedirect whether to follow the redirects etcd sends
     * @return this builder
     */
    public Builder allowRedirect(boolean allowRedirect) {
      this.allowRedirect = allowRedirect;
      return this;
    }

    /**
     * Sets {@code protocol}: {@code http} or {@code https}.
     *
     * @param protocol {@code http} or {@code https}, checked by {@link #build()}
     * @return this builder
     */
    public Builder protocol(String protocol) {
      this.protocol = requireNonNull(protocol, "protocol == null");
      return this;
    }

    /**
     * Sets {@code cert}, or clears it with {@code null}.
     *
     * @param cert the client certificate (PEM file, or {@code cert,key}), or {@code null} for none
     * @return this builder
     */
    public Builder cert(@Nullable String cert) {
      this.cert = cert;
      return this;
    }

    /**
     * Sets {@code ca_cert}, or clears it with {@code null}.
     *
     * @param caCert the CA certificate to trust (PEM file), or {@code null} for the JVM's
     * @return this builder
     */
    public Builder caCert(@Nullable String caCert) {
      this.caCert = caCert;
      return this;
    }

    /**
     * Sets {@code username}, or clears it with {@code null}.
     *
     * @param username the etcd user, or {@code null} for none
     * @return this builder
     */
    public Builder username(@Nullable String username) {
      this.username = username;
      return this;
    }

    /**
     * Sets {@code password}, or clears it with {@code null}.
     *
     * @param password the etcd user's password, or {@code null} for none
     * @return this builder
     */
    public Builder password(@Nullable String password) {
      this.password = password;
      return this;
    }

    /**
     * Sets {@code allow_reconnect}.
     *
     * @param allowReconnect whether to move to other endpoints on failure
     * @return this builder
     */
    public Builder allowReconnect(boolean allowReconnect) {
      this.allowReconnect = allowReconnect;
      return this;
    }

    /**
     * Sets {@code use_proxies}.
     *
     * @param useProxies whether the endpoints are proxies
     * @return this builder
     */
    public Builder useProxies(boolean useProxies) {
      this.useProxies = useProxies;
      return this;
    }

    /**
     * Sets {@code expected_cluster_id}, or clears it with {@code null}.
     *
     * @param expectedClusterId the cluster id in hexadecimal ({@code cdf818194e3a8c32} or {@code
     *     0xcdf818194e3a8c32}) or decimal ({@code 14841639068965178418}), or {@code null} to learn
     *     it from the first answer
     * @return this builder
     */
    public Builder expectedClusterId(@Nullable String expectedClusterId) {
      this.expectedClusterId = expectedClusterId;
      return this;
    }

    /**
     * Sets {@code per_host_pool_size}, at least 1.
     *
     * @param perHostPoolSize connections and requests in flight per host, at least 1
     * @return this builder
     */
    public Builder perHostPoolSize(int perHostPoolSize) {
      this.perHostPoolSize = perHostPoolSize;
      return this;
    }

    /**
     * Makes every read a quorum read ({@code quorum=true}), whatever its {@code ReadOptions}; see
     * {@link EtcdSettings#quorumReads()}.
     *
     * @param quorumReads whether every read goes through the raft leader
     * @return this builder
     */
    public Builder quorumReads(boolean quorumReads) {
      this.quorumReads = quorumReads;
      return this;
    }

    /**
     * Sets the total time a call may spend retrying, positive; see {@link
     * EtcdSettings#retryDeadline()}.
     *
     * @param retryDeadline the total time a call may spend retrying, positive
     * @return this builder
     */
    public Builder retryDeadline(Duration retryDeadline) {
      this.retryDeadline = requireNonNull(retryDeadline, "retryDeadline == null");
      return this;
    }

    /**
     * Sets the DNS server ({@code host:port}, such as {@code 127.0.0.1:5353}) asked for {@code
     * srv_domain}'s records and host addresses, or {@code null} for the system's resolvers; see
     * {@link EtcdSettings#dnsResolver()}.
     *
     * @param dnsResolver the DNS server as {@code host:port}, or {@code null} for the system's
     *     resolvers
     * @return this builder
     */
    public Builder dnsResolver(@Nullable String dnsResolver) {
      this.dnsResolver = dnsResolver;
      return this;
    }

    /**
     * Sets {@code api}: which etcd API to speak. {@code version_prefix}, unless set, follows it
     * ({@code /v2} or {@code /v3}).
     *
     * @param api {@link Api#V2} (the default) or {@link Api#V3}
     * @return this builder
     */
    public Builder api(Api api) {
      this.api = requireNonNull(api, "api == null");
      return this;
    }

    /**
     * Sets {@code key_prefix}: on the v3 API, the text put before every key.
     *
     * @param keyPrefix the namespace, such as {@code /tenant1}, or {@code ""} for none
     * @return this builder
     */
    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = requireNonNull(keyPrefix, "keyPrefix == null");
      return this;
    }

    /**
     * Sets {@code max_txn_ops}: the most operations etcd takes on one side of a txn (its {@code
     * --max-txn-ops}).
     *
     * @param maxTxnOps at least 1; default 128
     * @return this builder
     */
    public Builder maxTxnOps(int maxTxnOps) {
      this.maxTxnOps = maxTxnOps;
      return this;
    }

    /**
     * Sets {@code max_request_bytes}: the largest request etcd takes (its {@code
     * --max-request-bytes}).
     *
     * @param maxRequestBytes at least 1; default 1572864 (1.5 MiB)
     * @return this builder
     */
    public Builder maxRequestBytes(int maxRequestBytes) {
      this.maxRequestBytes = maxRequestBytes;
      return this;
    }

    /**
     * Sets the option named as in {@code middleware.conf} from its text; an empty text clears an
     * optional option.
     *
     * @param name the option name, such as {@code read_timeout}
     * @param text the option text; empty clears an optional option
     * @return this builder
     * @throws IllegalArgumentException naming the option when the name is unknown or the text does
     *     not parse
     */
    public Builder option(String name, String text) {
      SettingsOption.set(this, name, text);
      return this;
    }

    /**
     * Checks the options and returns the settings.
     *
     * @return the settings
     * @throws IllegalArgumentException naming every invalid option
     */
    public EtcdSettings build() {
      List<Problem> problems = problems();
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(
            problems.stream().map(Problem::message).collect(Collectors.joining("; ")));
      }
      keyPrefix = withoutTrailingSlash(keyPrefix);
      Endpoint.Hosts hosts = Endpoint.withoutSchemes(host);
      host = hosts.hosts();
      if (hosts.scheme() != null) {
        protocol = hosts.scheme();
      }
      return new EtcdSettings(this);
    }

    /**
     * {@return {@code prefix} without its trailing slash: {@code /ten/} and {@code /ten} are one}
     */
    private static String withoutTrailingSlash(String prefix) {
      return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    /**
     * Sets what {@link EtcdSettings#filesNote()} says; the copy of {@link #newBuilder} has none.
     */
    Builder filesNote(@Nullable String note) {
      this.filesNote = note;
      return this;
    }

    /** {@return every reason the options cannot be built, in the order of the options} */
    List<Problem> problems() {
      List<Problem> problems = new ArrayList<>();
      String shownHost = Endpoint.withoutUserInfo(host);
      String hint =
          shownHost.equals(host)
              ? ""
              : ", without user:password@ (set username and password instead)";
      boolean portValid = port >= 1 && port <= 65535;
      if (!portValid) {
        problems.add(new Problem("port", "port must be 1..65535 but was " + port));
      }
      Endpoint.Hosts hosts;
      try {
        hosts = Endpoint.withoutSchemes(host);
      } catch (IllegalArgumentException e) {
        problems.add(new Problem("host", e.getMessage()));
        hosts = null;
      }
      String scheme = hosts == null || hosts.scheme() == null ? protocol : hosts.scheme();
      if (hosts != null && "http".equals(hosts.scheme()) && protocol.equals("https")) {
        problems.add(
            new Problem(
                "host",
                "host gives http:// endpoints ('"
                    + shownHost
                    + "') but protocol is"
                    + " https; give https:// URLs, or set protocol = http"));
      }
      List<String> endpoints = hosts == null ? List.of() : Endpoint.list(hosts.hosts(), port);
      for (String endpoint : portValid ? endpoints : List.<String>of()) {
        if (!Endpoint.isHostPort(endpoint)) {
          problems.add(
              new Problem(
                  "host",
                  endpoints.size() == 1
                      ? "host must be a host name or address"
                          + hint
                          + " but was '"
                          + shownHost
                          + "'"
                      : "host must list host or host:port items separated by commas"
                          + hint
                          + ", but '"
                          + shownHost
                          + "' has '"
                          + Endpoint.withoutUserInfo(endpoint)
                          + "'"));
          break;
        }
      }
      if (endpoints.size() > 1 && !allowReconnect) {
        problems.add(
            new Problem(
                "host",
                "host lists several endpoints ('"
                    + shownHost
                    + "') but allow_reconnect is off; set allow_reconnect = True to use them all, or give one endpoint"));
      }
      if (srvDomain != null && srvDomain.isBlank()) {
        problems.add(new Problem("srv_domain", "srv_domain must not be blank"));
      }
      if (versionPrefix != null
          && (!versionPrefix.startsWith("/")
              || versionPrefix.endsWith("/") && versionPrefix.length() > 1)) {
        problems.add(
            new Problem(
                "version_prefix",
                "version_prefix must start with '/' and not end with one, like /v2, but was '"
                    + versionPrefix
                    + "'"));
      }
      if (keyPrefix.contains("//")) {
        problems.add(
            new Problem(
                "key_prefix",
                "key_prefix '"
                    + keyPrefix
                    + "' has an empty segment (two slashes in a row); write it as "
                    + withoutTrailingSlash(keyPrefix.replaceAll("/{2,}", "/"))));
      }
      if (maxTxnOps < 1) {
        problems.add(
            new Problem("max_txn_ops", "max_txn_ops must be at least 1 but was " + maxTxnOps));
      }
      if (maxRequestBytes < 1) {
        problems.add(
            new Problem(
                "max_request_bytes",
                "max_request_bytes must be at least 1 but was " + maxRequestBytes));
      }
      if (readTimeout.isNegative()) {
        problems.add(
            new Problem(
                "read_timeout",
                "read_timeout must be 0 (none) or positive but was " + readTimeout));
      } else if (readTimeout.compareTo(MAX_READ_TIMEOUT) > 0) {
        problems.add(
            new Problem(
                "read_timeout",
                "read_timeout must be at most "
                    + MAX_READ_TIMEOUT.toSeconds()
                    + " seconds (one day), or 0 for none, but was "
                    + readTimeout.toSeconds()
                    + " seconds"));
      }
      if (!scheme.equals("http") && !scheme.equals("https")) {
        problems.add(
            new Problem("protocol", "protocol must be http or https but was '" + protocol + "'"));
      } else if (scheme.equals("http") && (cert != null || caCert != null)) {
        problems.add(
            new Problem(
                cert != null ? "cert" : "ca_cert",
                "cert and ca_cert need protocol https, but protocol is http"));
      }
      checkCredential(problems, "username", username);
      checkCredential(problems, "password", password);
      if (expectedClusterId != null) {
        try {
          ClusterIds.fromSetting(expectedClusterId);
        } catch (IllegalArgumentException e) {
          problems.add(new Problem("expected_cluster_id", e.getMessage()));
        }
      }
      if (perHostPoolSize < 1) {
        problems.add(
            new Problem(
                "per_host_pool_size",
                "per_host_pool_size must be at least 1 but was " + perHostPoolSize));
      }
      if (retryDeadline.isNegative() || retryDeadline.isZero()) {
        problems.add(
            new Problem(
                "retry_deadline", "retryDeadline must be positive but was " + retryDeadline));
      }
      if (dnsResolver != null && !Endpoint.isHostPort(dnsResolver)) {
        problems.add(
            new Problem(
                "dns_resolver",
                "dnsResolver must be host:port, like 127.0.0.1:53, but was '" + dnsResolver + "'"));
      }
      return problems;
    }

    private static void checkCredential(
        List<Problem> problems, String name, @Nullable String value) {
      if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
        problems.add(new Problem(name, name + " must not contain CR or LF"));
      }
    }
  }
}
