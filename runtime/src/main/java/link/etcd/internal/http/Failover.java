package link.etcd.internal.http;

import java.util.List;
import java.util.concurrent.Executor;
import link.etcd.EtcdSettings;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Turns the endpoint settings ({@code host}, {@code srv_domain}, {@code allow_reconnect}, {@code
 * use_proxies}, {@code expected_cluster_id}, the retry deadline and DNS resolver) into the {@link
 * ClusterView} and the {@link FailoverInterceptor} a {@link Transport} installs.
 */
public final class Failover {
  private final EtcdSettings settings;
  private final List<Endpoint> configured;
  private final ClusterView cluster;
  private final MemberList members;

  Failover(EtcdSettings settings, MemberList members) {
    this.settings = settings;
    this.members = members;
    this.configured =
        settings.endpoints().stream()
            .map(endpoint -> HttpUrl.get(settings.protocol() + "://" + endpoint))
            .map(url -> new Endpoint(url.scheme(), url.host(), url.port()))
            .toList();
    this.cluster =
        new ClusterView(
            configured, settings.srvDomain(), settings.dnsResolver(), settings.expectedClusterId());
  }

  /**
   * The base URL of the Retrofit API: its path matters; each attempt's host is chosen by the
   * interceptor.
   */
  HttpUrl baseUrl() {
    String srvDomain = settings.srvDomain();
    return new HttpUrl.Builder()
        .scheme(settings.protocol())
        .host(srvDomain != null ? srvDomain : configured.get(0).host())
        .port(configured.get(0).port())
        .encodedPath(settings.versionPrefix().equals("/") ? "/" : settings.versionPrefix() + "/")
        .build();
  }

  /**
   * Names the endpoints in error messages: the configured list, or the SRV domain until it is
   * looked up.
   */
  String describe() {
    return cluster.toString();
  }

  /**
   * Adds the endpoint-choosing, retrying interceptor to {@code builder}. Call it before adding the
   * interceptors that set credentials and follow redirects, so that it is outermost and each
   * attempt passes through them.
   *
   * @param threads runs the hedges and their timer
   * @return the hedging of the client, to be given the built client with {@link Hedging#sendWith};
   *     null when calls may not move between endpoints
   */
  @Nullable Hedging install(OkHttpClient.Builder builder, ConnectionPool pool, Executor threads) {
    String dnsResolver = settings.dnsResolver();
    if (dnsResolver != null) {
      builder.dns(new ResolverDns(dnsResolver));
    }
    Hedging hedging = settings.allowReconnect() ? new Hedging(cluster, threads) : null;
    if (hedging != null) {
      builder.eventListener(hedging.cancellations());
    }
    builder.addInterceptor(
        new FailoverInterceptor(
            cluster,
            settings.allowReconnect(),
            settings.allowReconnect() && !settings.useProxies(),
            settings.allowReconnect() || settings.expectedClusterId() != null,
            settings.retryDeadline(),
            members,
            pool,
            hedging));
    return hedging;
  }
}
