package link.etcd

import java.time.Duration
import java.util.concurrent.CopyOnWriteArrayList
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import link.etcd.kotlin.watchFlow
import link.etcd.testing.EtcdProcess
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Test

/**
 * watchFlow ends the same way on both APIs when the watch fails for good: it emits the
 * [WatchEvent.Failed], then fails with its [EtcdException]. Each test stops its own etcd under the
 * watch.
 */
class WatchFlowFailureTest {
  @Test fun theV2FlowEmitsFailedThenFails() = endsWithFailed(EtcdSettings.Api.V2)

  @Test fun theV3FlowEmitsFailedThenFails() = endsWithFailed(EtcdSettings.Api.V3)

  private fun endsWithFailed(api: EtcdSettings.Api) = runBlocking {
    val etcd = EtcdProcess.start()
    val settings = EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort()).api(api).build()
    val options = WatchOptions.defaults().withRetryTimeout(Duration.ofSeconds(1))
    val v2 = if (api == EtcdSettings.Api.V2) EtcdClient(settings) else null
    val v3 = if (api == EtcdSettings.Api.V3) EtcdV3Client(settings) else null
    try {
      val flow: Flow<WatchEvent> =
        v2?.watchFlow("/flow/key", options) ?: v3!!.watchFlow("/flow/key", options)
      val events = CopyOnWriteArrayList<WatchEvent>()
      val watching = CompletableDeferred<Unit>()
      val failure =
        async(Dispatchers.IO) {
          runCatching {
              flow.collect { event ->
                events += event
                watching.complete(Unit)
              }
            }
            .exceptionOrNull()
        }
      withTimeout(30_000) {
        while (!watching.isCompleted) {
          if (v2 != null) v2.write("/flow/key", "x") else v3!!.put("/flow/key", "x")
          delay(200)
        }
      }
      etcd.close()
      val error = withTimeout(60_000) { failure.await() }
      val last = assertInstanceOf(WatchEvent.Failed::class.java, events.last())
      assertSame(last.error, error)
    } finally {
      v2?.close()
      v3?.close()
      etcd.close()
    }
  }
}
