/**
 * Starts and stops a real etcd server, or a real 3-member cluster, with the v2 API enabled, on
 * loopback for tests and the examples runner.
 *
 * <pre>
 * // In a JUnit 5 test: one server shared by the whole test run.
 * &#64;ExtendWith(EtcdExtension.class)
 * class FooTest {
 *   &#64;Test
 *   void x(EtcdProcess etcd) {
 *     String url = etcd.clientUrl(); // for example http://127.0.0.1:40123
 *   }
 * }
 *
 * // A 3-member cluster per test class, for fault tests (kill, pause, restart a member).
 * &#64;ExtendWith(EtcdClusterExtension.class)
 * class FailoverTest {
 *   &#64;Test
 *   void x(EtcdCluster cluster) {
 *     cluster.kill(cluster.leader());
 *   }
 * }
 *
 * // Anywhere else: start and stop one yourself.
 * try (EtcdProcess etcd = EtcdProcess.start()) {
 *   runExamples(etcd.clientUrl());
 * }
 * </pre>
 */
@NullMarked
package link.etcd.testing;

import org.jspecify.annotations.NullMarked;
