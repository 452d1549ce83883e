@file:JvmName("KotlinExtensions")

package link.etcd

import java.time.Duration
import kotlinx.coroutines.future.await

// Suspending forms of EtcdClient's ...Async calls. They need kotlinx-coroutines-core on the class path (an
// optional dependency of link-etcd-runtime). Cancelling the coroutine cancels the future, and so the HTTP request.

/** Reads [key] with [options], suspending instead of blocking; see [EtcdClient.read]. */
suspend fun EtcdClient.readAwait(key: String, options: ReadOptions = ReadOptions.defaults()): EtcdResponse =
    readAsync(key, options).await()

/** Writes [value] at [key] with [options], suspending instead of blocking; see [EtcdClient.write]. */
suspend fun EtcdClient.writeAwait(
    key: String,
    value: String?,
    options: WriteOptions = WriteOptions.defaults(),
): EtcdResponse = writeAsync(key, value, options).await()

/** Creates the directory [key], suspending instead of blocking; see [EtcdClient.mkdir]. */
suspend fun EtcdClient.mkdirAwait(key: String): EtcdResponse = mkdirAsync(key).await()

/** Adds [value] as a new in-order item of [key], suspending instead of blocking; see [EtcdClient.append]. */
suspend fun EtcdClient.appendAwait(key: String, value: String, ttl: Duration? = null): EtcdResponse =
    appendAsync(key, value, ttl).await()

/** Deletes [key] with [options], suspending instead of blocking; see [EtcdClient.delete]. */
suspend fun EtcdClient.deleteAwait(key: String, options: DeleteOptions = DeleteOptions.defaults()): EtcdResponse =
    deleteAsync(key, options).await()

/** Writes [value] only if [key] holds [prevValue], suspending instead of blocking. */
suspend fun EtcdClient.compareAndSwapAwait(key: String, value: String, prevValue: String): EtcdResponse =
    compareAndSwapAsync(key, value, prevValue).await()

/** Writes [value] only if [key] was last modified at [prevIndex], suspending instead of blocking. */
suspend fun EtcdClient.compareAndSwapAwait(key: String, value: String, prevIndex: Long): EtcdResponse =
    compareAndSwapAsync(key, value, prevIndex).await()

/** Deletes [key] only if it holds [prevValue], suspending instead of blocking. */
suspend fun EtcdClient.compareAndDeleteAwait(key: String, prevValue: String): EtcdResponse =
    compareAndDeleteAsync(key, prevValue).await()

/** Deletes [key] only if it was last modified at [prevIndex], suspending instead of blocking. */
suspend fun EtcdClient.compareAndDeleteAwait(key: String, prevIndex: Long): EtcdResponse =
    compareAndDeleteAsync(key, prevIndex).await()

/**
 * Waits for the first change of [key] at or after [waitIndex] (`0`: the next one), suspending instead of blocking;
 * cancel the coroutine to stop waiting. See [EtcdClient.watchOnce].
 */
suspend fun EtcdClient.watchOnceAwait(key: String, waitIndex: Long = 0, recursive: Boolean = false): EtcdResponse =
    watchOnceAsync(key, waitIndex, recursive).await()

/** Lists the cluster's members, suspending instead of blocking; see [EtcdClient.members]. */
suspend fun EtcdClient.membersAwait(): List<EtcdMember> = membersAsync().await()

/** Reads this member's statistics, suspending instead of blocking; see [EtcdClient.selfStats]. */
suspend fun EtcdClient.selfStatsAwait(): Map<String, Any> = selfStatsAsync().await()

/** Reads the leader's statistics, suspending instead of blocking; see [EtcdClient.leaderStats]. */
suspend fun EtcdClient.leaderStatsAwait(): Map<String, Any> = leaderStatsAsync().await()

/** Reads the store's statistics, suspending instead of blocking; see [EtcdClient.storeStats]. */
suspend fun EtcdClient.storeStatsAwait(): Map<String, Any> = storeStatsAsync().await()

/** Reads the server and cluster versions, suspending instead of blocking; see [EtcdClient.version]. */
suspend fun EtcdClient.versionAwait(): EtcdVersion = versionAsync().await()

/** Checks the member's health, suspending instead of blocking; see [EtcdClient.health]. */
suspend fun EtcdClient.healthAwait(): Boolean = healthAsync().await()
