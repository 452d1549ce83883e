package link.etcd;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import link.etcd.conf.ConfDriver;
import link.etcd.conf.Configuration;
import link.etcd.conf.IniConfDriver;
import link.etcd.internal.HostList;
import org.jspecify.annotations.Nullable;

/**
 * How to reach etcd: every option of the seed's {@code middleware.conf}, with its defaults.
 * Immutable; make one with {@link #builder()}, or read {@code middleware.conf} with {@link
 * #load()}. One table of rules checks every option, naming it as {@code middleware.conf} does.
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
 *
 * @param host {@code host}: the etcd host name or address, or a comma-separated list of endpoints
 *     ({@code h1:p1,h2:p2}). Default {@code localhost}.
 * @param port {@code port}: etcd's client port. Default {@code 4001} (etcd 3 listens on 2379 by
 *     default).
 * @param srvDomain {@code srv_domain}: the DNS domain whose SRV records list the cluster, or {@code
 *     null}
 * @param api {@code api}: which etcd API to speak, {@code v2} (the default) or {@code v3}
 * @param versionPrefix {@code version_prefix}: the path of the API. Default {@code /v2}, or {@code
 *     /v3} with {@code api = v3}.
 * @param keyPrefix {@code key_prefix}: on the v3 API, the text put before every key (a namespace,
 *     such as {@code /tenant1}), taken off again when keys are read. Default {@code ""}. The v2 API
 *     does not use it. Built without a trailing slash ({@code /tenant1/} is {@code /tenant1},
 *     {@code /} is no prefix); one with an empty segment ({@code /a//b}) is refused. A prefix
 *     nested in another ({@code /tenant1/b} in {@code /tenant1}) is the subtree {@code /b} of the
 *     outer one.
 * @param maxTxnOps {@code max_txn_ops}: the most operations etcd takes on one side of a v3 txn (its
 *     {@code --max-txn-ops}). Default 128. Set it to match the server; the API cannot tell it.
 * @param maxRequestBytes {@code max_request_bytes}: the largest v3 request etcd takes (its {@code
 *     --max-request-bytes}, counting raw key and value bytes). Default 1572864 (1.5 MiB). Set it to
 *     match the server.
 * @param readTimeout {@code read_timeout}: how long to wait for an answer; {@link Duration#ZERO}
 *     waits forever. Default 60 seconds.
 * @param allowRedirect {@code allow_redirect}: whether to follow redirects etcd sends. Default
 *     {@code true}.
 * @param protocol {@code protocol}: {@code http} (the default) or {@code https}
 * @param cert {@code cert}: the client certificate (PEM file, or {@code cert,key}), or {@code null}
 * @param caCert {@code ca_cert}: the CA certificate to trust (PEM file), or {@code null} for the
 *     JVM's
 * @param username {@code username} for etcd's auth (v2: HTTP basic auth; v3: a token got with it),
 *     or {@code null}
 * @param password {@code password} for etcd's auth, or {@code null}. Never printed by {@link
 *     #toString()}.
 * @param allowReconnect {@code allow_reconnect}: whether to move to other endpoints on failure,
 *     retrying what is safe to retry (see docs/operations.md), and to learn the cluster's members
 *     from {@code /v2/members} (v3: {@code /v3/cluster/member/list}). Required when {@code host}
 *     lists several endpoints. Default false: one endpoint, no retries.
 * @param useProxies {@code use_proxies}: whether the endpoints are proxies. When true, only the
 *     configured endpoints are used (the members etcd lists are not learned), and the JVM's HTTP
 *     proxy settings apply. Default {@code false}: learn the members and connect directly.
 * @param expectedClusterId {@code expected_cluster_id}: the id of the cluster every endpoint must
 *     belong to, or {@code null} to accept the first one seen and then hold to it. Given in
 *     hexadecimal as etcdctl prints it and v2's {@code X-Etcd-Cluster-Id} carries it ({@code
 *     cdf818194e3a8c32}, or with {@code 0x}), or in decimal as the v3 gateway's {@code
 *     header.cluster_id} carries it ({@code 14841639068965178418}); returned as given.
 * @param perHostPoolSize {@code per_host_pool_size}: connections kept and requests in flight per
 *     host. Default 10.
 * @param quorumReads whether every read is a quorum read ({@code quorum=true}: it goes through the
 *     raft leader and sees every acknowledged write), including the reads of {@code
 *     EtcdMiddleware}. Not a {@code middleware.conf} option. Default false: a read's {@code
 *     ReadOptions.quorum()} decides. On v3, false makes plain reads {@code serializable} (answered
 *     from the member's own copy) and true linearizable; see {@code EtcdV3Client.rangeDefaults()}.
 * @param retryDeadline how long, in all, a call may spend retrying on other endpoints with {@code
 *     allow_reconnect}; an attempt started before it runs to its end ({@code read_timeout}). Not a
 *     {@code middleware.conf} option. Default 10 seconds.
 * @param dnsResolver the DNS server ({@code host:port}) asked for the SRV records of {@code
 *     srv_domain} and for the addresses of host names (a name it does not know goes to the system's
 *     resolvers), or {@code null} for the system's resolvers. Not a {@code middleware.conf} option.
 */
public record EtcdSettings(
    String host,
    int port,
    @Nullable String srvDomain,
    EtcdSettings.Api api,
    String versionPrefix,
    String keyPrefix,
    int maxTxnOps,
    int maxRequestBytes,
    Duration readTimeout,
    boolean allowRedirect,
    String protocol,
    @Nullable String cert,
    @Nullable String caCert,
    @Nullable String username,
    @Nullable String password,
    boolean allowReconnect,
    boolean useProxies,
    @Nullable String expectedClusterId,
    int perHostPoolSize,
    boolean quorumReads,
    Duration retryDeadline,
    @Nullable String dnsResolver) {
  /**
   * The configuration path of the middleware's settings, looked up under each configuration
   * directory.
   */
  public static final String CONF_PATH = "link/etcd/middleware.conf";

  /** The INI section holding the settings. */
  public static final String CONF_CATEGORY = "ETCD";

  private static final EtcdSettings DEFAULTS = new Builder().build();

  /** The etcd API a client speaks, set by the {@code api} option; never switched by itself. */
  public enum Api {
    /** The v2 keys API ({@code /v2/keys}): etcd 3.4 and 3.5 started with --enable-v2. */
    V2,
    /** The v3 API over etcd's gRPC: etcd 3.4 and later, the only API from 3.6 on. */
    V3
  }

  /**
   * Checks every option by the rules {@link Builder#build()} follows (it calls this), and takes the
   * schemes off endpoint URLs in {@code host}: their scheme sets {@code protocol}.
   *
   * @param host see {@link #host()}
   * @param port see {@link #port()}
   * @param srvDomain see {@link #srvDomain()}
   * @param api see {@link #api()}
   * @param versionPrefix see {@link #versionPrefix()}
   * @param keyPrefix see {@link #keyPrefix()}
   * @param maxTxnOps see {@link #maxTxnOps()}
   * @param maxRequestBytes see {@link #maxRequestBytes()}
   * @param readTimeout see {@link #readTimeout()}
   * @param allowRedirect see {@link #allowRedirect()}
   * @param protocol see {@link #protocol()}
   * @param cert see {@link #cert()}
   * @param caCert see {@link #caCert()}
   * @param username see {@link #username()}
   * @param password see {@link #password()}
   * @param allowReconnect see {@link #allowReconnect()}
   * @param useProxies see {@link #useProxies()}
   * @param expectedClusterId see {@link #expectedClusterId()}
   * @param perHostPoolSize see {@link #perHostPoolSize()}
   * @param quorumReads see {@link #quorumReads()}
   * @param retryDeadline see {@link #retryDeadline()}
   * @param dnsResolver see {@link #dnsResolver()}
   * @throws IllegalArgumentException naming every invalid option
   */
  public EtcdSettings {
    Builder given =
        new Builder()
            .host(host)
            .port(port)
            .srvDomain(srvDomain)
            .api(api)
            .versionPrefix(versionPrefix)
            .keyPrefix(keyPrefix)
            .maxTxnOps(maxTxnOps)
            .maxRequestBytes(maxRequestBytes)
            .readTimeout(readTimeout)
            .allowRedirect(allowRedirect)
            .protocol(protocol)
            .cert(cert)
            .caCert(caCert)
            .username(username)
            .password(password)
            .allowReconnect(allowReconnect)
            .useProxies(useProxies)
            .expectedClusterId(expectedClusterId)
            .perHostPoolSize(perHostPoolSize)
            .quorumReads(quorumReads)
            .retryDeadline(retryDeadline)
            .dnsResolver(dnsResolver);
    List<Problem> problems = given.problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          problems.stream().map(Problem::message).collect(Collectors.joining("; ")));
    }
    keyPrefix = SettingsRule.withoutTrailingSlash(keyPrefix);
    HostList.Hosts hosts = HostList.withoutSchemes(host);
    host = hosts.hosts();
    if (hosts.scheme() != null) {
      protocol = hosts.scheme();
    }
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
    return SettingsRule.FILE_OPTIONS;
  }

  /** {@return a builder holding these settings} */
  public Builder newBuilder() {
    Builder builder = new Builder();
    builder.copy(this);
    return builder;
  }

  /**
   * {@return these settings as the {@code [ETCD]} category of a {@code middleware.conf}, without
   * the password}
   */
  public Configuration toConfiguration() {
    Configuration conf = Configuration.empty();
    for (SettingsRule rule : SettingsRule.ALL) {
      String text = rule.conf().apply(this);
      conf = text == null ? conf : conf.with(CONF_CATEGORY, rule.name(), text);
    }
    return conf;
  }

  /**
   * {@return the endpoints listed by {@code host}, each as {@code host:port}: an item without a
   * port takes {@link #port()}} One item unless {@code host} lists several.
   */
  public List<String> endpoints() {
    return HostList.list(host, port);
  }

  @Override
  public String toString() {
    return SettingsRule.ALL.stream()
        .map(rule -> rule.name() + "=" + rule.shown().apply(this))
        .collect(Collectors.joining(", ", "EtcdSettings{", "}"));
  }

  /**
   * {@return which {@code middleware.conf} files {@link #load} read and what it ignored, when no
   * file gave an option or something meant for these settings was ignored, else {@code null}} Not
   * part of the value: only the very instance {@link #load} returned has it.
   */
  @Nullable String filesNote() {
    return SettingsFilesNote.of(this);
  }

  /** A reason {@link Builder#build()} refuses the options, and the option it is about. */
  record Problem(String option, String message) {}

  /**
   * Builds {@link EtcdSettings}; every option starts at its default, and {@link #build()} checks
   * them.
   */
  public static final class Builder extends SettingsDraft {
    private Builder() {}

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
      SettingsRule.set(this, name, text);
      return this;
    }

    /**
     * Checks the options and returns the settings.
     *
     * @return the settings
     * @throws IllegalArgumentException naming every invalid option
     */
    public EtcdSettings build() {
      return settings();
    }
  }
}
