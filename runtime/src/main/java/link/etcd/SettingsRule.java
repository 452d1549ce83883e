package link.etcd;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import link.etcd.EtcdSettings.Builder;
import link.etcd.EtcdSettings.Problem;
import link.etcd.internal.ClusterIds;
import link.etcd.internal.HostList;
import org.jspecify.annotations.Nullable;

/**
 * The rule of one option of {@link EtcdSettings}, named once as {@code middleware.conf} spells it:
 * how its text (from the file or {@link Builder#option}) sets a builder, what makes its value
 * wrong, how {@link EtcdSettings#toConfiguration()} writes it and how {@link
 * EtcdSettings#toString()} shows it. {@link #ALL} is the one table of options; every message a rule
 * gives names its option by {@link #name()}. Adding an option is adding its record component and
 * builder setter, its field of {@link SettingsDraft}, and one row here.
 *
 * @param name the option's name in {@code middleware.conf}, such as {@code read_timeout}
 * @param parse sets a builder from the option's stripped text, or null when the option is not in
 *     the file
 * @param check what is wrong with the option in a draft, each reason a message naming it
 * @param conf the option's text in the file, or null when it is left out (unset, secret, or not a
 *     file option)
 * @param shown the option's text in {@code toString()}
 */
record SettingsRule(
    String name,
    @Nullable BiConsumer<Builder, String> parse,
    Function<SettingsDraft, List<String>> check,
    Function<EtcdSettings, @Nullable String> conf,
    Function<EtcdSettings, String> shown) {

  /** The longest {@code read_timeout} accepted (OkHttp takes no more than about 24 days). */
  private static final Duration MAX_READ_TIMEOUT = Duration.ofDays(1);

  /** Every option, in the order of {@code toString()}, {@code toConfiguration()} and checks. */
  static final List<SettingsRule> ALL =
      List.of(
          text("host", Builder::host, EtcdSettings::host).checkedBy(SettingsRule::checkHost),
          number("port", Builder::port, EtcdSettings::port)
              .checkedBy(
                  draft -> unless(validPort(draft), "port must be 1..65535 but was " + draft.port)),
          optional("srv_domain", Builder::srvDomain, EtcdSettings::srvDomain)
              .checkedBy(
                  draft ->
                      unless(
                          draft.srvDomain == null || !draft.srvDomain.isBlank(),
                          "srv_domain must not be blank")),
          new SettingsRule(
              "api",
              (builder, text) -> builder.api(parseApi(text)),
              draft -> List.of(),
              SettingsRule::apiName,
              SettingsRule::apiName),
          text("version_prefix", Builder::versionPrefix, EtcdSettings::versionPrefix)
              .checkedBy(SettingsRule::checkVersionPrefix),
          new SettingsRule(
              "key_prefix",
              Builder::keyPrefix,
              draft ->
                  unless(
                      !draft.keyPrefix.contains("//"),
                      "key_prefix '"
                          + draft.keyPrefix
                          + "' has an empty segment (two slashes in a row); write it as "
                          + withoutTrailingSlash(draft.keyPrefix.replaceAll("/{2,}", "/"))),
              settings -> settings.keyPrefix().isEmpty() ? null : settings.keyPrefix(),
              EtcdSettings::keyPrefix),
          number("max_txn_ops", Builder::maxTxnOps, EtcdSettings::maxTxnOps)
              .checkedBy(draft -> atLeastOne("max_txn_ops", draft.maxTxnOps)),
          number("max_request_bytes", Builder::maxRequestBytes, EtcdSettings::maxRequestBytes)
              .checkedBy(draft -> atLeastOne("max_request_bytes", draft.maxRequestBytes)),
          seconds("read_timeout", Builder::readTimeout, EtcdSettings::readTimeout)
              .checkedBy(SettingsRule::checkReadTimeout),
          flag("allow_redirect", Builder::allowRedirect, EtcdSettings::allowRedirect),
          text("protocol", Builder::protocol, EtcdSettings::protocol)
              .checkedBy(
                  draft ->
                      unless(
                          scheme(draft).equals("http") || scheme(draft).equals("https"),
                          "protocol must be http or https but was '" + draft.protocol + "'")),
          optional("cert", Builder::cert, EtcdSettings::cert)
              .checkedBy(draft -> needsHttps(draft, draft.cert != null)),
          optional("ca_cert", Builder::caCert, EtcdSettings::caCert)
              .checkedBy(draft -> needsHttps(draft, draft.cert == null && draft.caCert != null)),
          optional("username", Builder::username, EtcdSettings::username)
              .checkedBy(draft -> checkCredential("username", draft.username)),
          secret("password", Builder::password, EtcdSettings::password)
              .checkedBy(draft -> checkCredential("password", draft.password)),
          flag("allow_reconnect", Builder::allowReconnect, EtcdSettings::allowReconnect),
          flag("use_proxies", Builder::useProxies, EtcdSettings::useProxies),
          optional(
                  "expected_cluster_id",
                  Builder::expectedClusterId,
                  EtcdSettings::expectedClusterId)
              .checkedBy(SettingsRule::checkClusterId),
          number("per_host_pool_size", Builder::perHostPoolSize, EtcdSettings::perHostPoolSize)
              .checkedBy(draft -> atLeastOne("per_host_pool_size", draft.perHostPoolSize)),
          codeOnly("quorum_reads", settings -> Boolean.toString(settings.quorumReads())),
          codeOnly("retry_deadline", settings -> settings.retryDeadline().toMillis() + "ms")
              .checkedBy(
                  draft ->
                      unless(
                          !draft.retryDeadline.isNegative() && !draft.retryDeadline.isZero(),
                          "retry_deadline must be positive but was " + draft.retryDeadline)),
          codeOnly("dns_resolver", settings -> String.valueOf(settings.dnsResolver()))
              .checkedBy(
                  draft ->
                      unless(
                          draft.dnsResolver == null || HostList.isHostPort(draft.dnsResolver),
                          "dns_resolver must be host:port, like 127.0.0.1:53, but was '"
                              + draft.dnsResolver
                              + "'")));

  private static final Map<String, SettingsRule> IN_FILE =
      ALL.stream()
          .filter(rule -> rule.parse() != null)
          .collect(Collectors.toUnmodifiableMap(SettingsRule::name, rule -> rule));

  /** The names of the options of {@code middleware.conf}, in the order of {@link #ALL}. */
  static final List<String> FILE_OPTIONS =
      ALL.stream().filter(rule -> rule.parse() != null).map(SettingsRule::name).toList();

  /** The names of the options of {@code middleware.conf}, as a message lists them. */
  private static final String FILE_NAMES = String.join(", ", FILE_OPTIONS);

  /** Sets the option {@code name} of {@code builder} from {@code text}. */
  static void set(Builder builder, String name, String text) {
    SettingsRule rule = IN_FILE.get(name);
    if (rule == null || rule.parse() == null) {
      throw new IllegalArgumentException(
          "unknown option '" + name + "'; the options are " + FILE_NAMES);
    }
    rule.parse().accept(builder, text.strip());
  }

  /** {@return every reason {@code draft} cannot be built, in the order of the rules} */
  static List<Problem> problems(SettingsDraft draft) {
    List<Problem> problems = new ArrayList<>();
    for (SettingsRule rule : ALL) {
      rule.check().apply(draft).forEach(message -> problems.add(new Problem(rule.name(), message)));
    }
    return problems;
  }

  /** {@return {@code prefix} without its trailing slash: {@code /ten/} and {@code /ten} are one} */
  static String withoutTrailingSlash(String prefix) {
    return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
  }

  private SettingsRule checkedBy(Function<SettingsDraft, List<String>> check) {
    return new SettingsRule(name, parse, check, conf, shown);
  }

  private static List<String> unless(boolean valid, String message) {
    return valid ? List.of() : List.of(message);
  }

  private static boolean validPort(SettingsDraft draft) {
    return draft.port >= 1 && draft.port <= 65535;
  }

  private static List<String> atLeastOne(String name, int value) {
    return unless(value >= 1, name + " must be at least 1 but was " + value);
  }

  private static List<String> checkHost(SettingsDraft draft) {
    HostList.Hosts hosts;
    try {
      hosts = HostList.withoutSchemes(draft.host);
    } catch (IllegalArgumentException e) {
      return List.of(e.getMessage());
    }
    List<String> problems = new ArrayList<>();
    String shownHost = HostList.withoutUserInfo(draft.host);
    if ("http".equals(hosts.scheme()) && draft.protocol.equals("https")) {
      problems.add(
          "host gives http:// endpoints ('"
              + shownHost
              + "') but protocol is https; give https:// URLs, or set protocol = http");
    }
    String hint =
        shownHost.equals(draft.host)
            ? ""
            : ", without user:password@ (set username and password instead)";
    List<String> endpoints = HostList.list(hosts.hosts(), draft.port);
    for (String endpoint : validPort(draft) ? endpoints : List.<String>of()) {
      if (!HostList.isHostPort(endpoint)) {
        problems.add(
            endpoints.size() == 1
                ? "host must be a host name or address" + hint + " but was '" + shownHost + "'"
                : "host must list host or host:port items separated by commas"
                    + hint
                    + ", but '"
                    + shownHost
                    + "' has '"
                    + HostList.withoutUserInfo(endpoint)
                    + "'");
        break;
      }
    }
    if (endpoints.size() > 1 && !draft.allowReconnect) {
      problems.add(
          "host lists several endpoints ('"
              + shownHost
              + "') but allow_reconnect is off; set allow_reconnect = True to use them all, or give"
              + " one endpoint");
    }
    return problems;
  }

  private static List<String> checkVersionPrefix(SettingsDraft draft) {
    String prefix = draft.versionPrefix;
    return unless(
        prefix == null || prefix.startsWith("/") && (prefix.length() == 1 || !prefix.endsWith("/")),
        "version_prefix must start with '/' and not end with one, like /v2, but was '"
            + prefix
            + "'");
  }

  private static List<String> checkReadTimeout(SettingsDraft draft) {
    Duration timeout = draft.readTimeout;
    if (timeout.isNegative()) {
      return List.of("read_timeout must be 0 (none) or positive but was " + timeout);
    }
    return unless(
        timeout.compareTo(MAX_READ_TIMEOUT) <= 0,
        "read_timeout must be at most "
            + MAX_READ_TIMEOUT.toSeconds()
            + " seconds (one day), or 0 for none, but was "
            + timeout.toSeconds()
            + " seconds");
  }

  /** The protocol the endpoints will be reached with: their URLs' scheme, else {@code protocol}. */
  private static String scheme(SettingsDraft draft) {
    try {
      String scheme = HostList.withoutSchemes(draft.host).scheme();
      return scheme == null ? draft.protocol : scheme;
    } catch (IllegalArgumentException e) {
      return draft.protocol;
    }
  }

  /** The one problem of certificates over plain http, reported on the first option that is set. */
  private static List<String> needsHttps(SettingsDraft draft, boolean reportedHere) {
    return unless(
        !reportedHere || !scheme(draft).equals("http"),
        "cert and ca_cert need protocol https, but protocol is http");
  }

  private static List<String> checkCredential(String name, @Nullable String value) {
    return unless(
        value == null || value.indexOf('\r') < 0 && value.indexOf('\n') < 0,
        name + " must not contain CR or LF");
  }

  private static List<String> checkClusterId(SettingsDraft draft) {
    if (draft.expectedClusterId == null) {
      return List.of();
    }
    try {
      ClusterIds.fromSetting(draft.expectedClusterId);
      return List.of();
    } catch (IllegalArgumentException e) {
      return List.of(e.getMessage());
    }
  }

  private static SettingsRule text(
      String name, BiConsumer<Builder, String> set, Function<EtcdSettings, String> get) {
    return new SettingsRule(name, set, draft -> List.of(), get::apply, get);
  }

  /** An option whose empty text clears it. */
  private static SettingsRule optional(
      String name,
      BiConsumer<Builder, @Nullable String> set,
      Function<EtcdSettings, @Nullable String> get) {
    return new SettingsRule(
        name,
        (builder, text) -> set.accept(builder, text.isEmpty() ? null : text),
        draft -> List.of(),
        get,
        settings -> String.valueOf(get.apply(settings)));
  }

  /**
   * An optional option never written by {@code toConfiguration()} nor shown by {@code toString()}.
   */
  private static SettingsRule secret(
      String name,
      BiConsumer<Builder, @Nullable String> set,
      Function<EtcdSettings, @Nullable String> get) {
    return new SettingsRule(
        name,
        optional(name, set, get).parse(),
        draft -> List.of(),
        settings -> null,
        settings -> get.apply(settings) == null ? "null" : "██");
  }

  private static SettingsRule number(
      String name, ObjIntConsumer<Builder> set, ToIntFunction<EtcdSettings> get) {
    Function<EtcdSettings, String> text = settings -> Integer.toString(get.applyAsInt(settings));
    return new SettingsRule(
        name,
        (builder, value) -> set.accept(builder, parseInt(name, value)),
        draft -> List.of(),
        text::apply,
        text);
  }

  /** A duration written in whole seconds. */
  private static SettingsRule seconds(
      String name, BiConsumer<Builder, Duration> set, Function<EtcdSettings, Duration> get) {
    Function<EtcdSettings, String> text =
        settings -> Long.toString(get.apply(settings).toSeconds());
    return new SettingsRule(
        name,
        (builder, value) -> set.accept(builder, Duration.ofSeconds(parseInt(name, value))),
        draft -> List.of(),
        text::apply,
        text);
  }

  /**
   * A boolean: {@code true}, {@code false}, {@code 1} or {@code 0} in any case; written as Python
   * writes it.
   */
  private static SettingsRule flag(
      String name, BiConsumer<Builder, Boolean> set, Predicate<EtcdSettings> get) {
    return new SettingsRule(
        name,
        (builder, value) -> set.accept(builder, parseBoolean(name, value)),
        draft -> List.of(),
        settings -> get.test(settings) ? "True" : "False",
        settings -> Boolean.toString(get.test(settings)));
  }

  /** An option set only through the builder. */
  private static SettingsRule codeOnly(String name, Function<EtcdSettings, String> shown) {
    return new SettingsRule(name, null, draft -> List.of(), settings -> null, shown);
  }

  private static String apiName(EtcdSettings settings) {
    return settings.api().name().toLowerCase(Locale.ROOT);
  }

  private static EtcdSettings.Api parseApi(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "v2" -> EtcdSettings.Api.V2;
      case "v3" -> EtcdSettings.Api.V3;
      default -> throw new IllegalArgumentException("api must be v2 or v3 but was '" + value + "'");
    };
  }

  private static int parseInt(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer but was '" + value + "'", e);
    }
  }

  private static boolean parseBoolean(String name, String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default ->
          throw new IllegalArgumentException(
              name + " must be true, false, 1 or 0 but was '" + value + "'");
    };
  }
}
