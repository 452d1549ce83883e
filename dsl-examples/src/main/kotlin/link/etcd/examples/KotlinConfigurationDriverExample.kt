package link.etcd.examples

import java.io.PrintStream
import link.etcd.middleware.EtcdMiddleware

/**
 * The seed's configuration driver example (section 1.2) in Kotlin, where the generated accessor's
 * getters and setters are properties: the same requests and output as [ConfigurationDriverExample].
 */
object KotlinConfigurationDriverExample {
  /** Runs the example against the etcd that `middleware.conf` names. */
  @JvmStatic
  fun main(args: Array<String>) {
    EtcdMiddleware().use { client -> run(client, System.out) }
  }

  /** Runs the example with [client], printing what it does to [out]. */
  @JvmStatic
  fun run(client: EtcdMiddleware, out: PrintStream) {
    // [START kotlin-configuration-driver]
    val conf = MyConfigurableAccessor.of(client)
    out.println("port before any write = ${conf.port} (the @Default)")

    conf.myparam = "hello"
    out.println(
      "stored at /myproject/myconfigurable.conf/MYCONF/myparam: " +
        client["/myproject/myconfigurable.conf/MYCONF/myparam"]
    )

    conf.edit().myparam("hello again").port(9090).apply()
    out.println("after one edit: myparam = ${conf.myparam}, port = ${conf.port}")

    client["/myproject/myconfigurable.conf/HTTP/port"] = 7070
    conf.reload()
    out.println("changed outside, after reload(): port = ${conf.port}")
    out.println(conf)
    // [END kotlin-configuration-driver]

    client -= "/myproject/myconfigurable.conf"
  }
}
