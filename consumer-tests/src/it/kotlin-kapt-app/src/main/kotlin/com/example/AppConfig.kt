package com.example

import link.etcd.schema.Category
import link.etcd.schema.ConfigSchema
import link.etcd.schema.Default

@ConfigSchema(paths = ["myapp/app.conf"], category = "APP")
interface AppConfig {
    @get:Default("world")
    var greeting: String

    @get:Category("HTTP") @get:Default("8080")
    var port: Int
}
