package link.etcd.examples

import java.io.PrintStream
import kotlinx.coroutines.async
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.future.await
import kotlinx.coroutines.runBlocking
import link.etcd.DeleteOptions
import link.etcd.ReadOptions
import link.etcd.WatchEvent
import link.etcd.WatchOptions
import link.etcd.WriteOptions
import link.etcd.middleware.EtcdMiddleware
import link.etcd.watchFlow

/**
 * Example (e), continued: the v2 client under a middleware from Kotlin, with coroutines and a watch
 * as a Flow. It needs `api = v2`: `EtcdClient` speaks the v2 API, and watching on v3 comes with the
 * v3 watcher.
 */
object KotlinClientExample {
  /** Runs the example against the etcd that `middleware.conf` names. */
  @JvmStatic
  fun main(args: Array<String>) {
    EtcdMiddleware().use { client -> run(client, System.out) }
  }

  /** Runs the example with [client], printing what it does to [out]. */
  @JvmStatic
  fun run(client: EtcdMiddleware, out: PrintStream) {
    // [START kotlin-coroutine]
    val value: String? = runBlocking {
      val etcd = client.client()
      etcd.writeAsync("/greeting", "hi", WriteOptions.defaults()).await()
      etcd.readAsync("/greeting", ReadOptions.defaults()).await().node.value
    }
    // [END kotlin-coroutine]
    out.println("read /greeting in a coroutine: $value")
    client -= "/greeting"

    // [START kotlin-watch-flow]
    val changes: List<String> = runBlocking {
      val etcd = client.client()
      val from =
        etcd.writeAsync("/watched/start", "0", WriteOptions.defaults()).await().node.modifiedIndex +
          1
      val watching = async {
        etcd
          .watchFlow("/watched", WatchOptions.defaults().withRecursive(true).withFromIndex(from))
          .take(2)
          .map { event ->
            when (event) {
              is WatchEvent.Change -> "${event.response.action} ${event.response.node.key}"
              is WatchEvent.Resync -> "resync at ${event.index}"
              is WatchEvent.Failed -> "ended: ${event.error.message}"
            }
          }
          .toList()
      }
      etcd.writeAsync("/watched/a", "1", WriteOptions.defaults()).await()
      etcd.deleteAsync("/watched/a", DeleteOptions.defaults()).await()
      watching.await()
    }
    // [END kotlin-watch-flow]
    out.println("watched: $changes")
    client -= "/watched"
  }
}
