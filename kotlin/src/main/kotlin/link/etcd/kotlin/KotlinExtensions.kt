// What only Kotlin can express over the Java API: a reified get<T>, receiver blocks for trees, a
// Flow of watch
// events. Every function is @JvmSynthetic, so Java code completion never lists them. To suspend on
// a call, await
// its ...Async form with kotlinx-coroutines: client.readAsync(key, ReadOptions.defaults()).await().
@file:JvmName("KotlinExtensions")

package link.etcd.kotlin

import java.lang.reflect.ParameterizedType
import java.lang.reflect.Type
import java.time.Duration
import java.util.function.Consumer
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.channels.awaitClose
import kotlinx.coroutines.channels.trySendBlocking
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.callbackFlow
import kotlinx.coroutines.flow.flowOn
import link.etcd.EtcdClient
import link.etcd.EtcdException
import link.etcd.EtcdV3Client
import link.etcd.WatchEvent
import link.etcd.WatchOptions
import link.etcd.Watcher
import link.etcd.dsl.DirBuilder
import link.etcd.dsl.EtcdDsl
import link.etcd.dsl.EtcdTree
import link.etcd.middleware.EtcdMiddleware

// Kotlin 2.1 warns that the member get(path) shadows this, but a call with a type argument,
// get<Svc>(path), cannot
// call that member, which has none, and so calls this.
/**
 * Reads the tree at [path] into [T], which may be generic (`client.get<List<Svc>>("/services")`);
 * see [EtcdMiddleware.get]. A Kotlin class maps when moshi-kotlin is on the class path.
 */
@Suppress("EXTENSION_SHADOWED_BY_MEMBER")
@JvmSynthetic
inline fun <reified T : Any> EtcdMiddleware.get(path: String): T =
  get(path, object : TypeCapture<T>() {}.type)

/**
 * Captures a reified type argument with its generic arguments, as the superclass of an anonymous
 * subclass (`typeOf<T>().javaType` would do it too, but is still experimental in Kotlin 2.1).
 */
@PublishedApi
internal abstract class TypeCapture<T> {
  val type: Type
    get() = (javaClass.genericSuperclass as ParameterizedType).actualTypeArguments[0]
}

/**
 * Builds a tree in a receiver block and makes [path] hold exactly that tree, like
 * [EtcdTree.replace]:
 * ```
 * client.tree("/collection") {
 *     dir("subcollection") { item("item1"); item("item2") }
 *     put("answer", 42)
 * }
 * ```
 */
@JvmSynthetic
fun EtcdMiddleware.tree(path: String, body: DirScope.() -> Unit) {
  EtcdTree.replace(this, path) { DirScope(it).body() }
}

/**
 * Builds a tree in a receiver block and writes only what it holds under [path], like
 * [EtcdTree.merge].
 */
@JvmSynthetic
fun EtcdMiddleware.mergeTree(path: String, body: DirScope.() -> Unit) {
  EtcdTree.merge(this, path) { DirScope(it).body() }
}

/** Builds a tree in a receiver block without any I/O, like [EtcdTree.build]. */
@JvmSynthetic
fun buildTree(body: DirScope.() -> Unit): EtcdTree = EtcdTree.build { DirScope(it).body() }

/**
 * A directory being built in a [tree], [mergeTree] or [buildTree] block: [DirBuilder] as a Kotlin
 * receiver. DirBuilder's own methods take Java lambdas, which see the builder as `it`, and a Java
 * member always wins over a Kotlin extension of the same name, so nested receiver blocks need this
 * small class of their own.
 */
@EtcdDsl
class DirScope internal constructor(private val builder: DirBuilder) {
  /** Adds [name] holding [value], a scalar or a subtree; see [DirBuilder.put]. */
  fun put(name: String, value: Any) {
    builder.put(name, value)
  }

  /** Adds [name] holding [value], deleted by etcd after [ttl]; see [DirBuilder.put]. */
  fun put(name: String, value: Any, ttl: Duration) {
    builder.put(name, value, ttl)
  }

  /** Adds the subdirectory [name], built by [body]. */
  fun dir(name: String, body: DirScope.() -> Unit) {
    builder.dir(name) { DirScope(it).body() }
  }

  /** Adds [value] as the next list item, named `1`, `2`, ... in order; see [DirBuilder.item]. */
  fun item(value: Any) {
    builder.item(value)
  }

  /** Adds a directory built by [body] as the next list item. */
  fun itemDir(body: DirScope.() -> Unit) {
    builder.itemDir { DirScope(it).body() }
  }

  /**
   * Makes etcd delete this directory, with everything under it, after [ttl]; see [DirBuilder.ttl].
   */
  fun ttl(ttl: Duration) {
    builder.ttl(ttl)
  }
}

/**
 * Watches [key] with [options] as a cold [Flow] of [WatchEvent]s: collecting it starts a [Watcher]
 * (see [EtcdClient.watch]; with `fromIndex` 0, from the moment collection starts) and emits every
 * change in order, or a [WatchEvent.Resync] where etcd had dropped the changes it missed.
 * Cancelling the collector closes the watcher. A slow collector holds the watcher back once 64
 * events wait, rather than losing any. When the watch ends on an error ([WatchEvent.Failed]), the
 * flow emits that event and then fails with its [EtcdException].
 */
@JvmSynthetic
fun EtcdClient.watchFlow(
  key: String,
  options: WatchOptions = WatchOptions.defaults(),
): Flow<WatchEvent> = watcherFlow { listener -> watch(key, options, listener) }

/**
 * Watches [key] with [options] on the v3 API as a cold [Flow] of [WatchEvent]s, as
 * [EtcdClient.watchFlow] does on v2 (see [EtcdV3Client.watch]), with v3's events:
 * [WatchEvent.V3Change] for each change, [WatchEvent.V3Resync] after a compaction. Every watch of a
 * client shares its one watch stream and thread, so a collector that lets 64 events wait holds back
 * the client's other watches too. When the watch ends on an error ([WatchEvent.Failed]), the flow
 * emits that event and then fails with its [EtcdException].
 */
@JvmSynthetic
fun EtcdV3Client.watchFlow(
  key: String,
  options: WatchOptions = WatchOptions.defaults(),
): Flow<WatchEvent> = watcherFlow { listener -> watch(key, options, listener) }

/**
 * The flow of the events a watcher started by [start] hands its listener: a watch that ends on an
 * error emits its [WatchEvent.Failed] and then fails the flow with its [EtcdException]; cancelling
 * the collector closes the watcher.
 */
private fun watcherFlow(start: (Consumer<WatchEvent>) -> Watcher): Flow<WatchEvent> =
  callbackFlow {
      val watcher =
        start(
          Consumer { event ->
            channel.trySendBlocking(event)
            if (event is WatchEvent.Failed) {
              channel.close(event.error)
            }
          }
        )
      awaitClose { watcher.close() }
    }
    .flowOn(Dispatchers.IO)
