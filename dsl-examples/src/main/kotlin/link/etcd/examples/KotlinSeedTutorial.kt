package link.etcd.examples

import java.io.PrintStream
import link.etcd.middleware.EtcdMiddleware

/**
 * The seed's tutorial (section 1.1) in Kotlin, with operators: the same requests and output as
 * [SeedTutorial].
 */
object KotlinSeedTutorial {
  /** Runs the tutorial against the etcd that `middleware.conf` names. */
  @JvmStatic
  fun main(args: Array<String>) {
    EtcdMiddleware().use { client -> run(client, System.out) }
  }

  /** Runs the tutorial with [client], printing what it does to [out]. */
  @JvmStatic
  fun run(client: EtcdMiddleware, out: PrintStream) {
    // [START kotlin-seed-tutorial]
    client["/collection"] = mapOf("subcollection" to listOf("item1", "item2"))
    out.println("wrote /collection/subcollection/1 = ${client["/collection/subcollection/1"]}")
    out.println("wrote /collection/subcollection/2 = ${client["/collection/subcollection/2"]}")

    val tree = client["/collection"]
    out.println("read /collection = $tree")

    client -= "/collection"
    out.println("erased /collection: still there? ${"/collection" in client}")
    // [END kotlin-seed-tutorial]
  }
}
