package link.etcd.examples

import java.io.PrintStream
import kotlinx.coroutines.async
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import link.etcd.WatchEvent
import link.etcd.WatchOptions
import link.etcd.deleteAwait
import link.etcd.get
import link.etcd.middleware.EtcdMiddleware
import link.etcd.mergeTree
import link.etcd.readAwait
import link.etcd.tree
import link.etcd.watchFlow
import link.etcd.writeAwait

// [START kotlin-data-class-type]
/** How a service is reached: a Kotlin data class, mapped by moshi-kotlin. */
data class Svc(val host: String, val port: Int, val tags: List<String> = listOf())
// [END kotlin-data-class-type]

/**
 * Example (e): link-etcd from Kotlin, with operators, receiver blocks, accessor properties, coroutines and a watch
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

        // [START kotlin-coroutine]
        val value: String? = runBlocking {
            val etcd = client.client()
            etcd.writeAwait("/greeting", "hi")
            etcd.readAwait("/greeting").node.value
        }
        // [END kotlin-coroutine]
        out.println("read /greeting in a coroutine: $value")
        client -= "/greeting"

        // [START kotlin-watch-flow]
        val changes: List<String> = runBlocking {
            val etcd = client.client()
            val from = etcd.writeAwait("/watched/start", "0").node.modifiedIndex + 1
            val watching = async {
                etcd.watchFlow("/watched", WatchOptions.defaults().withRecursive(true).withFromIndex(from))
                    .take(2)
                    .map { event ->
                        when (event) {
                            is WatchEvent.Change -> "${event.response.action} ${event.response.node.key}"
                            is WatchEvent.Resync -> "resync at ${event.index}"
                            is WatchEvent.Failed -> "failed: ${event.error.message}"
                        }
                    }
                    .toList()
            }
            etcd.writeAwait("/watched/a", "1")
            etcd.deleteAwait("/watched/a")
            watching.await()
        }
        // [END kotlin-watch-flow]
        out.println("watched: $changes")
        client -= "/watched"
    }
}
