package link.etcd.examples

import java.io.PrintStream
import link.etcd.kotlin.get
import link.etcd.kotlin.mergeTree
import link.etcd.kotlin.tree
import link.etcd.middleware.EtcdMiddleware

// [START kotlin-data-class-type]
/** How a service is reached: a Kotlin data class, mapped by moshi-kotlin. */
data class Svc(val host: String, val port: Int, val tags: List<String> = listOf())

// [END kotlin-data-class-type]

/**
 * Example (e): link-etcd from Kotlin, with operators, receiver blocks, accessor properties and data
 * classes, on either etcd API. [KotlinClientExample] shows the clients' coroutines and their watch
 * as a Flow.
 */
object KotlinExample {
  /** Runs the example against the etcd that `middleware.conf` names. */
  @JvmStatic
  fun main(args: Array<String>) {
    EtcdMiddleware().use { client -> run(client, System.out) }
  }

  /** Runs the example with [client], printing what it does to [out]. */
  @JvmStatic
  fun run(client: EtcdMiddleware, out: PrintStream) {
    // [START kotlin-operators]
    client["/a"] = mapOf("b" to listOf("x", "y"))
    val t = client["/a"]
    out.println("read /a = $t")
    out.println("/a in client: ${"/a" in client}")
    client -= "/a"
    out.println("after client -= \"/a\": ${"/a" in client}")
    // [END kotlin-operators]

    // [START kotlin-tree]
    client.tree("/collection") {
      dir("subcollection") {
        item("item1")
        item("item2")
      }
      put("answer", 42)
    }
    client.mergeTree("/collection") { put("question", "unknown") }
    // [END kotlin-tree]
    out.println("read /collection = ${client["/collection"]}")
    client -= "/collection"

    // [START kotlin-accessor]
    val conf = MyConfigurableAccessor.of(client)
    conf.myparam = "hello"
    conf.port = 9090
    val myparam: String? = conf.myparam
    out.println("myparam = $myparam, port = ${conf.port}")
    conf.myparam = null
    out.println("after conf.myparam = null: ${conf.myparam}")
    // [END kotlin-accessor]
    client -= "/myproject/myconfigurable.conf"

    // [START kotlin-data-class]
    client["/svc"] = Svc("h", 80, listOf("blue"))
    val svc = client.get<Svc>("/svc")
    out.println("read /svc = ${client["/svc"]}, as Svc: $svc")
    // [END kotlin-data-class]
    client -= "/svc"
  }
}
