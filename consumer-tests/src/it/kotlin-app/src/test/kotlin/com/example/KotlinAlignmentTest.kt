package com.example

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** link-etcd-kotlin brings kotlin-reflect at this project's Kotlin, newer than link-etcd's own. */
class KotlinAlignmentTest {
    @Test
    fun kotlinStdlibAndReflectAreThisProjectsKotlin() {
        assertTrue(KotlinVersion.CURRENT.isAtLeast(2, 4), "kotlin-stdlib ${KotlinVersion.CURRENT}")
        val reflect = Class.forName("kotlin.reflect.full.KClasses").`package`.implementationVersion
        assertEquals(KotlinVersion.CURRENT.toString(), reflect.substringBefore('-'), "kotlin-reflect $reflect")
    }
}
