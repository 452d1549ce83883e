package link.etcd;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One option of {@link EtcdSettings}, named once: how its text (from {@code middleware.conf} or
 * {@link EtcdSettings.Builder#option}) sets a builder, how {@link EtcdSettings#toConfiguration()}
 * writes it and how {@link EtcdSettings#toString()} shows it. {@link #ALL} is the one table of
 * options; adding an option is adding its typed field, accessor and builder setter to {@link
 * EtcdSettings} and one row here.
 *
 * @param name the option's name in {@code middleware.conf}, such as {@code read_timeout}
 * @param parse sets a builder from the option's stripped text, or null when the option is not in
 *     the file
 * @param conf the option's text in the file, or null when it is left out (unset, secret, or not a
 *     file option)
 * @param shown the option's text in {@code toString()}
 */
record SettingsOption(
    String name,
    @Nullable BiConsumer<EtcdSettings.Builder, String> parse,
    Function<EtcdSettings, @Nullable String> conf,
    Function<EtcdSettings, String> shown) {

  /** Every option, in the order of {@code toString()} and {@code toConfiguration()}. */
  static final List<SettingsOption> ALL =
      List.of(
          text("host", EtcdSettings.Builder::host, EtcdSettings::host),
          number("port", EtcdSettings.Builder::port, EtcdSettings::port),
          optional("srv_domain", EtcdSettings.Builder::srvDomain, EtcdSettings::srvDomain),
          new SettingsOption(
              "api",
              (builder, text) -> builder.api(parseApi(text)),
              SettingsOption::apiName,
              SettingsOption::apiName),
          text("version_prefix", EtcdSettings.Builder::versionPrefix, EtcdSettings::versionPrefix),
          new SettingsOption(
              "key_prefix",
              EtcdSettings.Builder::keyPrefix,
              settings -> settings.keyPrefix().isEmpty() ? null : settings.keyPrefix(),
              EtcdSettings::keyPrefix),
          number("max_txn_ops", EtcdSettings.Builder::maxTxnOps, EtcdSettings::maxTxnOps),
          number(
              "max_request_bytes",
              EtcdSettings.Builder::maxRequestBytes,
              EtcdSettings::maxRequestBytes),
          seconds("read_timeout", EtcdSettings.Builder::readTimeout, EtcdSettings::readTimeout),
          flag("allow_redirect", EtcdSettings.Builder::allowRedirect, EtcdSettings::allowRedirect),
          text("protocol", EtcdSettings.Builder::protocol, EtcdSettings::protocol),
          optional("cert", EtcdSettings.Builder::cert, EtcdSettings::cert),
          optional("ca_cert", EtcdSettings.Builder::caCert, EtcdSettings::caCert),
          optional("username", EtcdSettings.Builder::username, EtcdSettings::username),
          secret("password", EtcdSettings.Builder::password, EtcdSettings::password),
          flag(
              "allow_reconnect",
              EtcdSettings.Builder::allowReconnect,
              EtcdSettings::allowReconnect),
          flag("use_proxies", EtcdSettings.Builder::useProxies, EtcdSettings::useProxies),
          optional(
              "expected_cluster_id",
              EtcdSettings.Builder::expectedClusterId,
              EtcdSettings::expectedClusterId),
          number(
              "per_host_pool_size",
              EtcdSettings.Builder::perHostPoolSize,
              EtcdSettings::perHostPoolSize),
          codeOnly("quorum_reads", settings -> Boolean.toString(settings.quorumReads())),
          codeOnly("retry_deadline", settings -> settings.retryDeadline().toMillis() + "ms"),
          codeOnly("dns_resolver", settings -> String.valueOf(settings.dnsResolver())));

  private static final Map<String, SettingsOption> IN_FILE =
      ALL.stream()
          .filter(option -> option.parse() != null)
          .collect(Collectors.toUnmodifiableMap(SettingsOption::name, option -> option));

  /** The names of the options of {@code middleware.conf}, in the order of {@link #ALL}. */
  static final List<String> FILE_OPTIONS =
      ALL.stream().filter(option -> option.parse() != null).map(SettingsOption::name).toList();

  /** The names of the options of {@code middleware.conf}, as a message lists them. */
  private static final String FILE_NAMES = String.join(", ", FILE_OPTIONS);

  /** Sets the option {@code name} of {@code builder} from {@code text}. */
  static void set(EtcdSettings.Builder builder, String name, String text) {
    SettingsOption option = IN_FILE.get(name);
    if (option == null || option.parse() == null) {
      throw new IllegalArgumentException(
          "unknown option '" + name + "'; the options are " + FILE_NAMES);
    }
    option.parse().accept(builder, text.strip());
  }

  private static SettingsOption text(
      String name,
      BiConsumer<EtcdSettings.Builder, String> set,
      Function<EtcdSettings, String> get) {
    return new SettingsOption(name, set, get::apply, get);
  }

  /** An option whose empty text clears it. */
  private static SettingsOption optional(
      String name,
      BiConsumer<EtcdSettings.Builder, @Nullable String> set,
      Function<EtcdSettings, @Nullable String> get) {
    return new SettingsOption(
        name,
        (builder, text) -> set.accept(builder, text.isEmpty() ? null : text),
        get,
        settings -> String.valueOf(get.apply(settings)));
  }

  /**
   * An optional option never written by {@code toConfiguration()} nor shown by {@code toString()}.
   */
  private static SettingsOption secret(
      String name,
      BiConsumer<EtcdSettings.Builder, @Nullable String> set,
      Function<EtcdSettings, @Nullable String> get) {
    SettingsOption optional = optional(name, set, get);
    return new SettingsOption(
        name,
        optional.parse(),
        settings -> null,
        settings -> get.apply(settings) == null ? "null" : "██");
  }

  private static SettingsOption number(
      String name, ObjIntConsumer<EtcdSettings.Builder> set, ToIntFunction<EtcdSettings> get) {
    Function<EtcdSettings, String> text = settings -> Integer.toString(get.applyAsInt(settings));
    return new SettingsOption(
        name, (builder, value) -> set.accept(builder, parseInt(name, value)), text::apply, text);
  }

  /** A duration written in whole seconds. */
  private static SettingsOption seconds(
      String name,
      BiConsumer<EtcdSettings.Builder, Duration> set,
      Function<EtcdSettings, Duration> get) {
    Function<EtcdSettings, String> text =
        settings -> Long.toString(get.apply(settings).toSeconds());
    return new SettingsOption(
        name,
        (builder, value) -> set.accept(builder, Duration.ofSeconds(parseInt(name, value))),
        text::apply,
        text);
  }

  /**
   * A boolean: {@code true}, {@code false}, {@code 1} or {@code 0} in any case; written as Python
   * writes it.
   */
  private static SettingsOption flag(
      String name, BiConsumer<EtcdSettings.Builder, Boolean> set, Predicate<EtcdSettings> get) {
    return new SettingsOption(
        name,
        (builder, value) -> set.accept(builder, parseBoolean(name, value)),
        settings -> get.test(settings) ? "True" : "False",
        settings -> Boolean.toString(get.test(settings)));
  }

  /** An option set only through the builder. */
  private static SettingsOption codeOnly(String name, Function<EtcdSettings, String> shown) {
    return new SettingsOption(name, null, settings -> null, shown);
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
