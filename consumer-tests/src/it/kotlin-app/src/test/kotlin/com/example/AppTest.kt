package com.example

import java.io.ByteArrayOutputStream
import java.io.PrintStream
import link.etcd.EtcdSettings
import link.etcd.middleware.EtcdMiddleware
import link.etcd.testing.EtcdExtension
import link.etcd.testing.EtcdProcess
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.ExtendWith

@ExtendWith(EtcdExtension::class)
class AppTest {
    @Test
    fun mainWritesAndReadsBack(etcd: EtcdProcess) {
        val out = stdoutOf { main(arrayOf("${etcd.host()}:${etcd.clientPort()}")) }

        assertEquals(
            """
            tree: {subcollection=[item1, item2]}
            config: world on 9090
            record: Service(host=api.example, port=8443, tags=[blue])

            """.trimIndent(),
            out)
        val settings = EtcdSettings.builder().api(EtcdSettings.Api.V3).host(etcd.host()).port(etcd.clientPort()).build()
        EtcdMiddleware(settings).use { check ->
            assertEquals(mapOf("subcollection" to listOf("item1", "item2"), "answer" to "42"), check["/collection"])
            assertEquals("9090", check["/myapp/app.conf/HTTP/port"])
        }
    }

    private fun stdoutOf(block: () -> Unit): String {
        val stdout = System.out
        val bytes = ByteArrayOutputStream()
        System.setOut(PrintStream(bytes, true, Charsets.UTF_8))
        try {
            block()
        } finally {
            System.setOut(stdout)
        }
        return bytes.toString(Charsets.UTF_8)
    }
}
