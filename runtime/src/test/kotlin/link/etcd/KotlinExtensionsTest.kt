package link.etcd

import java.util.concurrent.atomic.AtomicLong
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
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
    private val prefix = "/kotlin-extensions-test/${test.testMethod.orElseThrow().name}-${PREFIXES.incrementAndGet()}"

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
            mapOf("subcollection" to listOf("item1", "item2"), "1" to mapOf("deep" to true), "answer" to 42),
            tree.toTree(),
        )
    }

    @Test
    fun suspendingWriteAndReadGiveNullableAndNonNullTypes() = runBlocking {
        client.writeAwait("$prefix/a", "1")
        val node: EtcdNode = client.readAwait("$prefix/a").node
        val value: String? = node.value
        val prevNode: EtcdNode? = client.writeAwait("$prefix/a", "2").prevNode
        assertEquals("1", value)
        assertEquals("1", prevNode?.value)
        assertNull(client.mkdirAwait("$prefix/dir").node.value)
    }

    @Test
    fun suspendingCallsThrowTheEtcdExceptionItself() {
        runBlocking { client.writeAwait("$prefix/lock", "me") }
        val e = assertThrows(EtcdCompareFailedException::class.java) {
            runBlocking { client.compareAndSwapAwait("$prefix/lock", "you", "someone else") }
        }
        assertEquals(101, e.serverCode())
        assertThrows(EtcdKeyNotFoundException::class.java) {
            runBlocking { client.readAwait("$prefix/missing") }
        }
    }

    @Test
    fun watchFlowEmitsEveryChangeInOrderAndEndsWithTheCollector() = runBlocking {
        val from = client.writeAwait("$prefix/flow/start", "0").node.modifiedIndex + 1
        val options = WatchOptions.defaults().withRecursive(true).withFromIndex(from)
        val events = async { client.watchFlow("$prefix/flow", options).take(3).toList() }
        for (i in 1..3) {
            client.writeAwait("$prefix/flow/k$i", "$i")
        }
        val values = withTimeout(10_000) { events.await() }
            .map { (it as WatchEvent.Change).response.node.value }
        assertEquals(listOf("1", "2", "3"), values)
    }

    @Test
    fun cancellingTheCoroutineStopsTheWatch() = runBlocking {
        assertThrows(TimeoutCancellationException::class.java) {
            runBlocking { withTimeout(200) { client.watchOnceAwait("$prefix/never") } }
        }
        val before = client.writeAwait("$prefix/next", "before").node.modifiedIndex
        val change = async { client.watchOnceAwait("$prefix/next", before + 1) }
        client.writeAwait("$prefix/next", "now")
        assertEquals("now", change.await().node.value)
    }

    private companion object {
        val PREFIXES = AtomicLong()
    }
}
