package link.etcd.examples;

import java.io.PrintStream;
import link.etcd.middleware.EtcdMiddleware;

/**
 * The seed's configuration driver example (section 1.2), with the accessor generated from {@link
 * MyConfigurable}.
 */
public final class ConfigurationDriverExample {
  private ConfigurationDriverExample() {}

  /** Runs the example against the etcd that {@code middleware.conf} names. */
  public static void main(String[] args) {
    try (EtcdMiddleware client = new EtcdMiddleware()) {
      run(client, System.out);
    }
  }

  /** Runs the example with {@code client}, printing what it does to {@code out}. */
  public static void run(EtcdMiddleware client, PrintStream out) {
    MyConfigurableAccessor conf = MyConfigurableAccessor.of(client);
    out.println("port before any write = " + conf.getPort() + " (the @Default)");

    conf.setMyparam("hello");
    out.println(
        "stored at /myproject/myconfigurable.conf/MYCONF/myparam: "
            + client.get("/myproject/myconfigurable.conf/MYCONF/myparam"));

    conf.edit().myparam("hello again").port(9090).apply();
    out.println("after one edit: myparam = " + conf.getMyparam() + ", port = " + conf.getPort());

    client.set("/myproject/myconfigurable.conf/HTTP/port", 7070);
    conf.reload();
    out.println("changed outside, after reload(): port = " + conf.getPort());
    out.println(conf);

    client.delete("/myproject/myconfigurable.conf");
  }
}
