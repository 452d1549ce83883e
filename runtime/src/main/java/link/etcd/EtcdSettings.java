package link.etcd;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import link.etcd.conf.Category;
import link.etcd.conf.ConfDriver;
import link.etcd.conf.Configuration;
import link.etcd.conf.IniConfDriver;
import link.etcd.conf.Parameter;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * How to reach etcd: every option of the seed's {@code middleware.conf}, with its defaults. Immutable; make one
 * with {@link #builder()}, or read {@code middleware.conf} with {@link #load()}.
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
  /** The configuration path of the middleware's settings, looked up under each configuration directory. */
  public static final String CONF_PATH = "link/etcd/middleware.conf";

  /** The INI section holding the settings. */
  public static final String CONF_CATEGORY = "ETCD";

  private static final EtcdSettings DEFAULTS = new Builder().build();

  /** Which etcd API a client speaks, chosen by the {@code api} option; the library never switches by itself. */
  public enum Api {
    /** The v2 keys API ({@code /v2/keys}): etcd 3.4 and 3.5 started with {@code --enable-v2=true}. */
    V2,
    /** The v3 API through etcd's JSON gateway ({@code /v3/...}): etcd 3.4 and later. */
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

  private EtcdSettings(Builder builder) {
    this.host = builder.host;
    this.port = builder.port;
    this.srvDomain = builder.srvDomain;
    this.api = builder.api;
    this.versionPrefix = builder.versionPrefix != null ? builder.versionPrefix : defaultVersionPrefix(builder.api);
    this.keyPrefix = builder.keyPrefix;
    this.maxTxnOps = builder.maxTxnOps;
    this.maxRequestBytes = builder.maxRequestBytes;
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

  /** {@return the seed's defaults: {@code http://localhost:4001/v2}, 60 s read timeout, pool of 10} */
  public static EtcdSettings defaults() {
    return DEFAULTS;
  }

  /**
   * Reads {@code link/etcd/middleware.conf} from {@code /etc}, then {@code ~/.config}, then
   * {@code $B3J0F_CONF_DIR}, each file's options overriding the earlier ones, over the defaults. Missing files are
   * skipped.
   *
   * @return the settings read, or the defaults when no file exists
   * @throws IllegalArgumentException naming the file and option when a value is invalid or an option unknown
   */
  public static EtcdSettings load() {
    return load(IniConfDriver.standard());
  }

  /**
   * Reads the settings from the {@link #CONF_CATEGORY} category of every resource {@code driver} lists for
   * {@link #CONF_PATH}, later resources overriding earlier ones, over the defaults.
   *
   * @param driver where the configuration resources are read from
   * @return the settings read, or the defaults when no resource holds the category
   * @throws IllegalArgumentException naming the resource and option when a value is invalid or an option unknown
   */
  public static EtcdSettings load(ConfDriver driver) {
    Builder builder = builder();
    for (String resource : driver.resourcePaths(CONF_PATH)) {
      Optional<Category> etcd = driver.load(resource).flatMap(conf -> conf.category(CONF_CATEGORY));
      if (etcd.isEmpty()) {
        continue;
      }
      for (Parameter parameter : etcd.get().parameters()) {
        try {
          String value = parameter.value();
          if (value == null) {
            throw new IllegalArgumentException(
                "Option '" + parameter.name() + "' takes one value, not list items " + parameter.name() + "/1, ...");
          }
          builder.option(parameter.name(), value);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(resource + ": [" + CONF_CATEGORY + "] " + e.getMessage(), e);
        }
      }
      try {
        builder.build();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(resource + ": [" + CONF_CATEGORY + "] " + e.getMessage(), e);
      }
    }
    return builder.build();
  }

  /** {@return a builder holding these settings} */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** {@return these settings as the {@code [ETCD]} category of a {@code middleware.conf}, without the password} */
  public Configuration toConfiguration() {
    Configuration conf = Configuration.empty()
        .with(CONF_CATEGORY, "host", host)
        .with(CONF_CATEGORY, "port", Integer.toString(port));
    if (srvDomain != null) {
      conf = conf.with(CONF_CATEGORY, "srv_domain", srvDomain);
    }
    conf = conf.with(CONF_CATEGORY, "api", api.name().toLowerCase(Locale.ROOT))
        .with(CONF_CATEGORY, "version_prefix", versionPrefix);
    if (!keyPrefix.isEmpty()) {
      conf = conf.with(CONF_CATEGORY, "key_prefix", keyPrefix);
    }
    conf = conf.with(CONF_CATEGORY, "max_txn_ops", Integer.toString(maxTxnOps))
        .with(CONF_CATEGORY, "max_request_bytes", Integer.toString(maxRequestBytes))
        .with(CONF_CATEGORY, "read_timeout", Long.toString(readTimeout.toSeconds()))
        .with(CONF_CATEGORY, "allow_redirect", pythonBoolean(allowRedirect))
        .with(CONF_CATEGORY, "protocol", protocol);
    if (cert != null) {
      conf = conf.with(CONF_CATEGORY, "cert", cert);
    }
    if (caCert != null) {
      conf = conf.with(CONF_CATEGORY, "ca_cert", caCert);
    }
    if (username != null) {
      conf = conf.with(CONF_CATEGORY, "username", username);
    }
    conf = conf.with(CONF_CATEGORY, "allow_reconnect", pythonBoolean(allowReconnect))
        .with(CONF_CATEGORY, "use_proxies", pythonBoolean(useProxies));
    if (expectedClusterId != null) {
      conf = conf.with(CONF_CATEGORY, "expected_cluster_id", expectedClusterId);
    }
    return conf.with(CONF_CATEGORY, "per_host_pool_size", Integer.toString(perHostPoolSize));
  }

  private static String pythonBoolean(boolean value) {
    return value ? "True" : "False";
  }

  /**
   * {@return {@code host}: the etcd host name or address, or a comma-separated list of endpoints
   * ({@code h1:p1,h2:p2})} Default {@code localhost}.
   */
  public String host() {
    return host;
  }

  /**
   * {@return the endpoints listed by {@code host}, each as {@code host:port}: an item without a port takes
   * {@link #port()}} One item unless {@code host} lists several.
   */
  public List<String> endpoints() {
    return endpoints(host, port);
  }

  private static List<String> endpoints(String host, int port) {
    List<String> endpoints = new ArrayList<>();
    for (String item : host.split(",", -1)) {
      String endpoint = item.strip();
      boolean hasPort = endpoint.startsWith("[") ? endpoint.contains("]:") : endpoint.indexOf(':') >= 0;
      endpoints.add(hasPort ? endpoint : endpoint + ":" + port);
    }
    return List.copyOf(endpoints);
  }

  /** {@return {@code port}: etcd's client port} Default {@code 4001} (etcd 3 listens on 2379 by default). */
  public int port() {
    return port;
  }

  /** {@return {@code srv_domain}: the DNS domain whose SRV records list the cluster, or {@code null}} */
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

  /** {@return {@code version_prefix}: the path of the API} Default {@code /v2}, or {@code /v3} with {@code api = v3}. */
  public String versionPrefix() {
    return versionPrefix;
  }

  /**
   * {@return {@code key_prefix}: on the v3 API, the text put before every key (a namespace, such as
   * {@code /tenant1}), taken off again when keys are read} Default {@code ""}. The v2 API does not use it.
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
   * {@return {@code max_request_bytes}: the largest v3 request etcd takes (its {@code --max-request-bytes},
   * counting raw key and value bytes)} Default 1572864 (1.5 MiB). Set it to match the server.
   */
  public int maxRequestBytes() {
    return maxRequestBytes;
  }

  /** {@return {@code read_timeout}: how long to wait for an answer; {@link Duration#ZERO} waits forever} */
  public Duration readTimeout() {
    return readTimeout;
  }

  /** {@return {@code allow_redirect}: whether to follow redirects etcd sends} Default {@code true}. */
  public boolean allowRedirect() {
    return allowRedirect;
  }

  /** {@return {@code protocol}: {@code http} (the default) or {@code https}} */
  public String protocol() {
    return protocol;
  }

  /** {@return {@code cert}: the client certificate (PEM file, or {@code cert,key}), or {@code null}} */
  public @Nullable String cert() {
    return cert;
  }

  /** {@return {@code ca_cert}: the CA certificate to trust (PEM file), or {@code null} for the JVM's} */
  public @Nullable String caCert() {
    return caCert;
  }

  /** {@return {@code username} for etcd's basic auth, or {@code null}} */
  public @Nullable String username() {
    return username;
  }

  /** {@return {@code password} for etcd's basic auth, or {@code null}} Never printed by {@link #toString()}. */
  public @Nullable String password() {
    return password;
  }

  /**
   * {@return {@code allow_reconnect}: whether to move to other endpoints on failure, retrying what is safe to
   * retry (see docs/operations.md), and to learn the cluster's members from {@code /v2/members}} Required when
   * {@code host} lists several endpoints. Default false: one endpoint, no retries.
   */
  public boolean allowReconnect() {
    return allowReconnect;
  }

  /**
   * {@return {@code use_proxies}: whether the endpoints are proxies} When true, only the configured endpoints are
   * used (the members etcd lists are not learned), and the JVM's HTTP proxy settings apply. Default
   * {@code false}: learn the members and connect directly.
   */
  public boolean useProxies() {
    return useProxies;
  }

  /**
   * {@return {@code expected_cluster_id}: the cluster id ({@code X-Etcd-Cluster-Id}) every answer must carry, or
   * {@code null} to accept the first one seen and then hold to it}
   */
  public @Nullable String expectedClusterId() {
    return expectedClusterId;
  }

  /** {@return {@code per_host_pool_size}: connections kept and requests in flight per host} Default 10. */
  public int perHostPoolSize() {
    return perHostPoolSize;
  }

  /**
   * {@return whether every read is a quorum read ({@code quorum=true}: it goes through the raft leader and sees
   * every acknowledged write), including the reads of {@code EtcdMiddleware}} Not a {@code middleware.conf}
   * option. Default false: a read's {@code ReadOptions.quorum()} decides.
   */
  public boolean quorumReads() {
    return quorumReads;
  }

  /**
   * {@return how long, in all, a call may spend retrying on other endpoints with {@code allow_reconnect}; an
   * attempt started before it runs to its end ({@code read_timeout})} Not a {@code middleware.conf} option.
   * Default 10 seconds.
   */
  public Duration retryDeadline() {
    return retryDeadline;
  }

  /**
   * {@return the DNS server ({@code host:port}) asked for the SRV records of {@code srv_domain} and for the
   * addresses of host names (a name it does not know goes to the system's resolvers), or {@code null} for the
   * system's resolvers} Not a {@code middleware.conf} option.
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
    return Objects.hash(host, port, srvDomain, versionPrefix, readTimeout, allowRedirect, protocol, cert, caCert,
        username, password, allowReconnect, useProxies, expectedClusterId, perHostPoolSize, quorumReads,
        retryDeadline, dnsResolver, api, keyPrefix, maxTxnOps, maxRequestBytes);
  }

  @Override
  public String toString() {
    return "EtcdSettings{host=" + host
        + ", port=" + port
        + ", srv_domain=" + srvDomain
        + ", api=" + api.name().toLowerCase(Locale.ROOT)
        + ", version_prefix=" + versionPrefix
        + ", key_prefix=" + keyPrefix
        + ", max_txn_ops=" + maxTxnOps
        + ", max_request_bytes=" + maxRequestBytes
        + ", read_timeout=" + readTimeout.toSeconds()
        + ", allow_redirect=" + allowRedirect
        + ", protocol=" + protocol
        + ", cert=" + cert
        + ", ca_cert=" + caCert
        + ", username=" + username
        + ", password=" + (password == null ? "null" : "██")
        + ", allow_reconnect=" + allowReconnect
        + ", use_proxies=" + useProxies
        + ", expected_cluster_id=" + expectedClusterId
        + ", per_host_pool_size=" + perHostPoolSize
        + ", quorum_reads=" + quorumReads
        + ", retry_deadline=" + retryDeadline.toMillis() + "ms"
        + ", dns_resolver=" + dnsResolver
        + "}";
  }

  /** Builds {@link EtcdSettings}; every option starts at its default, and {@link #build()} checks them. */
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

    private Builder() {}

    private Builder(EtcdSettings settings) {
      host = settings.host;
      port = settings.port;
      srvDomain = settings.srvDomain;
      api = settings.api;
      versionPrefix = settings.versionPrefix.equals(defaultVersionPrefix(settings.api)) ? null : settings.versionPrefix;
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
     * Sets {@code host}: a host name or address, or endpoints separated by commas ({@code h1:p1,h2:p2}). An
     * endpoint may be a URL ({@code http://h:2379}, {@code https://h:2379}, as etcd prints them): its scheme sets
     * {@code protocol}.
     *
     * @param host the host name or address, or a comma-separated list of endpoints
     * @return this builder
     */
    public Builder host(String host) {
      this.host = requireNonNull(host, "host == null");
      return this;
    }

    /**
     * Sets {@code host} to these endpoints, each {@code host} or {@code host:port} (an IPv6 address in brackets)
     * or a URL ({@code https://host:port}, whose scheme sets {@code protocol}); an endpoint without a port takes
     * {@code port}. Several endpoints need {@code allow_reconnect}.
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
     * @param username the basic auth user, or {@code null} for none
     * @return this builder
     */
    public Builder username(@Nullable String username) {
      this.username = username;
      return this;
    }

    /**
     * Sets {@code password}, or clears it with {@code null}.
     *
     * @param password the basic auth password, or {@code null} for none
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
     * @param expectedClusterId the cluster id every answer must carry, or {@code null} to learn it from the first
     *     answer
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
     * Sets the total time a call may spend retrying, positive; see {@link EtcdSettings#retryDeadline()}.
     *
     * @param retryDeadline the total time a call may spend retrying, positive
     * @return this builder
     */
    public Builder retryDeadline(Duration retryDeadline) {
      this.retryDeadline = requireNonNull(retryDeadline, "retryDeadline == null");
      return this;
    }

    /**
     * Sets the DNS server ({@code host:port}, such as {@code 127.0.0.1:5353}) asked for {@code srv_domain}'s
     * records and host addresses, or {@code null} for the system's resolvers; see
     * {@link EtcdSettings#dnsResolver()}.
     *
     * @param dnsResolver the DNS server as {@code host:port}, or {@code null} for the system's resolvers
     * @return this builder
     */
    public Builder dnsResolver(@Nullable String dnsResolver) {
      this.dnsResolver = dnsResolver;
      return this;
    }

    /**
     * Sets {@code api}: which etcd API to speak. {@code version_prefix}, unless set, follows it ({@code /v2} or
     * {@code /v3}).
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
     * Sets {@code max_txn_ops}: the most operations etcd takes on one side of a txn (its {@code --max-txn-ops}).
     *
     * @param maxTxnOps at least 1; default 128
     * @return this builder
     */
    public Builder maxTxnOps(int maxTxnOps) {
      this.maxTxnOps = maxTxnOps;
      return this;
    }

    /**
     * Sets {@code max_request_bytes}: the largest request etcd takes (its {@code --max-request-bytes}).
     *
     * @param maxRequestBytes at least 1; default 1572864 (1.5 MiB)
     * @return this builder
     */
    public Builder maxRequestBytes(int maxRequestBytes) {
      this.maxRequestBytes = maxRequestBytes;
      return this;
    }

    /**
     * Sets the option named as in {@code middleware.conf} from its text; an empty text clears an optional
     * option.
     *
     * @param name the option name, such as {@code read_timeout}
     * @param text the option text; empty clears an optional option
     * @return this builder
     * @throws IllegalArgumentException naming the option when the name is unknown or the text does not parse
     */
    public Builder option(String name, String text) {
      String value = text.strip();
      switch (name) {
        case "host" -> host(value);
        case "port" -> port(parseInt(name, value));
        case "srv_domain" -> srvDomain(emptyToNull(value));
        case "api" -> api(parseApi(value));
        case "version_prefix" -> versionPrefix(value);
        case "key_prefix" -> keyPrefix(value);
        case "max_txn_ops" -> maxTxnOps(parseInt(name, value));
        case "max_request_bytes" -> maxRequestBytes(parseInt(name, value));
        case "read_timeout" -> readTimeout(Duration.ofSeconds(parseInt(name, value)));
        case "allow_redirect" -> allowRedirect(parseBoolean(name, value));
        case "protocol" -> protocol(value);
        case "cert" -> cert(emptyToNull(value));
        case "ca_cert" -> caCert(emptyToNull(value));
        case "username" -> username(emptyToNull(value));
        case "password" -> password(emptyToNull(value));
        case "allow_reconnect" -> allowReconnect(parseBoolean(name, value));
        case "use_proxies" -> useProxies(parseBoolean(name, value));
        case "expected_cluster_id" -> expectedClusterId(emptyToNull(value));
        case "per_host_pool_size" -> perHostPoolSize(parseInt(name, value));
        default -> throw new IllegalArgumentException("unknown option '" + name + "'; the options are host, port,"
            + " srv_domain, api, version_prefix, key_prefix, max_txn_ops, max_request_bytes, read_timeout, allow_redirect, protocol, cert, ca_cert, username,"
            + " password, allow_reconnect, use_proxies, expected_cluster_id, per_host_pool_size");
      }
      return this;
    }

    private static Api parseApi(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "v2" -> Api.V2;
        case "v3" -> Api.V3;
        default -> throw new IllegalArgumentException("api must be v2 or v3 but was '" + value + "'");
      };
    }

    private static @Nullable String emptyToNull(String value) {
      return value.isEmpty() ? null : value;
    }

    private static int parseInt(String name, String value) {
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be an integer but was '" + value + "'", e);
      }
    }

    private static boolean parseBoolean(String name, String value) {
      switch (value.toLowerCase(Locale.ROOT)) {
        case "true", "1":
          return true;
        case "false", "0":
          return false;
        default:
          throw new IllegalArgumentException(name + " must be true, false, 1 or 0 but was '" + value + "'");
      }
    }

    /**
     * Checks the options and returns the settings.
     *
     * @return the settings
     * @throws IllegalArgumentException naming the first invalid option
     */
    public EtcdSettings build() {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be 1..65535 but was " + port);
      }
      takeSchemesOfEndpointUrls();
      List<String> endpoints = EtcdSettings.endpoints(host, port);
      for (String endpoint : endpoints) {
        if (!isHostPort(endpoint)) {
          throw new IllegalArgumentException(endpoints.size() == 1
              ? "host must be a host name or address but was '" + host + "'"
              : "host must list host or host:port items separated by commas, but '" + host + "' has '"
                  + endpoint + "'");
        }
      }
      if (endpoints.size() > 1 && !allowReconnect) {
        throw new IllegalArgumentException("host lists several endpoints ('" + host
            + "') but allow_reconnect is off; set allow_reconnect = True to use them all, or give one endpoint");
      }
      if (versionPrefix != null
          && (!versionPrefix.startsWith("/") || versionPrefix.endsWith("/") && versionPrefix.length() > 1)) {
        throw new IllegalArgumentException(
            "version_prefix must start with '/' and not end with one, like /v2, but was '" + versionPrefix + "'");
      }
      if (maxTxnOps < 1) {
        throw new IllegalArgumentException("max_txn_ops must be at least 1 but was " + maxTxnOps);
      }
      if (maxRequestBytes < 1) {
        throw new IllegalArgumentException("max_request_bytes must be at least 1 but was " + maxRequestBytes);
      }
      if (readTimeout.isNegative()) {
        throw new IllegalArgumentException("read_timeout must be 0 (none) or positive but was " + readTimeout);
      }
      if (!protocol.equals("http") && !protocol.equals("https")) {
        throw new IllegalArgumentException("protocol must be http or https but was '" + protocol + "'");
      }
      if (perHostPoolSize < 1) {
        throw new IllegalArgumentException("per_host_pool_size must be at least 1 but was " + perHostPoolSize);
      }
      if (protocol.equals("http") && (cert != null || caCert != null)) {
        throw new IllegalArgumentException("cert and ca_cert need protocol https, but protocol is http");
      }
      checkCredential("username", username);
      checkCredential("password", password);
      if (srvDomain != null && srvDomain.isBlank()) {
        throw new IllegalArgumentException("srv_domain must not be blank");
      }
      if (retryDeadline.isNegative() || retryDeadline.isZero()) {
        throw new IllegalArgumentException("retryDeadline must be positive but was " + retryDeadline);
      }
      if (dnsResolver != null && !isHostPort(dnsResolver)) {
        throw new IllegalArgumentException(
            "dnsResolver must be host:port, like 127.0.0.1:53, but was '" + dnsResolver + "'");
      }
      return new EtcdSettings(this);
    }

    /** Endpoints given as URLs ({@code https://h:2379/}) become {@code h:2379}, their scheme the protocol. */
    private void takeSchemesOfEndpointUrls() {
      String scheme = null;
      List<String> items = new ArrayList<>();
      for (String item : host.split(",", -1)) {
        String endpoint = item.strip();
        int separator = endpoint.indexOf("://");
        String itemScheme = separator < 0 ? null : endpoint.substring(0, separator).toLowerCase(Locale.ROOT);
        if (itemScheme != null) {
          if (!itemScheme.equals("http") && !itemScheme.equals("https")) {
            throw new IllegalArgumentException("host must give http:// or https:// URLs, but '" + host + "' has '"
                + endpoint + "'");
          }
          if (scheme != null && !scheme.equals(itemScheme)) {
            throw new IllegalArgumentException("host mixes http:// and https:// endpoints ('" + host
                + "'); every endpoint must use the same protocol");
          }
          scheme = itemScheme;
          endpoint = endpoint.substring(separator + 3);
          endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        }
        items.add(endpoint);
      }
      if (scheme == null) {
        return;
      }
      if (scheme.equals("http") && protocol.equals("https")) {
        throw new IllegalArgumentException("host gives http:// endpoints ('" + host + "') but protocol is https;"
            + " give https:// URLs, or set protocol = http");
      }
      protocol = scheme;
      host = String.join(",", items);
    }

    private static boolean isHostPort(String text) {
      if (text.isEmpty() || text.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/')) {
        return false;
      }
      HttpUrl url = HttpUrl.parse("http://" + text);
      return url != null && url.encodedPath().equals("/") && url.query() == null && url.fragment() == null
          && url.username().isEmpty() && text.endsWith(":" + url.port());
    }

    private static void checkCredential(String name, @Nullable String value) {
      if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
        throw new IllegalArgumentException(name + " must not contain CR or LF");
      }
    }
  }
}
