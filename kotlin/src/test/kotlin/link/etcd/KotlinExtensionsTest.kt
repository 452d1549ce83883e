package link.etcd

import java.util.concurrent.atomic.AtomicLong
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.future.await
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import link.etcd.kotlin.buildTree
import link.etcd.kotlin.watchFlow
import link.etcd.middleware.EtcdMiddleware
import link.etcd.testing.EtcdExtension
import link.etcd.testing.EtcdProcess
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInfo
import org.junit.jupiter.api.extension.ExtendWith

/** KotlinExtensions.kt against a real etcd, compiled with -Werror and JSpecify's strict mode. */
@ExtendWith(EtcdExtension::class)
class KotlinExtensionsTest(etcd: EtcdProcess, test: TestInfo) {
  private val settings = EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort()).build()
  private val middleware = EtcdMiddleware(settings)
  private val client = middleware.client()
  private val prefix =
    "/kotlin-extensions-test/${test.testMethod.orElseThrow().name}-${PREFIXES.incrementAndGet()}"

  @AfterEach
  fun close() {
    middleware.close()
  }

  @Test
  fun receiverBlocksBuildNestedDirectories() {
    val tree = buildTree {
      dir("subcollection") {
        item("item1")
        item("item2")
      }
      itemDir { put("deep", true) }
      put("answer", 42)
    }
    assertEquals(
      mapOf(
        "subcollection" to listOf("item1", "item2"),
        "1" to mapOf("deep" to true),
        "answer" to 42,
      ),
      tree.toTree(),
    )
  }

  @Test
  fun suspendingWriteAndReadGiveNullableAndNonNullTypes() = runBlocking {
    client.writeAsync("$prefix/a", "1", WriteOptions.defaults()).await()
    val node: EtcdNode = client.readAsync("$prefix/a", ReadOptions.defaults()).await().node
    val value: String? = node.value
    val prevNode: EtcdNode? =
      client.writeAsync("$prefix/a", "2", WriteOptions.defaults()).await().prevNode
    assertEquals("1", value)
    assertEquals("1", prevNode?.value)
    assertNull(client.mkdirAsync("$prefix/dir").await().node.value)
  }

  @Test
  fun suspendingCallsThrowTheEtcdExceptionItself() {
    runBlocking { client.writeAsync("$prefix/lock", "me", WriteOptions.defaults()).await() }
    val e =
      assertThrows(EtcdCompareFailedException::class.java) {
        runBlocking { client.compareAndSwapAsync("$prefix/lock", "you", "someone else").await() }
      }
    assertEquals(101, e.serverCode())
    assertThrows(EtcdKeyNotFoundException::class.java) {
      runBlocking { client.readAsync("$prefix/missing", ReadOptions.defaults()).await() }
    }
  }

  @Test
  fun watchFlowEmitsEveryChangeInOrderAndEndsWithTheCollector() = runBlocking {
    val from =
      client
        .writeAsync("$prefix/flow/start", "0", WriteOptions.defaults())
        .await()
        .node
        .modifiedIndex + 1
    val options = WatchOptions.defaults().withRecursive(true).withFromIndex(from)
    val events = async { client.watchFlow("$prefix/flow", options).take(3).toList() }
    for (i in 1..3) {
      client.writeAsync("$prefix/flow/k$i", "$i", WriteOptions.defaults()).await()
    }
    val values =
      withTimeout(10_000) { events.await() }.map { (it as WatchEvent.Change).response.node.value }
    assertEquals(listOf("1", "2", "3"), values)
  }

  @Test
  fun bothWatchFlowsEmitTheFailedEventThenFailWithItsError() = runBlocking {
    val closedPort = java.net.ServerSocket(0).use { it.localPort }
    val options =
      WatchOptions.defaults().withFromIndex(1).withRetryTimeout(java.time.Duration.ofSeconds(1))
    for (api in EtcdSettings.Api.values()) {
      val unreachable = EtcdSettings.builder().api(api).host("127.0.0.1").port(closedPort).build()
      EtcdMiddleware(unreachable).use { gone ->
        val flow =
          if (api == EtcdSettings.Api.V3) gone.v3Client().watchFlow("/a", options)
          else gone.client().watchFlow("/a", options)
        val seen = mutableListOf<WatchEvent>()
        val error =
          assertThrows(EtcdException::class.java) {
            runBlocking { withTimeout(30_000) { flow.collect { seen += it } } }
          }
        val failed = seen.single() as WatchEvent.Failed
        assertEquals(failed.error, error, "$api")
      }
    }
  }

  @Test
  fun cancellingTheCoroutineStopsTheWatch() = runBlocking {
    assertThrows(TimeoutCancellationException::class.java) {
      runBlocking { withTimeout(200) { client.watchOnceAsync("$prefix/never", 0, false).await() } }
    }
    val before =
      client
        .writeAsync("$prefix/next", "before", WriteOptions.defaults())
        .await()
        .node
        .modifiedIndex
    val change = async { client.watchOnceAsync("$prefix/next", before + 1, false).await() }
    client.writeAsync("$prefix/next", "now", WriteOptions.defaults()).await()
    assertEquals("now", change.await().node.value)
  }

  @Test
  fun javaCodeCompletionSeesNoneOfTheKotlinHelpers() {
    val facade = Class.forName("link.etcd.kotlin.KotlinExtensions")
    val visible =
      facade.declaredMethods.filter {
        java.lang.reflect.Modifier.isPublic(it.modifiers) && !it.isSynthetic
      }
    assertEquals(listOf<String>(), visible.map { it.name })
  }

  private companion object {
    val PREFIXES = AtomicLong()
  }
}
