package link.etcd.internal.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import okhttp3.Dns;

/**
 * Resolves host names with one DNS server ({@code dnsResolver}), so that the targets of SRV records
 * it serves resolve too; an address literal, or a name that server does not know, goes to the
 * system's resolver.
 */
public final class ResolverDns implements Dns {
  private final String resolver;

  /** Creates a resolver asking the DNS server at {@code resolver} ({@code host:port}). */
  public ResolverDns(String resolver) {
    this.resolver = resolver;
  }

  static Hashtable<String, String> environment(String providerUrl) {
    Hashtable<String, String> env = new Hashtable<>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
    env.put(Context.PROVIDER_URL, providerUrl);
    env.put("com.sun.jndi.dns.timeout.initial", "1000");
    env.put("com.sun.jndi.dns.timeout.retries", "2");
    return env;
  }

  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    if (hostname.indexOf(':') >= 0
        || hostname.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9')) {
      return Dns.SYSTEM.lookup(hostname);
    }
    List<InetAddress> addresses = new ArrayList<>();
    try {
      DirContext dns = new InitialDirContext(environment("dns://" + resolver));
      try {
        Attributes records = dns.getAttributes(hostname, new String[] {"A", "AAAA"});
        for (String type : new String[] {"A", "AAAA"}) {
          Attribute attribute = records.get(type);
          if (attribute != null) {
            NamingEnumeration<?> values = attribute.getAll();
            while (values.hasMore()) {
              addresses.add(
                  InetAddress.getByAddress(
                      hostname, InetAddress.getByName(values.next().toString()).getAddress()));
            }
          }
        }
      } finally {
        dns.close();
      }
    } catch (NamingException notThere) {
      return Dns.SYSTEM.lookup(hostname);
    }
    return addresses.isEmpty() ? Dns.SYSTEM.lookup(hostname) : addresses;
  }
}
