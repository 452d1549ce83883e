package link.etcd.examples

import java.io.PrintStream
import kotlinx.coroutines.async
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.future.await
import kotlinx.coroutines.runBlocking
import link.etcd.DeleteOptions
import link.etcd.EtcdSettings
import link.etcd.EtcdV3Types.DeleteRangeOptions
import link.etcd.EtcdV3Types.PutOptions
import link.etcd.EtcdV3Types.RangeOptions
import link.etcd.ReadOptions
import link.etcd.WatchEvent
import link.etcd.WatchOptions
import link.etcd.WriteOptions
import link.etcd.middleware.EtcdMiddleware
import link.etcd.watchFlow

/**
 * Example (e), continued: the client under a middleware from Kotlin, with coroutines and a watch as
 * a Flow: `EtcdClient` on the v2 API, `EtcdV3Client` on v3. Both print the same lines, but for the
 * action of a first write, which v2 calls `set` and v3 `create`.
 */
object KotlinClientExample {
  /** Runs the example against the etcd that `middleware.conf` names. */
  @JvmStatic
  fun main(args: Array<String>) {
    EtcdMiddleware().use { client -> run(client, System.out) }
  }

  /** Runs the example with [client], on the API it uses, printing what it does to [out]. */
  @JvmStatic
  fun run(client: EtcdMiddleware, out: PrintStream) {
    if (client.settings().api() == EtcdSettings.Api.V3) runV3(client, out) else runV2(client, out)
  }

  private fun runV2(client: EtcdMiddleware, out: PrintStream) {
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
              else -> "not a v2 event: $event"
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

  private fun runV3(client: EtcdMiddleware, out: PrintStream) {
    // [START kotlin-v3-coroutine]
    val value: String? = runBlocking {
      val etcd = client.v3Client()
      etcd.putAsync("/greeting", "hi", PutOptions.defaults()).await()
      etcd.rangeAsync("/greeting", RangeOptions.defaults()).await().kvs.single().value
    }
    // [END kotlin-v3-coroutine]
    out.println("read /greeting in a coroutine: $value")
    client -= "/greeting"

    // [START kotlin-v3-watch-flow]
    val changes: List<String> = runBlocking {
      val etcd = client.v3Client()
      val from = etcd.putAsync("/watched/start", "0", PutOptions.defaults()).await().revision + 1
      val watching = async {
        etcd
          .watchFlow("/watched", WatchOptions.defaults().withRecursive(true).withFromIndex(from))
          .take(2)
          .map { event ->
            when (event) {
              is WatchEvent.V3Change ->
                "${if (event.created()) "create" else event.type.name.lowercase()} ${event.key()}"
              is WatchEvent.V3Resync -> "resync at ${event.revision}"
              is WatchEvent.Failed -> "ended: ${event.error.message}"
              else -> "not a v3 event: $event"
            }
          }
          .toList()
      }
      etcd.putAsync("/watched/a", "1", PutOptions.defaults()).await()
      etcd.deleteRangeAsync("/watched/a", DeleteRangeOptions.defaults()).await()
      watching.await()
    }
    // [END kotlin-v3-watch-flow]
    out.println("watched: $changes")
    client -= "/watched"
  }
}
