package link.etcd.internal.http;

import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import org.jspecify.annotations.Nullable;

/**
 * Finds a cluster's client endpoints in DNS: the SRV records {@code _etcd-client-ssl._tcp.<domain>}
 * (served over https), else {@code _etcd-client._tcp.<domain>} (http). The peer records ({@code
 * _etcd-server}) are never used. Uses the JDK's own DNS provider, asking {@code resolver} or, when
 * it is {@code null}, the system's resolvers.
 */
public final class SrvLookup {
  private record Srv(int priority, int weight, Endpoint endpoint) {}

  private SrvLookup() {}

  static List<Endpoint> lookup(String domain, @Nullable String resolver)
      throws UnknownHostException {
    Hashtable<String, String> env =
        ResolverDns.environment(resolver == null ? "dns:" : "dns://" + resolver);
    String ssl = "_etcd-client-ssl._tcp." + domain;
    String plain = "_etcd-client._tcp." + domain;
    try {
      DirContext dns = new InitialDirContext(env);
      try {
        List<Endpoint> endpoints = records(dns, ssl, "https");
        return endpoints.isEmpty() ? records(dns, plain, "http") : endpoints;
      } finally {
        dns.close();
      }
    } catch (NamingException e) {
      UnknownHostException failure =
          new UnknownHostException(
              "The DNS lookup of the SRV records "
                  + ssl
                  + " and "
                  + plain
                  + " failed"
                  + (resolver == null ? "" : " at " + resolver)
                  + ": "
                  + e);
      failure.initCause(e);
      throw failure;
    }
  }

  private static List<Endpoint> records(DirContext dns, String name, String scheme)
      throws NamingException {
    Attribute srv;
    try {
      srv = dns.getAttributes(name, new String[] {"SRV"}).get("SRV");
    } catch (NameNotFoundException absent) {
      return List.of();
    }
    List<Srv> records = new ArrayList<>();
    if (srv != null) {
      NamingEnumeration<?> values = srv.getAll();
      while (values.hasMore()) {
        String[] fields = values.next().toString().strip().split("\\s+");
        if (fields.length == 4) {
          String target =
              fields[3].endsWith(".") ? fields[3].substring(0, fields[3].length() - 1) : fields[3];
          records.add(
              new Srv(
                  Integer.parseInt(fields[0]),
                  Integer.parseInt(fields[1]),
                  new Endpoint(scheme, target, Integer.parseInt(fields[2]))));
        }
      }
    }
    records.sort(
        Comparator.comparingInt(Srv::priority)
            .thenComparing(Comparator.comparingInt(Srv::weight).reversed()));
    return records.stream().map(Srv::endpoint).toList();
  }
}
