package link.etcd

import java.util.concurrent.atomic.AtomicLong
import link.etcd.kotlin.get
import link.etcd.kotlin.mergeTree
import link.etcd.kotlin.tree
import link.etcd.middleware.EtcdMiddleware
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInfo
import org.junit.jupiter.params.ParameterizedClass
import org.junit.jupiter.params.provider.MethodSource

/**
 * The middleware's Kotlin extensions (operators, receiver blocks, reified get) against a real etcd,
 * on both APIs.
 */
@ParameterizedClass
@MethodSource("link.etcd.Target#all")
class KotlinMiddlewareExtensionsTest(target: Target, test: TestInfo) {
  private val middleware = EtcdMiddleware(target.settings())
  private val prefix =
    "/kotlin-middleware-test/${test.testMethod.orElseThrow().name}-${PREFIXES.incrementAndGet()}"

  @AfterEach
  fun close() {
    middleware.close()
  }

  @Test
  fun treeReplacesAndMergeTreeKeeps() {
    middleware["$prefix/c"] = mapOf("old" to "x")
    middleware.tree("$prefix/c") {
      dir("subcollection") {
        item("item1")
        item("item2")
      }
      put("answer", 42)
    }
    assertEquals(
      mapOf("answer" to "42", "subcollection" to listOf("item1", "item2")),
      middleware["$prefix/c"],
    )
    middleware.mergeTree("$prefix/c") { put("more", "y") }
    assertEquals(
      mapOf("answer" to "42", "more" to "y", "subcollection" to listOf("item1", "item2")),
      middleware["$prefix/c"],
    )
  }

  data class Svc(
    val host: String,
    val port: Int,
    val tags: List<String> = listOf(),
    val note: String? = null,
  )

  @Test
  fun dataClassesRoundTripThroughReifiedGet() {
    middleware["$prefix/svc"] = Svc("h", 80, listOf("a", "b"))
    assertEquals(
      mapOf("host" to "h", "port" to "80", "tags" to listOf("a", "b")),
      middleware["$prefix/svc"],
    )
    assertEquals(Svc("h", 80, listOf("a", "b")), middleware.get<Svc>("$prefix/svc"))
    middleware["$prefix/more/1"] = Svc("i", 81)
    assertEquals(listOf(Svc("i", 81)), middleware.get<List<Svc>>("$prefix/more"))
  }

  @Test
  fun aLeafThatDoesNotConvertNamesItsKey() {
    middleware["$prefix/svc"] = mapOf("host" to "h", "port" to "eighty")
    val e =
      assertThrows(IllegalArgumentException::class.java) { middleware.get<Svc>("$prefix/svc") }
    assertEquals("Expected an int but was \"eighty\" at $prefix/svc/port", e.message)
  }

  private companion object {
    val PREFIXES = AtomicLong()
  }
}
