package com.example

import link.etcd.EtcdSettings
import link.etcd.kotlin.get
import link.etcd.kotlin.mergeTree
import link.etcd.middleware.EtcdMiddleware

/** A service as a Kotlin data class: stored as a tree, read back whole (moshi-kotlin maps it). */
data class Service(val host: String, val port: Int, val tags: List<String>)

fun main(args: Array<String>) {
    val settings = EtcdSettings.builder().api(EtcdSettings.Api.V3).endpoints(listOf(args[0])).build()   // "127.0.0.1:2379"
    EtcdMiddleware(settings).use { etcd ->
        etcd["/collection"] = mapOf("subcollection" to listOf("item1", "item2"))
        println("tree: ${etcd["/collection"]}")

        val config = AppConfigAccessor.of(etcd)                  // generated from AppConfig
        config.port = 9090
        println("config: ${config.greeting} on ${config.port}")

        etcd.mergeTree("/collection") { put("answer", 42) }
        etcd["/services/api"] = Service("api.example", 8443, listOf("blue"))
        println("record: ${etcd.get<Service>("/services/api")}")
    }
}
