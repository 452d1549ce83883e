package link.etcd.internal.http;

import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import link.etcd.internal.ClusterIds;
import org.jspecify.annotations.Nullable;

/**
 * What a client knows of the cluster: the configured seeds (or the SRV records of {@code
 * srv_domain}), the client URLs the members listed, the endpoint that answered last, and the
 * cluster id with the endpoints seen to carry it. Thread-safe.
 */
public final class ClusterView {
  /**
   * The answer of {@link #checkClusterId}: {@code null} when it matches, else what was expected and
   * seen.
   */
  record Mismatch(String expected, String actual, boolean pinned) {}

  private final List<Endpoint> configured;
  private final @Nullable String srvDomain;
  private final @Nullable String dnsResolver;
  private final boolean pinned;
  private @Nullable List<Endpoint> seeds;
  private List<Endpoint> learned = List.of();
  private @Nullable Endpoint current;
  private @Nullable String clusterId;
  private final Set<Endpoint> verified = new HashSet<>();
  private final Map<Endpoint, String> foreign = new HashMap<>();
  private final Map<Endpoint, Long> failedAt = new HashMap<>();
  private long failures;
  private boolean refreshWanted = true;

  /** What {@link #candidates} answers until something above changes; null when it must be made. */
  private @Nullable List<Endpoint> candidates;

  /**
   * Creates the view of a cluster reached through {@code configured} endpoints, or through the SRV
   * records of {@code srvDomain} when it is set (looked up at the first request, asking {@code
   * dnsResolver}).
   */
  public ClusterView(
      List<Endpoint> configured,
      @Nullable String srvDomain,
      @Nullable String dnsResolver,
      @Nullable String expectedClusterId) {
    this.configured = List.copyOf(configured);
    this.srvDomain = srvDomain;
    this.dnsResolver = dnsResolver;
    this.pinned = expectedClusterId != null;
    this.clusterId = expectedClusterId == null ? null : ClusterIds.fromSetting(expectedClusterId);
    this.seeds = srvDomain == null ? this.configured : null;
  }

  /**
   * Returns the endpoints to try, in order: the last one that answered, then the members and then
   * the seeds that have not failed, then those that failed, the longest ago first.
   */
  synchronized List<Endpoint> candidates() throws UnknownHostException {
    List<Endpoint> known = candidates;
    if (known != null) {
      return known;
    }
    List<Endpoint> seeds = this.seeds;
    if (seeds == null) {
      seeds = SrvLookup.lookup(srvDomain, dnsResolver);
      if (seeds.isEmpty()) {
        throw new UnknownHostException(
            "DNS has no SRV records _etcd-client-ssl._tcp."
                + srvDomain
                + " or _etcd-client._tcp."
                + srvDomain
                + "; add them, or set host instead of srv_domain");
      }
      this.seeds = seeds;
    }
    Set<Endpoint> ordered = new LinkedHashSet<>();
    if (current != null) {
      ordered.add(current);
    }
    ordered.addAll(learned);
    ordered.addAll(seeds);
    ordered.removeAll(foreign.keySet());
    List<Endpoint> candidates = new ArrayList<>(ordered);
    candidates.sort(Comparator.comparingLong(endpoint -> failedAt.getOrDefault(endpoint, 0L)));
    this.candidates = List.copyOf(candidates);
    return this.candidates;
  }

  /** Returns the first endpoint to use when calls may not move between endpoints. */
  synchronized List<Endpoint> first() throws UnknownHostException {
    List<Endpoint> all = candidates();
    return all.isEmpty() ? all : all.subList(0, 1);
  }

  /** Returns the endpoints that answered with another cluster's id and are no longer used. */
  synchronized Map<Endpoint, String> foreign() {
    return Map.copyOf(foreign);
  }

  synchronized void succeeded(Endpoint endpoint) {
    if (!endpoint.equals(current) || failedAt.containsKey(endpoint)) {
      current = endpoint;
      failedAt.remove(endpoint);
      candidates = null;
    }
  }

  synchronized void failed(Endpoint endpoint) {
    candidates = null;
    if (endpoint.equals(current)) {
      current = null;
    }
    failedAt.put(endpoint, ++failures);
    refreshWanted = true;
    if (srvDomain != null && learned.isEmpty()) {
      seeds = null;
    }
  }

  /**
   * Returns true once after each failure (and at first): the caller should then ask for the member
   * list.
   */
  synchronized boolean claimRefresh() {
    boolean wanted = refreshWanted;
    refreshWanted = false;
    return wanted;
  }

  /**
   * Replaces the learned endpoints with the client URLs the members listed; an empty list changes
   * nothing.
   */
  synchronized void learn(List<String> clientUrls) {
    List<Endpoint> endpoints = new ArrayList<>();
    for (String url : clientUrls) {
      Endpoint endpoint = Endpoint.parse(url);
      if (endpoint != null && !endpoints.contains(endpoint)) {
        endpoints.add(endpoint);
      }
    }
    if (!endpoints.isEmpty()) {
      learned = List.copyOf(endpoints);
      candidates = null;
    }
  }

  /**
   * Records that {@code endpoint} answers without a cluster id, so writes to it are not checked
   * first.
   */
  synchronized void cannotVerify(Endpoint endpoint) {
    verified.add(endpoint);
  }

  synchronized boolean isVerified(Endpoint endpoint) {
    return verified.contains(endpoint);
  }

  /**
   * Checks the cluster id {@code endpoint} answered with, in the canonical form of {@link
   * ClusterIds} ({@code null} when the answer had none, which cannot be checked). The first id seen
   * is learned unless {@code expected_cluster_id} pinned one. On a mismatch a learned id is
   * replaced by the new one (so the change is reported once), and a pinned id stays while the
   * endpoint is set aside (reported once for that endpoint).
   */
  synchronized @Nullable Mismatch checkClusterId(Endpoint endpoint, @Nullable String id) {
    if (id == null || id.isEmpty()) {
      return null;
    }
    String known = clusterId;
    if (known == null || known.equals(id)) {
      clusterId = id;
      verified.add(endpoint);
      return null;
    }
    if (pinned) {
      candidates = null;
      foreign.put(endpoint, id);
      verified.remove(endpoint);
      if (endpoint.equals(current)) {
        current = null;
      }
    } else {
      clusterId = id;
      verified.clear();
      verified.add(endpoint);
    }
    return new Mismatch(known, id, pinned);
  }

  @Override
  public synchronized String toString() {
    return srvDomain != null && seeds == null ? "SRV records of " + srvDomain : joined(configured);
  }

  static String joined(List<Endpoint> endpoints) {
    return String.join(", ", endpoints.stream().map(Endpoint::toString).toList());
  }
}
